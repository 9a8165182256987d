// Settles a campaign's attempts once their calls are over: what the attempt came to (from the SIP
// answer, the machine detector, the abandon deadline or the agent's result code) and, by the
// campaign's rules (attempt-rules.ts), the contact's next step — done, or due again at a time inside
// the calling window. It runs every dialer pass and reads only committed state, so whatever ended a
// call (a hang-up, a crash and the sweeps after it, a media node lost) the attempt is settled once.
// A call an agent had waits for the agent's result code, or for their wrap-up to end without one.
import type { CampaignOutcome } from "../../../generated/prisma/client.ts";
import { currentWrapUp } from "../../agents/wrap-up.ts";
import { businessHoursSchema } from "../../entry-points/business-hours.ts";
import type { Deps } from "../../ports.ts";
import { instantOf } from "../../shared/wall-clock.ts";
import type { Db } from "../../shared/tx.ts";
import { type AttemptOutcome, afterAttempt, outcomeOfSipCode } from "../attempt-rules.ts";
import { attemptRulesOf } from "../campaign-settings.ts";

/** A call's end reason (endReasonOf, endCall's callers) to an attempt's outcome when nobody answered. */
const UNANSWERED: Record<string, AttemptOutcome> = {
  BUSY: "BUSY",
  NO_ANSWER: "NO_ANSWER",
  NUMBER_UNKNOWN: "INVALID_NUMBER",
  REJECTED: "NO_ANSWER",
};

export interface EndedCall {
  answeredAt: Date | null;
  sipCode: number | null;
  endReason: string;
}

export interface AttemptFacts {
  /** Already decided while the call was on (a machine, an abandoned person). */
  outcome: CampaignOutcome | null;
  amdResult: string | null;
  connectedAt: Date | null;
  /** A person was queued for an agent (they hung up waiting: abandoned). */
  queued: boolean;
  /** The kind of the agent's result code, if they gave one. */
  resultKind: "REACHED" | "RETRY" | "FAILED" | null;
}

/** What an attempt whose call is over came to. Pure. */
export function attemptOutcome(call: EndedCall, a: AttemptFacts): AttemptOutcome {
  if (a.outcome) return a.outcome;
  if (a.connectedAt) return a.resultKind === "RETRY" ? "RETRY" : a.resultKind === "FAILED" ? "FINAL" : "REACHED";
  if (a.queued) return "ABANDONED"; // they hung up waiting for an agent
  if (call.answeredAt) return a.amdResult === "MACHINE" ? "MACHINE" : "NO_ANSWER"; // hung up while we listened
  const byCode = call.sipCode ? outcomeOfSipCode(call.sipCode) : null;
  return byCode ?? UNANSWERED[call.endReason] ?? "NETWORK_ERROR";
}

/** Settles every attempt whose call has ended (of one campaign, or all). Returns how many. */
export async function finishEndedAttempts(deps: Deps, campaignId?: string): Promise<number> {
  const pending = await deps.db.campaignAttempt.findMany({
    where: { endedAt: null, ...(campaignId ? { campaignId } : {}), callId: { not: null } },
    select: { id: true, callId: true },
    take: 500,
  });
  if (!pending.length) return 0;
  const calls = await deps.db.call.findMany({
    where: { id: { in: pending.map((p) => p.callId!) }, state: "ENDED" },
    select: { id: true },
  });
  let n = 0;
  for (const c of calls) {
    const done = await finishAttempt(c.id, deps);
    if (!done) continue;
    n++;
    // The case's Campaign panel shows what came of it.
    if (done.caseId) deps.events.publish("case.updated", { organizationId: done.organizationId, caseId: done.caseId });
  }
  return n;
}

async function finishAttempt(callId: string, deps: Deps): Promise<{ organizationId: string; caseId: string | null } | null> {
  const now = deps.now();
  return deps.db.$transaction(async (tx) => {
    const attempt = await tx.campaignAttempt.findUnique({
      where: { callId },
      include: {
        contact: true,
        campaign: {
          select: { status: true, maxAttempts: true, retryMinutes: true, callingHours: true, endsAt: true, organization: { select: { timezone: true } } },
        },
      },
    });
    if (!attempt || attempt.endedAt) return null;
    const call = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { answeredAt: true, sipCode: true, endReason: true, endedAt: true } });
    const interaction = attempt.interactionId
      ? await tx.interaction.findUnique({
          where: { id: attempt.interactionId },
          select: { caseId: true, dispositionCodeId: true, agentId: true, dispositionCode: { select: { kind: true } }, queueItem: { select: { id: true } } },
        })
      : null;
    if (attempt.connectedAt && !interaction?.dispositionCodeId && interaction?.agentId) {
      // Their result code may still come: wait for it while the agent wraps this call up.
      const wrap = await currentWrapUp(interaction.agentId, tx);
      if (wrap?.interactionId === attempt.interactionId) return null;
    }
    // A call-back the script closed with (the agent chose its time): an appointment, to anyone.
    const promised = attempt.connectedAt && !attempt.outcome ? await scriptCallback(tx, attempt.interactionId, attempt.campaign.organization.timezone) : null;
    const outcome = promised
      ? "CALLBACK"
      : attemptOutcome(call, {
          outcome: attempt.outcome,
          amdResult: attempt.amdResult,
          connectedAt: attempt.connectedAt,
          queued: !!interaction?.queueItem,
          resultKind: interaction?.dispositionCode?.kind ?? null,
        });
    const settled = await tx.campaignAttempt.updateMany({
      where: { id: attempt.id, endedAt: null },
      data: {
        endedAt: call.endedAt ?? now,
        sipCode: call.sipCode,
        outcome,
        ...(promised ? { callbackAt: promised } : {}),
        dispositionId: interaction?.dispositionCodeId ?? null,
        agentId: attempt.agentId ?? interaction?.agentId ?? null,
      },
    });
    if (settled.count !== 1) return null;
    const c = attempt.campaign;
    const contact = attempt.contact;
    const rule = afterAttempt(
      { outcome, at: call.endedAt ?? now, attempts: contact.attempts, lastAbandonedAt: contact.lastAbandonedAt, callbackAt: promised ?? attempt.callbackAt },
      attemptRulesOf(c),
      { hours: businessHoursSchema.parse(c.callingHours ?? {}), timeZone: c.organization.timezone, endsAt: c.endsAt },
    );
    // A stopped campaign calls nobody again: what it would have retried is done as STOPPED.
    const next = c.status === "STOPPED" && !("done" in rule) ? { done: "STOPPED" as const } : rule;
    const abandonedAt = outcome === "ABANDONED" ? (call.endedAt ?? now) : contact.lastAbandonedAt;
    await tx.campaignContact.update({
      where: { id: contact.id },
      data:
        "done" in next
          ? { state: "DONE", done: next.done, lastOutcome: outcome, nextAttemptAt: null, lastAbandonedAt: abandonedAt }
          : {
              state: "WAITING",
              lastOutcome: outcome,
              nextAttemptAt: next.next,
              agentReservedUntil: next.agentReservedUntil,
              lastAbandonedAt: abandonedAt,
              callback: next.because === "CALLBACK",
            },
    });
    return { organizationId: attempt.organizationId, caseId: interaction?.caseId ?? null };
  });
}

/** When the script's call-back request (closed, with its time on the organisation's clock) asks to call. */
async function scriptCallback(tx: Db, interactionId: string | null, timeZone: string): Promise<Date | null> {
  if (!interactionId) return null;
  const answers = await tx.scriptAnswers.findFirst({
    where: { interactionId, completedAt: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { requests: true },
  });
  const requests = Array.isArray(answers?.requests) ? (answers.requests as { kind?: string; at?: string | null }[]) : [];
  const at = requests.find((r) => r.kind === "callback" && typeof r.at === "string")?.at;
  if (!at || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at)) return null;
  return instantOf(timeZone, at.slice(0, 10), Number(at.slice(11, 13)) * 60 + Number(at.slice(14, 16)));
}
