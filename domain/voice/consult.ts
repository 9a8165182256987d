// Consult-then-transfer: the agent puts the customer on hold (music) and rings a colleague into the
// same call; the two talk while the customer waits. The agent then completes the transfer (they
// leave, the colleague has the customer) or cancels (the colleague leaves, the customer is back).
// A colleague who rejects, hangs up or does not answer in time ends the consultation the same way.
import { can, type Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import type { CallParty } from "../../generated/prisma/client.ts";
import { endInteraction } from "../routing/end-interaction.ts";
import { agentOf } from "./call-parties.ts";
import { handOverCall } from "./hand-over-call.ts";
import type { InteractionEventData } from "../interactions/event-types.ts";
import { recordEvent } from "../interactions/record-event.ts";

const CONSULT_RING_SECONDS = 30;

/** The call, locked for the rest of the transaction, with the viewer as its agent. */
export async function lockAgentsCall(tx: Db, viewer: Viewer, callId: string) {
  await tx.$queryRaw`select 1 from "Call" where "id" = ${callId}::uuid for update`;
  const call = await tx.call.findFirst({ where: { id: callId, organizationId: viewer.organizationId }, include: { parties: true } });
  const me = call?.parties.find((p) => p.userId === viewer.userId && !p.leftAt);
  if (!call || !me) throw notFound("Call");
  if (agentOf(call.parties)?.id !== me.id || !call.interactionId || call.state !== "ACTIVE")
    throw new DomainError("CONFLICT", "Only the agent on a customer's call in progress can consult or transfer", { reason: "CANNOT_CONSULT" });
  return { call, me, interactionId: call.interactionId, consulted: call.parties.find((p) => p.role === "CONSULTED" && !p.leftAt) ?? null };
}

/** A step of the consultation on the customer's interaction (its case page shows it). */
export async function consultEvent(
  tx: Db,
  call: { organizationId: string },
  interactionId: string,
  step:
    | { type: "consult_started"; data: InteractionEventData<"consult_started"> }
    | { type: "consult_ended"; data: InteractionEventData<"consult_ended"> }
    | { type: "transferred"; data: InteractionEventData<"transferred"> },
  agentId: string | null,
  at: Date,
  events: PendingEvents,
) {
  await recordEvent(tx, { organizationId: call.organizationId, interactionId, agentId, at, ...step });
  const { caseId } = await tx.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { caseId: true } });
  events.add("case.updated", { organizationId: call.organizationId, caseId });
}

/** Put the customer on hold and ring a colleague into the call. */
export async function consultColleague(viewer: Viewer, callId: string, colleagueId: string, deps: Deps) {
  if (!can(viewer, "agents.work")) throw new DomainError("FORBIDDEN", "Your role takes no calls");
  if (colleagueId === viewer.userId) throw new DomainError("CONFLICT", "You cannot consult yourself", { reason: "CALL_SELF" });
  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    const { call, interactionId, consulted } = await lockAgentsCall(tx, viewer, callId);
    if (consulted) throw new DomainError("CONFLICT", "You are already consulting a colleague on this call", { reason: "ALREADY_CONSULTING" });
    await tx.$queryRaw`select 1 from "User" where "id" = ${colleagueId}::uuid for update`;
    const colleague = await tx.user.findFirst({
      where: { id: colleagueId, organizationId: viewer.organizationId, active: true, role: { permissions: { has: "agents.work" } } },
      select: { id: true, presence: { select: { state: true } } },
    });
    if (!colleague) throw notFound("User");
    if (!colleague.presence || colleague.presence.state === "OFFLINE")
      throw new DomainError("CONFLICT", "Your colleague is not signed in", { reason: "CALLEE_OFFLINE" });
    const busy = await tx.callParty.count({ where: { userId: colleagueId, leftAt: null, call: { state: { in: ["RINGING", "ACTIVE"] } } } });
    if (busy > 0) throw new DomainError("CONFLICT", "Your colleague is on another call", { reason: "CALLEE_BUSY" });
    const now = deps.now();
    const mine = call.parties.find((p) => p.userId === colleagueId);
    if (mine) await tx.callParty.update({ where: { id: mine.id }, data: { role: "CONSULTED", mode: null, joinedAt: null, leftAt: null, createdAt: now } });
    else await tx.callParty.create({ data: { callId, role: "CONSULTED", userId: colleagueId, createdAt: now } });
    await tx.call.update({ where: { id: callId }, data: { held: true } });
    await consultEvent(tx, call, interactionId, { type: "consult_started", data: { to: colleagueId } }, viewer.userId, now, events);
    events.add("call.updated", { organizationId: call.organizationId, callId, state: "ACTIVE" });
  });
  events.publishTo(deps.events);
}

/** The consulted colleague picks up: they and the agent hear each other; the customer hears music. */
export async function answerConsult(viewer: Viewer, callId: string, deps: Deps) {
  const party = await deps.db.callParty.findFirst({
    where: { callId, userId: viewer.userId, role: "CONSULTED", leftAt: null, call: { organizationId: viewer.organizationId, state: "ACTIVE" } },
    include: { call: { include: { parties: { select: { userId: true, visitorId: true } } } } },
  });
  if (!party) throw notFound("Call");
  if (party.joinedAt) return;
  const now = deps.now();
  const answered = await deps.db.callParty.updateMany({ where: { id: party.id, joinedAt: null, leftAt: null }, data: { joinedAt: now } });
  if (answered.count !== 1) throw new DomainError("CONFLICT", "The consultation has ended", { reason: "CALL_NOT_RINGING" });
  deps.events.publish("call.updated", { organizationId: party.call.organizationId, callId, state: "ACTIVE" });
}

/** The agent hands the customer to the consulted colleague or outside number (who must have
 * answered) and leaves. */
export async function completeTransfer(viewer: Viewer, callId: string, deps: Deps) {
  const events = new PendingEvents();
  const external = await deps.db.$transaction(async (tx) => {
    const { call, interactionId, consulted } = await lockAgentsCall(tx, viewer, callId);
    if (!consulted?.joinedAt) throw new DomainError("CONFLICT", "Who you consult has not answered yet", { reason: "CONSULT_NOT_ANSWERED" });
    if (!consulted.userId) return leaveToNumber(tx, { call, interactionId, agentId: viewer.userId, consulted, now: deps.now() }, events);
    await handOverCall(
      tx,
      {
        callId: call.id,
        interactionId,
        toPartyId: consulted.id,
        toUserId: consulted.userId,
        fromUserIds: [viewer.userId],
        event: { type: "transferred", data: { from: viewer.userId, to: consulted.userId, kind: "consult" } },
        now: deps.now(),
      },
      events,
    );
    return null;
  });
  events.publishTo(deps.events);
  // The agent's part of the conversation is over (wrap-up follows); the call goes on.
  if (external) await endInteraction(external, "AGENT", deps, { keepCall: true });
}

/** An attended transfer to an outside number: the agent leaves, the customer and that number go on
 * talking through us (any trunk can do it, and the recording goes on). The call ends when either
 * hangs up. Returns the interaction to end. */
async function leaveToNumber(
  tx: Db,
  input: { call: { id: string; organizationId: string; parties: CallParty[] }; interactionId: string; agentId: string; consulted: CallParty; now: Date },
  events: PendingEvents,
) {
  const { call, now } = input;
  await tx.callParty.updateMany({ where: { callId: call.id, userId: input.agentId, leftAt: null }, data: { leftAt: now } });
  await tx.call.update({ where: { id: call.id }, data: { held: false } });
  const data = { from: input.agentId, to: null, number: input.consulted.phone, kind: "consult_external" as const };
  await consultEvent(tx, call, input.interactionId, { type: "transferred", data }, input.agentId, now, events);
  events.add("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ACTIVE" });
  return input.interactionId;
}

/** How a consultation ended; an outside number that could not be reached says why (BUSY,
 * NUMBER_UNKNOWN, NETWORK_ERROR... with the SIP code). */
type ConsultEnd = { by: string | null; reason: string; code?: number };

/** The consultation ends without a transfer: the colleague leaves, the customer is off hold. `by`
 * the agent cancelling, the colleague rejecting or hanging up, or null when nobody answered. */
export async function endConsult(organizationId: string, callId: string, by: ConsultEnd["by"], reason: ConsultEnd["reason"], deps: Deps, code?: number) {
  const events = new PendingEvents();
  const ended = await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`select 1 from "Call" where "id" = ${callId}::uuid for update`;
    const call = await tx.call.findFirst({ where: { id: callId, organizationId }, include: { parties: true } });
    return call ? endConsultTx(tx, call, { by, reason, code }, deps.now(), events) : false;
  });
  events.publishTo(deps.events);
  return ended;
}

/** Within the transaction that locked the call. False when no consultation is going on. */
async function endConsultTx(
  tx: Db,
  call: { id: string; organizationId: string; state: string; interactionId: string | null; parties: CallParty[] },
  end: ConsultEnd,
  now: Date,
  events: PendingEvents,
) {
  const consulted = call.parties.find((p) => p.role === "CONSULTED" && !p.leftAt);
  if (!consulted || call.state !== "ACTIVE" || !call.interactionId) return false;
  await tx.callParty.update({ where: { id: consulted.id }, data: { leftAt: now } });
  await tx.call.update({ where: { id: call.id }, data: { held: false } });
  const agent = agentOf(call.parties);
  const data = { with: consulted.userId, number: consulted.phone, by: end.by, reason: end.reason, code: end.code ? String(end.code) : null };
  await consultEvent(tx, call, call.interactionId, { type: "consult_ended", data }, agent?.userId ?? consulted.userId, now, events);
  events.add("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ACTIVE" });
  return true;
}

/** The agent cancels the consultation and goes back to the customer. */
export async function cancelConsult(viewer: Viewer, callId: string, deps: Deps) {
  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    const { call } = await lockAgentsCall(tx, viewer, callId);
    await endConsultTx(tx, call, { by: viewer.userId, reason: "CANCELLED" }, deps.now(), events);
  });
  events.publishTo(deps.events);
}

/** Consultations nobody answered in time end; the customer is back with the agent. */
export async function expireUnansweredConsults(deps: Deps): Promise<number> {
  const stale = await deps.db.callParty.findMany({
    where: { role: "CONSULTED", joinedAt: null, leftAt: null, createdAt: { lt: new Date(deps.now().getTime() - CONSULT_RING_SECONDS * 1000) } },
    select: { callId: true, call: { select: { organizationId: true } } },
  });
  let n = 0;
  for (const p of stale) if (await endConsult(p.call.organizationId, p.callId, null, "NO_ANSWER", deps)) n++;
  return n;
}
