// Today's steps of an organisation's live interactions, and its agents' wrap-ups, as the figures
// need them. A busy day has tens of thousands of steps and the board is read on every change, so
// each process keeps the day's steps and reads only those since its last read — with a margin,
// since a step is written with its time before its transaction commits (a later read still meets
// it; duplicates are told apart by id). A new day starts afresh.
import type { Db } from "../shared/tx.ts";
import type { Step, WrapUpSpan } from "./today-figures.ts";

/** Calls and chats: work a customer waits for live. E-mails have reports of their own. */
export const LIVE_CHANNELS = ["VOICE", "CHAT"] as const;
const STEP_TYPES = ["queued", "transfer_requested", "accepted", "abandoned", "overflowed", "ended"];
/** How late a step may commit after its time and still be read. */
const MARGIN_MS = 60_000;
const MAX_ORGANIZATIONS = 1000;

interface Day {
  dayStart: number;
  steps: Map<string, Step>;
  wrapUps: Map<string, WrapUpSpan>;
  /** Up to when the rows have been read (the clock of the last read). */
  readUntil: number;
}
const days = new Map<string, Day>();

export async function todaySteps(organizationId: string, dayStart: Date, now: Date, db: Db): Promise<{ steps: Step[]; wrapUps: WrapUpSpan[] }> {
  let day = days.get(organizationId);
  if (!day || day.dayStart !== dayStart.getTime() || now.getTime() < day.readUntil - MARGIN_MS) {
    day = { dayStart: dayStart.getTime(), steps: new Map(), wrapUps: new Map(), readUntil: 0 };
    if (days.size >= MAX_ORGANIZATIONS) days.delete(days.keys().next().value!);
    days.set(organizationId, day);
  }
  const since = new Date(Math.max(day.dayStart, day.readUntil - MARGIN_MS));
  const [steps, wrapUps] = await Promise.all([
    db.interactionEvent.findMany({
      where: { organizationId, at: { gte: since }, type: { in: STEP_TYPES }, interaction: { channel: { in: [...LIVE_CHANNELS] } } },
      select: { id: true, interactionId: true, type: true, queueId: true, agentId: true, at: true, data: true, interaction: { select: { queueId: true } } },
    }),
    // A wrap-up that began earlier today may have ended since: its end is what changed.
    db.agentStateChange.findMany({
      where: {
        organizationId,
        state: "WRAP_UP",
        startedAt: { gte: dayStart },
        OR: [{ startedAt: { gte: since } }, { endedAt: null }, { endedAt: { gte: since } }],
      },
      select: { id: true, userId: true, startedAt: true, endedAt: true },
    }),
  ]);
  for (const s of steps) {
    // An abandoned step names no queue: it was the one the interaction was waiting in. Only the
    // customer abandons; an end by the system (a queue closing) leaves the queue unanswered.
    const queueId = s.queueId ?? (s.type === "abandoned" ? s.interaction.queueId : null);
    const type = s.type === "abandoned" && (s.data as { by?: string } | null)?.by !== "CONTACT" ? "left" : s.type;
    day.steps.set(s.id, { interactionId: s.interactionId, type, queueId, agentId: s.agentId, at: s.at });
  }
  for (const w of wrapUps) day.wrapUps.set(w.id, { agentId: w.userId, startedAt: w.startedAt, endedAt: w.endedAt });
  day.readUntil = Math.max(day.readUntil, now.getTime());
  return { steps: [...day.steps.values()], wrapUps: [...day.wrapUps.values()] };
}
