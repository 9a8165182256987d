"use client";
// The trend of a queue report: offered, answered and abandoned calls per interval as columns, the
// service level as a line against its target (Chart.js, only the parts used registered: ~63 KiB).
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { Chart } from "react-chartjs-2";

ChartJS.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface TrendPoint {
  label: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** 0–1; null: nothing counted. */
  serviceLevel: number | null;
}

export interface TrendWords {
  offered: string;
  answered: string;
  abandoned: string;
  serviceLevel: string;
  target: string;
  calls: string;
  label: string;
  percent: (share: number) => string;
  number: (n: number) => string;
}

export function TrendChart({ points, target, words }: { points: TrendPoint[]; target: number | null; words: TrendWords }) {
  const labels = points.map((p) => p.label);
  const bar = (label: string, key: "offered" | "answered" | "abandoned", color: string) => ({
    type: "bar" as const,
    label,
    data: points.map((p) => p[key]),
    backgroundColor: color,
    yAxisID: "calls",
    order: 2,
  });
  const datasets = [
    bar(words.offered, "offered", "#cbd5e1"),
    bar(words.answered, "answered", "#4f46e5"),
    bar(words.abandoned, "abandoned", "#f97316"),
    {
      type: "line" as const,
      label: words.serviceLevel,
      data: points.map((p) => (p.serviceLevel === null ? null : Math.round(p.serviceLevel * 1000) / 10)),
      borderColor: "#059669",
      backgroundColor: "#059669",
      yAxisID: "sl",
      spanGaps: true,
      pointRadius: points.length > 60 ? 0 : 3,
      order: 1,
    },
    ...(target === null
      ? []
      : [
          {
            type: "line" as const,
            label: words.target,
            data: points.map(() => target),
            borderColor: "#059669",
            borderDash: [6, 4],
            borderWidth: 1,
            pointRadius: 0,
            yAxisID: "sl",
            order: 0,
          },
        ]),
  ];
  return (
    <div className="relative h-72" role="img" aria-label={words.label}>
      <Chart
        type="bar"
        data={{ labels, datasets }}
        options={{
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            calls: {
              type: "linear",
              position: "left",
              beginAtZero: true,
              title: { display: true, text: words.calls },
              ticks: { precision: 0, callback: (v) => words.number(Number(v)) },
            },
            sl: {
              type: "linear",
              position: "right",
              min: 0,
              max: 100,
              grid: { drawOnChartArea: false },
              ticks: { callback: (v) => words.percent(Number(v) / 100) },
            },
          },
          plugins: {
            legend: { position: "bottom" },
            tooltip: {
              callbacks: {
                label: (ctx) =>
                  ctx.dataset.yAxisID === "sl"
                    ? `${ctx.dataset.label}: ${words.percent(Number(ctx.parsed.y) / 100)}`
                    : `${ctx.dataset.label}: ${words.number(Number(ctx.parsed.y))}`,
              },
            },
          },
        }}
      />
    </div>
  );
}
