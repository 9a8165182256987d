"use client";
// Alarms raised now, above the board: what, where, since when, and the figure against the threshold.
import { useTranslations } from "next-intl";
import { useBoardDates } from "./board-dates.ts";
import type { AlarmData } from "./board-types.ts";

export function AlarmBanner({ alarms, timeZone, big = false }: { alarms: AlarmData[]; timeZone: string; big?: boolean }) {
  const t = useTranslations("wallboard");
  const dates = useBoardDates(timeZone);
  if (!alarms.length) return null;
  return (
    <ul className={`mb-4 space-y-2 ${big ? "text-2xl" : "text-sm"}`} role="alert" aria-label={t("alarmsRaised")}>
      {alarms.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-x-3 rounded-lg bg-red-600 px-4 py-2 font-medium text-white" data-testid="alarm">
          <span aria-hidden>⚠</span>
          <span className="font-semibold">{a.name}</span>
          <span>· {a.subjectName}</span>
          <span>· {t(`alarmKind.${a.kind}`, { n: a.threshold })}</span>
          <span className="ml-auto opacity-90">{t("raisedAt", { time: dates.format(a.raisedAt, "time") })}</span>
        </li>
      ))}
    </ul>
  );
}
