// Alarms raised now (for the wall-board and the supervisors' screens) and the history of them.
import type { Db } from "../shared/tx.ts";

export interface RaisedAlarm {
  id: string;
  alarmId: string;
  name: string;
  kind: string;
  threshold: number;
  subjectName: string;
  raisedAt: Date;
  clearedAt: Date | null;
  peakValue: number;
  lastValue: number;
}

const select = {
  id: true,
  alarmId: true,
  subjectName: true,
  raisedAt: true,
  clearedAt: true,
  peakValue: true,
  lastValue: true,
  alarm: { select: { name: true, kind: true, threshold: true } },
} as const;

type Row = {
  id: string;
  alarmId: string;
  subjectName: string;
  raisedAt: Date;
  clearedAt: Date | null;
  peakValue: number;
  lastValue: number;
  alarm: { name: string; kind: string; threshold: number };
};
const view = (r: Row): RaisedAlarm => ({
  id: r.id,
  alarmId: r.alarmId,
  name: r.alarm.name,
  kind: r.alarm.kind,
  threshold: r.alarm.threshold,
  subjectName: r.subjectName,
  raisedAt: r.raisedAt,
  clearedAt: r.clearedAt,
  peakValue: r.peakValue,
  lastValue: r.lastValue,
});

export async function raisedAlarms(organizationId: string, db: Db): Promise<RaisedAlarm[]> {
  const rows = await db.alarmOccurrence.findMany({ where: { organizationId, clearedAt: null }, select, orderBy: { raisedAt: "asc" } });
  return rows.map(view);
}

/** The latest occurrences, raised or cleared, newest first. */
export async function alarmHistory(organizationId: string, limit: number, db: Db): Promise<RaisedAlarm[]> {
  const rows = await db.alarmOccurrence.findMany({ where: { organizationId }, select, orderBy: { raisedAt: "desc" }, take: limit });
  return rows.map(view);
}
