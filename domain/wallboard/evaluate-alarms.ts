// Evaluates an organisation's alarms against its figures now: raises, keeps and clears their
// occurrences (alarm-rules.ts decides) and tells the chosen people by e-mail and numbers by SMS.
// Safe on several nodes at once: an alarm and subject have at most one open occurrence (openKey is
// unique), and an occurrence clears once (the update that clears it is conditional).
import type { Deps } from "../ports.ts";
import { type AlarmKind, decide, isAlarmKind, isQueueKind } from "./alarm-rules.ts";
import type { Db } from "../shared/tx.ts";
import { mailAlarm } from "./alarm-mail.ts";
import { textAlarm } from "./alarm-sms.ts";
import { mailboxHealth, smsLinkHealth } from "./link-health.ts";
import { type QueueTile, readQueueTiles } from "./read-wallboard.ts";

/** A trunk still registering this long counts as unregistered. */
const REGISTERING_GRACE_MS = 30_000;

type EvalDeps = Pick<Deps, "db" | "now" | "mail" | "log" | "events">;

function queueValue(kind: AlarmKind, t: QueueTile, now: Date): number | null {
  switch (kind) {
    case "SIGNED_IN_AT_MOST":
      return t.agentsSignedIn;
    case "READY_AT_MOST":
      return t.agentsReady;
    case "LONGEST_WAIT_ABOVE":
      return t.longestWaitingSince ? Math.floor((now.getTime() - t.longestWaitingSince.getTime()) / 1000) : 0;
    case "SERVICE_LEVEL_BELOW":
      return t.today.serviceLevel;
    case "ABANDON_RATE_ABOVE":
      return t.today.abandonRate;
    default:
      return null;
  }
}

/** Returns whether anything was raised or cleared. */
export async function evaluateAlarms(organizationId: string, deps: EvalDeps, clearAfterMs?: number): Promise<boolean> {
  const db = deps.db;
  const now = deps.now();
  const [alarms, open] = await Promise.all([
    db.alarm.findMany({ where: { organizationId, active: true } }),
    db.alarmOccurrence.findMany({ where: { organizationId, clearedAt: null } }),
  ]);
  if (!alarms.length && !open.length) return false;
  const needs = (test: (kind: AlarmKind) => boolean) => alarms.some((a) => isAlarmKind(a.kind) && test(a.kind));
  const [tiles, trunks, smsLinks, mailboxes] = await Promise.all([
    needs(isQueueKind) ? readQueueTiles(organizationId, deps).then((r) => r.tiles) : Promise.resolve([]),
    needs((k) => k === "TRUNK_UNREGISTERED")
      ? db.sipTrunk.findMany({ where: { organizationId, active: true, register: true }, select: { id: true, name: true, status: true, statusAt: true } })
      : Promise.resolve([]),
    needs((k) => k === "SMS_LINK_DOWN") ? smsLinkHealth(db, organizationId, now) : Promise.resolve([]),
    needs((k) => k === "MAILBOX_FAILING") ? mailboxHealth(db, organizationId, now) : Promise.resolve([]),
  ]);
  const openByKey = new Map(open.map((o) => [o.openKey!, o]));
  const seen = new Set<string>();
  let changed = false;

  for (const alarm of alarms) {
    if (!isAlarmKind(alarm.kind)) continue;
    const kind = alarm.kind;
    const subjectsOf = (): { id: string; name: string; value: number | null }[] => {
      switch (kind) {
        case "TRUNK_UNREGISTERED":
          return trunks
            .filter((t) => !alarm.trunkId || t.id === alarm.trunkId)
            .map((t) => {
              const stuck = t.status === "REGISTERING" && (!t.statusAt || now.getTime() - t.statusAt.getTime() > REGISTERING_GRACE_MS);
              return { id: t.id, name: t.name, value: t.status === "FAILED" || stuck ? 1 : 0 };
            });
        case "SMS_LINK_DOWN":
          return smsLinks;
        case "MAILBOX_FAILING":
          return mailboxes;
        default:
          return tiles
            .filter((t) => !alarm.queueId || t.queueId === alarm.queueId)
            .map((t) => ({ id: t.queueId, name: t.name, value: queueValue(kind, t, now) }));
      }
    };
    const subjects = subjectsOf();
    for (const s of subjects) {
      const openKey = `${alarm.id}:${s.id}`;
      seen.add(openKey);
      const current = openByKey.get(openKey) ?? null;
      const d = decide(kind, alarm.threshold, s.value, current, now, clearAfterMs);
      if (d.action === "RAISE") {
        const raised = await db
          .$transaction(async (tx) => {
            const o = await tx.alarmOccurrence.create({
              data: { organizationId, alarmId: alarm.id, subjectId: s.id, subjectName: s.name, openKey, raisedAt: now, peakValue: d.value, lastValue: d.value },
            });
            await textAlarm(tx, "raised", { alarm, subjectName: s.name, value: d.value, at: now });
            return o;
          })
          .catch((e: { code?: string }) => (e.code === "P2002" ? null : Promise.reject(e)));
        if (raised) {
          changed = true;
          await mailAlarm("raised", { alarm, subjectName: s.name, value: d.value, at: now }, deps);
        }
      } else if (d.action === "KEEP" && current) {
        const same = current.peakValue === d.peakValue && current.lastValue === d.lastValue && current.clearingSince?.getTime() === d.clearingSince?.getTime();
        if (!same) {
          await db.alarmOccurrence.updateMany({
            where: { id: current.id, clearedAt: null },
            data: { peakValue: d.peakValue, lastValue: d.lastValue, clearingSince: d.clearingSince },
          });
        }
      } else if (d.action === "CLEAR" && current) {
        const news = { alarm, subjectName: s.name, value: current.peakValue, at: now };
        if (await clear(current.id, d.lastValue, deps, (tx) => textAlarm(tx, "cleared", news))) {
          changed = true;
          await mailAlarm("cleared", news, deps);
        }
      }
    }
  }
  // Alarms switched off or deleted, queues or trunks gone: what they raised clears now.
  for (const o of open) if (!seen.has(o.openKey!) && (await clear(o.id, o.lastValue, deps))) changed = true;
  if (changed) deps.events.publish("alarm.changed", { organizationId });
  return changed;
}

/** Clears the occurrence once (whichever node gets there first), and then, in the same transaction, `then`. */
async function clear(id: string, lastValue: number, deps: EvalDeps, then?: (tx: Db) => Promise<unknown>) {
  return deps.db.$transaction(async (tx) => {
    const done = await tx.alarmOccurrence.updateMany({
      where: { id, clearedAt: null },
      data: { clearedAt: deps.now(), openKey: null, lastValue, clearingSince: null },
    });
    if (done.count === 1) await then?.(tx);
    return done.count === 1;
  });
}
