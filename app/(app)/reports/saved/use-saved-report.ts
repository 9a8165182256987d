"use client";
// Opening a saved report: /reports/queues?saved=<id> (or /reports/cases, /reports/agents) loads its choices into the report once — the
// period preset as the dates it covers today on the organisation's clock.
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { presetPeriod } from "../../../../domain/reports/report-schedule.ts";
import { wallClock } from "../../../../domain/shared/wall-clock.ts";
import type { Period } from "../period-picker.tsx";
import { type ReportChoice, type SavedReport, SavedReportsQuery } from "./saved-report-query.ts";

export function useSavedReport<P extends ReportChoice["parameters"]>(
  kind: ReportChoice["kind"],
  timezone: string,
  now: number,
  apply: (p: P, period: Period) => void,
): SavedReport | null {
  const [id, setId] = useState<string | null>(null);
  const [opened, setOpened] = useState<SavedReport | null>(null);
  useEffect(() => setId(new URLSearchParams(window.location.search).get("saved")), []);
  const [{ data }] = useQuery({ query: SavedReportsQuery, pause: !id });
  useEffect(() => {
    const saved = data?.savedReports.find((r) => r.id === id);
    if (!saved || saved.kind !== kind || opened?.id === saved.id) return;
    const p = saved.parameters as P;
    const { from, to } = presetPeriod(p.period, timezone, new Date(now));
    apply(p, { preset: "custom", from: wallClock(timezone, from).date, to: wallClock(timezone, new Date(to.getTime() - 1)).date });
    setOpened(saved);
  }, [data, id, kind, opened, timezone, now, apply]);
  return opened;
}
