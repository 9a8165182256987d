// A call-back nobody picked up is tried again: busy, no answer, declined or a network failure
// bring a new try on the same case, queued in the same queue for `callbackRetryMinutes` later;
// after the queue's last try the case stays open for a person to decide. A call-back that was
// answered is done, and one the agent gave up on (hung up while it rang) is theirs to judge.
// A number that does not exist will not start existing: no new try then either.
import type { Deps } from "../ports.ts";
import { enqueue } from "../routing/enqueue.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { type CallbackData, attemptOf, isCallback } from "./callbacks.ts";
import { openInteraction } from "../interactions/open-interaction.ts";
import { recordEvent } from "../interactions/record-event.ts";

export type CallbackOutcome = "RETRY" | "FAILED" | "NONE";

/** SIP answers that say "not now" rather than "never": busy, no answer, declined, network trouble. */
export function worthRetrying(code: number): boolean {
  return [486, 600, 408, 480, 487, 603].includes(code) || (code >= 500 && code < 600);
}

/** What the end of a call-back's call means. `retries`: the queue's extra tries after the first. */
export function callbackOutcome(input: { answered: boolean; code: number; attempt: number; retries: number }): CallbackOutcome {
  if (input.answered) return "NONE";
  // No failure answer: we ended it ourselves (the agent cancelled), not the network.
  if (input.code < 400) return "NONE";
  if (!worthRetrying(input.code)) return "FAILED";
  return input.attempt <= input.retries ? "RETRY" : "FAILED";
}

/** Why the try failed, in the words the timeline has for calls out (case.event.consultReason). */
export function failureOf(code: number): string {
  if (code === 486 || code === 600) return "BUSY";
  if (code === 404 || code === 484 || code === 410 || code === 604) return "NUMBER_UNKNOWN";
  if (code === 408 || code === 480 || code === 487) return "NO_ANSWER";
  if (code === 403 || code === 603) return "REJECTED";
  if (code >= 500) return "NETWORK_ERROR";
  return "FAILED";
}

/**
 * After a call-back's call ended with a SIP answer (phoneCallEnded): schedules the next try or
 * gives up. Safe to call for any call, and twice: only a call-back's first report counts.
 */
export async function afterCallbackCallEnded(callId: string, code: number, deps: Deps): Promise<CallbackOutcome> {
  const call = await deps.db.call.findUnique({ where: { id: callId }, select: { interactionId: true, answeredAt: true, ivr: true } });
  if (!call?.interactionId || call.ivr) return "NONE";
  const interactionId = call.interactionId;
  // Most calls that end unanswered are callers who hung up in a queue: no transaction for those.
  const seen = await deps.db.interaction.findUnique({ where: { id: interactionId }, select: { direction: true, data: true } });
  if (seen?.direction !== "OUTBOUND" || !isCallback(seen.data)) return "NONE";
  const events = new PendingEvents();
  const outcome = await deps.db.$transaction(async (tx): Promise<CallbackOutcome> => {
    await tx.$queryRaw`select 1 from "Interaction" where "id" = ${interactionId}::uuid for update`;
    const i = await tx.interaction.findUnique({
      where: { id: interactionId },
      select: {
        id: true,
        organizationId: true,
        caseId: true,
        direction: true,
        queueId: true,
        entryPointId: true,
        data: true,
        queueItem: { select: { vip: true } },
      },
    });
    const asked: unknown = i?.data;
    if (!i || i.direction !== "OUTBOUND" || !isCallback(asked) || !i.queueId) return "NONE";
    const decided = await tx.interactionEvent.count({ where: { interactionId: i.id, type: { in: ["callback_retry_scheduled", "callback_failed"] } } });
    if (decided) return "NONE";
    const queue = await tx.queue.findUnique({ where: { id: i.queueId }, select: { callbackRetries: true, callbackRetryMinutes: true } });
    const attempt = attemptOf(asked);
    const retries = queue?.callbackRetries ?? 0;
    let outcome = callbackOutcome({ answered: !!call.answeredAt, code, attempt, retries });
    if (outcome === "NONE") return outcome;
    const now = deps.now();
    const base = { organizationId: i.organizationId, interactionId: i.id, at: now };
    const reason = failureOf(code);
    if (outcome === "RETRY") {
      const at = new Date(now.getTime() + (queue?.callbackRetryMinutes ?? 10) * 60_000);
      const data: CallbackData = { ...asked, attempt: attempt + 1, attempts: retries + 1 };
      const { interaction: next } = await openInteraction(
        tx,
        { organizationId: i.organizationId, case: { id: i.caseId }, channel: "VOICE", direction: "OUTBOUND", entryPointId: i.entryPointId, data, now },
        events,
      );
      const queued = await enqueue(
        tx,
        { organizationId: i.organizationId, queueId: i.queueId, interactionId: next.id, channel: "VOICE", vip: !!i.queueItem?.vip, now, notBefore: at },
        events,
      );
      if (queued.queued) {
        await recordEvent(tx, { ...base, type: "callback_retry_scheduled", data: { attempt: attempt + 1, at: at.toISOString(), code, reason } });
      } else {
        // The queue was switched off meanwhile: nobody would make the next try.
        await tx.interaction.delete({ where: { id: next.id } });
        outcome = "FAILED";
      }
    }
    if (outcome === "FAILED") {
      await recordEvent(tx, { ...base, type: "callback_failed", data: { attempt, code, reason } });
    }
    // The case stays as it is (open, with whoever tried): a person decides what happens next.
    await tx.case.update({ where: { id: i.caseId }, data: { lastActivityAt: now } });
    events.add("case.updated", { organizationId: i.organizationId, caseId: i.caseId });
    return outcome;
  });
  events.publishTo(deps.events);
  return outcome;
}
