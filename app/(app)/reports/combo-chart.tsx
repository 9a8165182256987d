"use client";
// Counts per interval as columns and one measure (a time, a share) as a line on its own right-hand
// axis — the chart the Chat and e-mail and Outbound calls reports draw (Chart.js, only the parts
// used registered).
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { Chart } from "react-chartjs-2";

ChartJS.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface ComboSeries {
  label: string;
  color: string;
  /** One value per label; null: nothing to draw there. */
  values: (number | null)[];
}

export function ComboChart({
  labels,
  bars,
  line,
  words,
}: {
  labels: string[];
  bars: ComboSeries[];
  line: ComboSeries & { axis: string };
  words: { label: string; countAxis: string; number: (n: number) => string };
}) {
  return (
    <div className="relative h-72" role="img" aria-label={words.label}>
      <Chart
        type="bar"
        data={{
          labels,
          datasets: [
            ...bars.map((b) => ({ type: "bar" as const, label: b.label, data: b.values, backgroundColor: b.color, yAxisID: "count", order: 2 })),
            {
              type: "line" as const,
              label: line.label,
              data: line.values,
              borderColor: line.color,
              backgroundColor: line.color,
              yAxisID: "measure",
              spanGaps: true,
              pointRadius: labels.length > 60 ? 0 : 3,
              order: 1,
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            count: {
              type: "linear",
              position: "left",
              beginAtZero: true,
              title: { display: true, text: words.countAxis },
              ticks: { precision: 0, callback: (v) => words.number(Number(v)) },
            },
            measure: {
              type: "linear",
              position: "right",
              beginAtZero: true,
              grid: { drawOnChartArea: false },
              title: { display: true, text: line.axis },
              ticks: { callback: (v) => words.number(Number(v)) },
            },
          },
          plugins: {
            legend: { position: "bottom" },
            tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${words.number(Number(ctx.parsed.y))}` } },
          },
        }}
      />
    </div>
  );
}
