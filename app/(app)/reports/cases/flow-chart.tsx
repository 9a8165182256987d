"use client";
// The flow of cases: created and resolved per interval as columns, the backlog at each interval's
// end as a line (Chart.js, only the parts used registered, as the queue report's trend).
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { Chart } from "react-chartjs-2";

ChartJS.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface FlowPoint {
  label: string;
  created: number;
  resolved: number;
  backlog: number;
}

export function FlowChart({
  points,
  words,
}: {
  points: FlowPoint[];
  words: { created: string; resolved: string; backlog: string; cases: string; label: string; number: (n: number) => string };
}) {
  const bar = (label: string, key: "created" | "resolved", color: string) => ({
    type: "bar" as const,
    label,
    data: points.map((p) => p[key]),
    backgroundColor: color,
    order: 2,
  });
  return (
    <div className="relative h-72" role="img" aria-label={words.label}>
      <Chart
        type="bar"
        data={{
          labels: points.map((p) => p.label),
          datasets: [
            bar(words.created, "created", "#94a3b8"),
            bar(words.resolved, "resolved", "#059669"),
            {
              type: "line" as const,
              label: words.backlog,
              data: points.map((p) => p.backlog),
              borderColor: "#4f46e5",
              backgroundColor: "#4f46e5",
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
            y: { beginAtZero: true, title: { display: true, text: words.cases }, ticks: { precision: 0, callback: (v) => words.number(Number(v)) } },
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
