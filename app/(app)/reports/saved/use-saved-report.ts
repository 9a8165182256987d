"use client";
// Opening a saved report: /reports/queues?saved=<id> loads its choices into the report once — the
// period preset as the dates it covers today on the organisation's clock.
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { presetPeriod } from "../../../../domain/reports/report-schedule.ts";
import { wallClock } from "../../../../domain/shared/wall-clock.ts";
import type { Period } from "../period-picker.tsx";
import { type QueueParameters, type SavedReport, SavedReportsQuery } from "./saved-report-query.ts";

export function useSavedReport(timezone: string, now: number, apply: (p: QueueParameters, period: Period) => void): SavedReport | null {
  const [id, setId] = useState<string | null>(null);
  const [opened, setOpened] = useState<SavedReport | null>(null);
  useEffect(() => setId(new URLSearchParams(window.location.search).get("saved")), []);
  const [{ data }] = useQuery({ query: SavedReportsQuery, pause: !id });
  useEffect(() => {
    const saved = data?.savedReports.find((r) => r.id === id);
    if (!saved || opened?.id === saved.id) return;
    const p = saved.parameters as QueueParameters;
    const { from, to } = presetPeriod(p.period, timezone, new Date(now));
    apply(p, { preset: "custom", from: wallClock(timezone, from).date, to: wallClock(timezone, new Date(to.getTime() - 1)).date });
    setOpened(saved);
  }, [data, id, opened, timezone, now, apply]);
  return opened;
}
