// A campaign's call once the called side answers. The media role listens to the first seconds
// (answering-machine detection) and asks here what to do with what it heard:
//
// - a person (or "unsure", where the campaign says so) goes into the campaign's queue, where
//   routing puts them straight through to a free agent (route-organization.ts);
// - if no agent has them within ABANDON_SECONDS, the call is abandoned: out of the queue, the
//   campaign's abandon message is said and the call ends (the pacer counts it against the cap);
// - a machine is hung up on, or left the campaign's machine message.
//
// The attempt's outcome is settled when the call (and its agent's wrap-up) is over: finish-attempts.ts.
import type { AmdResult } from "../amd.ts";
import { enqueue } from "../../routing/enqueue.ts";
import { dropFromQueue } from "../../routing/end-interaction.ts";
import { recordEvent } from "../../interactions/record-event.ts";
import type { InteractionState } from "../../interactions/interaction-state.ts";
import type { Deps } from "../../ports.ts";
import { PendingEvents } from "../../shared/pending-events.ts";
import { type Language, fillPrompt } from "../../ivr/speech.ts";
import { campaignFieldsOf } from "./agent-side.ts";

/** A person who answered waits at most this long for an agent (Ofcom: 2 s after their greeting). */
export const ABANDON_SECONDS = 2;

export interface CampaignCallInfo {
  attemptId: string;
  campaignId: string;
  /** Listen for a machine before deciding (the campaign's AMD is on). */
  amd: boolean;
  ringSeconds: number;
  /** An agent is on the call already (a preview, a call-back kept for them): nothing to decide on answer. */
  agentOnCall: boolean;
}

/** The campaign attempt a call is, if it is one (the media role asks when it places a call). */
export async function campaignCallOf(callId: string, deps: Deps): Promise<CampaignCallInfo | null> {
  const attempt = await deps.db.campaignAttempt.findUnique({
    where: { callId },
    select: { id: true, campaignId: true, connectedAt: true, campaign: { select: { amd: true, ringSeconds: true } } },
  });
  return (
    attempt && {
      attemptId: attempt.id,
      campaignId: attempt.campaignId,
      amd: attempt.campaign.amd,
      ringSeconds: attempt.campaign.ringSeconds,
      agentOnCall: attempt.connectedAt !== null,
    }
  );
}

/** The called side answered (the call itself is marked answered by phoneCallAnswered). */
export async function campaignCallAnswered(callId: string, deps: Deps) {
  await deps.db.campaignAttempt.updateMany({ where: { callId, answeredAt: null }, data: { answeredAt: deps.now() } });
}

export type AnswerAction =
  /** Wait up to ABANDON_SECONDS for an agent, then ask `connectDeadline`. */
  | { action: "CONNECT" }
  /** Play the recorded prompt `audioId` (if it is still there) or else say `text`, then hang up.
   * `afterGreeting`: a machine's message, said once its greeting is over (its beep, or a pause). */
  | { action: "MESSAGE"; audioId: string | null; text: string; language: Language; afterGreeting: boolean }
  | { action: "HANG_UP" }
  /** The call is over or not a campaign's any more: nothing to do. */
  | { action: "NONE" };

/** What the detector heard (null: the campaign listens for no machine), and what to do about it. */
export async function campaignCallJudged(callId: string, heard: AmdResult | null, deps: Deps): Promise<AnswerAction> {
  const attempt = await deps.db.campaignAttempt.findUnique({
    where: { callId },
    select: {
      id: true,
      interactionId: true,
      endedAt: true,
      campaign: {
        select: { queueId: true, organizationId: true, machineAction: true, unsureToAgent: true, machineMessage: true, machineAudioId: true, language: true },
      },
    },
  });
  if (!attempt?.interactionId || attempt.endedAt) return { action: "NONE" };
  const c = attempt.campaign;
  const outcome = heard?.outcome ?? "HUMAN";
  const person = outcome === "HUMAN" || (outcome === "UNSURE" && c.unsureToAgent) || c.machineAction === "AGENT";
  const now = deps.now();
  const events = new PendingEvents();
  const queued = await deps.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { state: InteractionState }[]
    >`select "state" from "Interaction" where "id" = ${attempt.interactionId}::uuid for no key update`;
    if (row?.state !== "ACTIVE") return null;
    await tx.campaignAttempt.update({
      where: { id: attempt.id },
      data: { amdResult: heard?.outcome ?? null, amdReason: heard ? `${heard.reason} after ${heard.afterMs} ms, ${heard.words} words` : "" },
    });
    if (heard)
      await recordEvent(tx, {
        organizationId: c.organizationId,
        interactionId: attempt.interactionId!,
        type: "amd",
        at: now,
        data: { outcome: heard.outcome, reason: heard.reason, afterMs: heard.afterMs },
      });
    if (!person) {
      await tx.campaignAttempt.update({ where: { id: attempt.id }, data: { outcome: "MACHINE" } });
      return false;
    }
    const result = await enqueue(
      tx,
      { organizationId: c.organizationId, queueId: c.queueId, interactionId: attempt.interactionId!, channel: "VOICE", vip: false, now },
      events,
    );
    return result.queued;
  });
  events.publishTo(deps.events);
  if (queued === null) return { action: "NONE" };
  if (queued) return { action: "CONNECT" };
  // A machine (or a paused / inactive queue that could take nobody: treated as abandoned by the deadline).
  if (person) return connectDeadline(callId, deps);
  return c.machineAction === "MESSAGE"
    ? messageOf({ text: c.machineMessage, audioId: c.machineAudioId, language: c.language as Language }, attempt.interactionId!, deps, true)
    : { action: "HANG_UP" };
}

/** A message as the contact hears it: a recorded prompt as it is, or a spoken text with `{name}`,
 * `{debt:amount:PLN}` and the other fields of their list entry filled in (domain/ivr/speech.ts
 * fillPrompt; a field they lack is left out). No message at all: hang up. */
async function messageOf(
  m: { text: string; audioId: string | null; language: Language },
  interactionId: string,
  deps: Deps,
  afterGreeting: boolean,
): Promise<AnswerAction> {
  const text = m.text.trim() ? fillPrompt(m.text, await campaignFieldsOf(deps.db, interactionId), m.language) : "";
  if (!m.audioId && !text) return { action: "HANG_UP" };
  return { action: "MESSAGE", audioId: m.audioId, text, language: m.language, afterGreeting };
}

/** ABANDON_SECONDS after a person was queued: if no agent has them, the call is abandoned — out of
 * the queue (so no agent can take it now), counted, and ended after the campaign's message. */
export async function connectDeadline(callId: string, deps: Deps): Promise<AnswerAction> {
  const attempt = await deps.db.campaignAttempt.findUnique({
    where: { callId },
    select: {
      id: true,
      interactionId: true,
      connectedAt: true,
      campaign: { select: { organizationId: true, abandonMessage: true, abandonAudioId: true, language: true } },
    },
  });
  if (!attempt?.interactionId || attempt.connectedAt) return { action: "NONE" };
  const c = attempt.campaign;
  const now = deps.now();
  const events = new PendingEvents();
  const abandoned = await deps.db.$transaction(async (tx) => {
    // The lock an agent's accept takes too: either they have the person, or nobody will.
    const [row] = await tx.$queryRaw<
      { state: InteractionState }[]
    >`select "state" from "Interaction" where "id" = ${attempt.interactionId}::uuid for no key update`;
    if (row?.state !== "QUEUED" && row?.state !== "ACTIVE") return false;
    const item = await tx.queueItem.findUnique({ where: { interactionId: attempt.interactionId! }, select: { state: true } });
    if (item?.state === "ASSIGNED") return false;
    await dropFromQueue(tx, attempt.interactionId!, c.organizationId, now, events);
    await tx.interaction.update({ where: { id: attempt.interactionId! }, data: { state: "ABANDONED", endedAt: now, endedBy: "SYSTEM" } });
    await recordEvent(tx, {
      organizationId: c.organizationId,
      interactionId: attempt.interactionId!,
      type: "abandoned",
      at: now,
      data: { by: "SYSTEM", place: 1 },
    });
    await tx.campaignAttempt.update({ where: { id: attempt.id }, data: { outcome: "ABANDONED" } });
    return true;
  });
  events.publishTo(deps.events);
  if (!abandoned) return { action: "NONE" };
  return messageOf({ text: c.abandonMessage, audioId: c.abandonAudioId, language: c.language as Language }, attempt.interactionId, deps, false);
}
