// Call-backs: a caller asks (in an IVR flow, by a key) to be called back instead of waiting. The
// request is a new OUTBOUND call interaction on their case, queued like any work: the first free
// agent of the queue is offered it, sees that it is a call-back and to whom, and on accepting is
// put through — the call is placed with them on it, on the line the caller came in on (or the
// one the flow names), showing the number they called.
import type { Deps } from "../ports.ts";
import { enqueue } from "../routing/enqueue.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import { callerIdOn } from "./dial-out.ts";
import { visitorNumberProblem } from "./web-callback.ts";
import { openInteraction } from "../interactions/open-interaction.ts";
import { recordEvent } from "../interactions/record-event.ts";

export type CallbackVia = "IVR" | "WEB" | "FORM";

export interface CallbackData {
  callback: true;
  phone: string;
  trunkId: string | null;
  /** The number to show: the one the caller rang (empty: the line's first). */
  callerId: string;
  /** A caller in an IVR flow, a visitor in the chat widget, or a form on the organisation's site. */
  requestedVia: CallbackVia;
  /** What they want to talk about, in their words (empty when not said). */
  topic?: string;
  /** The name they gave (web requests). */
  name?: string;
  /** The time they asked to be called (ISO); null: as soon as possible. */
  requestedFor?: string | null;
  /** Which try this is, from 1 (unanswered call-backs are tried again, see callback-retries.ts). */
  attempt?: number;
  /** Tries in all, as the queue allowed when this one was made (its retries + 1). */
  attempts?: number;
  language?: string;
}

export const isCallback = (data: unknown): data is CallbackData => !!data && typeof data === "object" && (data as { callback?: unknown }).callback === true;

/** The try a call-back interaction is (data from before tries were counted is the first). */
export const attemptOf = (data: CallbackData) => (Number.isInteger(data.attempt) && data.attempt! > 0 ? data.attempt! : 1);

/**
 * The number a caller on a call in can be called back at: a telephone's own; a web caller's, the
 * one they gave in the widget if we may call it (not blocked, allowed by the rules for calls out);
 * null when there is none. `given`: it is the widget's, not the line's.
 */
export async function callBackNumberOf(
  db: Db,
  call: { organizationId: string; remoteNumber: string },
  interactionData: unknown,
  now: Date,
): Promise<{ number: string | null; given: boolean }> {
  if (call.remoteNumber.startsWith("+")) return { number: call.remoteNumber, given: false };
  const given = normalisePhone((interactionData as { phone?: string } | null)?.phone);
  return given && !(await visitorNumberProblem(db, call.organizationId, given, now)) ? { number: given, given: true } : { number: null, given: false };
}

/** From a caller in an IVR flow: their conversation ends as a call-back request, queued. False
 * when there is no number to call (withheld) or the queue takes none. */
export async function requestCallbackFromCall(callId: string, input: { queueId: string; trunkId: string | null }, deps: Deps): Promise<boolean> {
  const events = new PendingEvents();
  const queued = await deps.db
    .$transaction(async (tx) => {
      const call = await tx.call.findUnique({
        where: { id: callId },
        select: { organizationId: true, interactionId: true, remoteNumber: true, localNumber: true, trunkId: true, ivr: true },
      });
      if (!call?.interactionId || !call.ivr) return false;
      const from = await tx.interaction.findUniqueOrThrow({ where: { id: call.interactionId }, select: { caseId: true, data: true } });
      const now = deps.now();
      const { number } = await callBackNumberOf(tx, call, from.data, now);
      if (!number) return false;
      const queue = await tx.queue.findUnique({ where: { id: input.queueId }, select: { callbackRetries: true } });
      const data: CallbackData = {
        callback: true,
        phone: number,
        trunkId: input.trunkId ?? call.trunkId,
        callerId: call.localNumber,
        requestedVia: "IVR",
        topic: "",
        requestedFor: null,
        attempt: 1,
        attempts: (queue?.callbackRetries ?? 0) + 1,
      };
      const { interaction } = await openInteraction(
        tx,
        { organizationId: call.organizationId, case: { id: from.caseId }, channel: "VOICE", direction: "OUTBOUND", data, now },
        events,
      );
      const queued = await enqueue(
        tx,
        { organizationId: call.organizationId, queueId: input.queueId, interactionId: interaction.id, channel: "VOICE", vip: false, now },
        events,
      );
      if (!queued.queued) throw new NotQueued();
      await recordEvent(tx, {
        organizationId: call.organizationId,
        interactionId: call.interactionId,
        type: "callback_requested",
        at: now,
        data: { number, via: "IVR", topic: "", at: null },
      });
      // The caller's own conversation is over: they asked to be called, not to wait.
      await tx.interaction.updateMany({ where: { id: call.interactionId, state: "QUEUED" }, data: { state: "ENDED", endedAt: now, endedBy: "CONTACT" } });
      await tx.case.update({ where: { id: from.caseId }, data: { lastActivityAt: now, queueId: queued.queueId } });
      events.add("case.updated", { organizationId: call.organizationId, caseId: from.caseId });
      return true;
    })
    .catch((e) => {
      if (e instanceof NotQueued) return false;
      throw e;
    });
  events.publishTo(deps.events);
  return queued;
}

class NotQueued extends Error {}

/** The agent accepted a call-back (inside the accepting transaction): the call to the customer,
 * with the agent on it; the media role places it on "call.dialing". */
export async function placeCallback(
  tx: Db,
  input: { organizationId: string; interactionId: string; agentId: string; data: CallbackData; now: Date },
  events: PendingEvents,
) {
  const trunk = await tx.sipTrunk.findFirst({
    where: { organizationId: input.organizationId, active: true, ...(input.data.trunkId ? { id: input.data.trunkId } : {}) },
    orderBy: { createdAt: "asc" },
  });
  await recordEvent(tx, {
    organizationId: input.organizationId,
    interactionId: input.interactionId,
    type: "dialled",
    agentId: input.agentId,
    at: input.now,
    data: { number: input.data.phone, callerId: input.data.callerId, callback: true },
  });
  const call = await tx.call.create({
    data: {
      organizationId: input.organizationId,
      interactionId: input.interactionId,
      createdAt: input.now,
      trunkId: trunk?.id ?? null,
      remoteNumber: input.data.phone,
      localNumber: (trunk && callerIdOn(trunk, null, input.data.callerId)) ?? "",
      parties: {
        create: [
          { role: "CALLER", userId: input.agentId, joinedAt: input.now },
          { role: "CALLEE", phone: input.data.phone, trunkId: trunk?.id ?? null },
        ],
      },
    },
  });
  events.add("call.updated", { organizationId: input.organizationId, callId: call.id, state: "RINGING" });
  await events.addDurable(tx, "call.dialing", { organizationId: input.organizationId, callId: call.id });
}
