// What the telephone network tells us about a call, into the call's state: the far end answered,
// the call ended (with the SIP answer, in words a report can group), a key was pressed.
import type { Deps } from "../ports.ts";
import { endCall } from "../voice/calls.ts";
import { afterCallbackCallEnded } from "./callback-retries.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** Why a phone call ended, from the SIP code: a ringing call out that failed says why. */
export function endReasonOf(code: number, answered: boolean): string {
  if (answered) return "HANGUP";
  if (code === 486 || code === 600) return "BUSY";
  if (code === 404 || code === 484 || code === 410 || code === 604) return "NUMBER_UNKNOWN";
  if (code === 408 || code === 480 || code === 487) return "NO_ANSWER";
  if (code === 403 || code === 603) return "REJECTED";
  if (code >= 500) return "NETWORK_ERROR";
  if (code >= 400) return "FAILED";
  return "CANCELLED";
}

/** The number we called answered (200 OK). */
export async function phoneCallAnswered(callId: string, deps: Deps) {
  const now = deps.now();
  const answered = await deps.db.call.updateMany({ where: { id: callId, state: "RINGING" }, data: { state: "ACTIVE", answeredAt: now } });
  if (answered.count !== 1) return;
  await deps.db.callParty.updateMany({ where: { callId, phone: { not: null }, joinedAt: null }, data: { joinedAt: now } });
  const call = await deps.db.call.findUniqueOrThrow({ where: { id: callId }, include: { parties: { select: { userId: true, visitorId: true } } } });
  if (call.interactionId) {
    await deps.db.interaction.update({ where: { id: call.interactionId }, data: { answeredAt: now } });
    await recordEvent(deps.db, { organizationId: call.organizationId, interactionId: call.interactionId, type: "phone_answered", at: now, data: {} });
  }
  deps.events.publish("call.updated", { organizationId: call.organizationId, callId, state: "ACTIVE" });
}

/**
 * The SIP side ended (a BYE, a CANCEL, or a failure answer to our INVITE). The SIP code and words
 * stay on the call; a call that was never answered ends with the reason they mean.
 */
export async function phoneCallEnded(callId: string, code: number, words: string, deps: Deps) {
  const call = await deps.db.call.findUnique({
    where: { id: callId },
    select: { state: true, answeredAt: true, ivr: true, parties: { where: { role: "CALLER", phone: { not: null } }, select: { id: true } } },
  });
  if (!call || call.state === "ENDED") return;
  await deps.db.call.update({ where: { id: callId }, data: { sipCode: code || null, sipReason: words.slice(0, 200) } });
  // An unanswered call in the queue that the caller hung up on is abandoned (endInteraction sees to
  // it); in an IVR flow the call was answered (by the flow), so it is a hang-up — the interaction
  // says whether they were abandoned there or had left a message. A caller who gives up before
  // we answer (CANCEL: 487) abandons the call too.
  const inbound = call.parties.length > 0;
  const reason = call.answeredAt || call.ivr ? "HANGUP" : inbound ? "CANCELLED" : endReasonOf(code, false);
  await endCall(callId, reason === "CANCELLED" ? "ABANDONED" : reason, null, deps, "CONTACT");
  // A call-back nobody picked up is tried again later (or handed to a person after the last try).
  if (!call.answeredAt && !call.ivr) await afterCallbackCallEnded(callId, code, deps);
}

/** The customer put the call on hold from their telephone (a re-INVITE saying sendonly or
 * inactive), or took it off: on the call (the agent's softphone says so) and on the case's timeline. */
export async function phoneCustomerHeld(callId: string, held: boolean, deps: Deps) {
  const changed = await deps.db.call.updateMany({ where: { id: callId, state: { not: "ENDED" }, customerHeld: !held }, data: { customerHeld: held } });
  if (changed.count !== 1) return;
  const call = await deps.db.call.findUniqueOrThrow({ where: { id: callId }, include: { parties: { select: { userId: true, visitorId: true } } } });
  const interaction = call.interactionId
    ? await deps.db.interaction.findUnique({ where: { id: call.interactionId }, select: { id: true, caseId: true } })
    : null;
  if (interaction) {
    await recordEvent(deps.db, {
      organizationId: call.organizationId,
      interactionId: interaction.id,
      type: held ? "customer_held" : "customer_resumed",
      at: deps.now(),
      data: {},
    });
    deps.events.publish("case.updated", { organizationId: call.organizationId, caseId: interaction.caseId });
  }
  deps.events.publish("call.updated", { organizationId: call.organizationId, callId, state: call.state });
}

const KEYS = /^[0-9*#A-D]$/;

/** A key the caller pressed (or the agent sent): on the interaction's record, and to listeners
 * (the agent's screen now; the IVR later). */
export async function phoneDigit(callId: string, digit: string, via: "RFC2833" | "INFO" | "AGENT", deps: Deps) {
  if (!KEYS.test(digit)) return;
  const call = await deps.db.call.findUnique({ where: { id: callId }, select: { organizationId: true, interactionId: true, ivr: true } });
  if (!call) return;
  // Keys typed in an IVR flow are its business (a PIN must not land on the case); the flow logs
  // the choices.
  const interaction =
    call.interactionId && !call.ivr ? await deps.db.interaction.findUnique({ where: { id: call.interactionId }, select: { id: true, caseId: true } }) : null;
  if (interaction) {
    await recordEvent(deps.db, { organizationId: call.organizationId, interactionId: interaction.id, type: "dtmf", at: deps.now(), data: { digit, via } });
    // The agent's case page shows the keys as they come.
    deps.events.publish("case.updated", { organizationId: call.organizationId, caseId: interaction.caseId });
  }
  deps.events.publish("call.dtmf", { organizationId: call.organizationId, callId, digits: digit, via });
}

/**
 * At the media role's start, before any call can arrive: phone calls still live in the database
 * belong to a process that died (crashed, was killed) with their SIP and media — nothing carries
 * them any more. Each ends (SERVER_RESTARTED) the way a hang-up does: its interaction ends or is
 * abandoned, its queue item is done, its agent is free. In a cluster, another media node's calls
 * (their lease in force) are left to it. Returns how many were ended.
 */
export async function endPhoneCallsOfEarlierRun(deps: Deps): Promise<number> {
  const dead = await deps.db.call.findMany({
    where: {
      state: { in: ["RINGING", "ACTIVE"] },
      AND: [
        { OR: [{ trunkId: { not: null } }, { parties: { some: { phone: { not: null } } } }] },
        // In a cluster, calls whose media node still renews their lease are that node's, not ours
        // (the worker ends those whose lease lapses, as MEDIA_FAILED); one process writes no lease.
        { OR: [{ mediaLeaseUntil: null }, { mediaLeaseUntil: { lt: deps.now() } }] },
      ],
    },
    select: { id: true },
  });
  let n = 0;
  for (const c of dead) {
    await deps.db.call.update({ where: { id: c.id }, data: { sipReason: "the server stopped while the call was on" } });
    if (await endCall(c.id, "SERVER_RESTARTED", null, deps)) n++;
  }
  if (dead.length) deps.log.warn({ calls: n }, "ended the phone calls a stopped server left behind");
  return n;
}
