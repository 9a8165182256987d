"use client";
// Conversations and answered per interval as columns, the average first response (minutes) as a
// line on its own axis (Chart.js, only the parts used registered, as the queue report's trend).
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { Chart } from "react-chartjs-2";

ChartJS.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface ResponsePoint {
  label: string;
  conversations: number;
  answered: number;
  /** Seconds; null: nobody was answered. */
  firstResponseAvg: number | null;
}

export function ResponseChart({
  points,
  words,
}: {
  points: ResponsePoint[];
  words: { conversations: string; answered: string; firstResponse: string; countAxis: string; responseAxis: string; label: string; number: (n: number) => string };
}) {
  const bar = (label: string, key: "conversations" | "answered", color: string) => ({
    type: "bar" as const,
    label,
    data: points.map((p) => p[key]),
    backgroundColor: color,
    yAxisID: "count",
    order: 2,
  });
  return (
    <div className="relative h-72" role="img" aria-label={words.label}>
      <Chart
        type="bar"
        data={{
          labels: points.map((p) => p.label),
          datasets: [
            bar(words.conversations, "conversations", "#cbd5e1"),
            bar(words.answered, "answered", "#4f46e5"),
            {
              type: "line" as const,
              label: words.firstResponse,
              data: points.map((p) => (p.firstResponseAvg === null ? null : Math.round(p.firstResponseAvg / 6) / 10)),
              borderColor: "#d97706",
              backgroundColor: "#d97706",
              yAxisID: "minutes",
              spanGaps: true,
              pointRadius: points.length > 60 ? 0 : 3,
              order: 1,
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            count: { type: "linear", position: "left", beginAtZero: true, title: { display: true, text: words.countAxis }, ticks: { precision: 0, callback: (v) => words.number(Number(v)) } },
            minutes: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: words.responseAxis }, ticks: { callback: (v) => words.number(Number(v)) } },
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
