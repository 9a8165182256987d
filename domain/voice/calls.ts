// Calls between colleagues: ring, answer, reject, hang up, no answer after a while. (Customers'
// calls through the ACD reuse the same Call and parties.) The media follows the events: the
// media listener opens, re-plans and closes the call's room.
import { can, type Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { endInteraction } from "../routing/end-interaction.ts";
import { audioPlan, ringingPlan } from "./audio-plan.ts";
import { agentOf } from "./call-parties.ts";
import { answerConsult, endConsult, expireUnansweredConsults } from "./consult.ts";
import { endCallTx } from "./end-call.ts";
import { stopMonitoring } from "./monitor-call.ts";
import { recordEvent } from "../interactions/record-event.ts";

export const RING_SECONDS = 30;
const LIVE = ["RINGING", "ACTIVE"] as const;

function assertCanCall(viewer: Viewer) {
  if (!can(viewer, "agents.work")) throw new DomainError("FORBIDDEN", "Your role takes no calls");
}

export async function busy(db: Db, userId: string) {
  return (await db.callParty.count({ where: { userId, leftAt: null, call: { state: { in: [...LIVE] } } } })) > 0;
}

/** Ring a colleague. Both must be free; the colleague must be signed in. */
export async function callColleague(viewer: Viewer, calleeId: string, deps: Deps) {
  assertCanCall(viewer);
  if (calleeId === viewer.userId) throw new DomainError("CONFLICT", "You cannot call yourself", { reason: "CALL_SELF" });
  const events = new PendingEvents();
  const call = await deps.db.$transaction(async (tx) => {
    // Both people's rows locked in a fixed order: two colleagues calling each other at once get
    // one call, not two.
    const ids = [viewer.userId, calleeId].sort();
    await tx.$queryRaw`select 1 from "User" where "id" in (${ids[0]}::uuid, ${ids[1]}::uuid) order by "id" for update`;
    const callee = await tx.user.findFirst({
      where: { id: calleeId, organizationId: viewer.organizationId, active: true },
      select: { id: true, presence: { select: { state: true } } },
    });
    if (!callee) throw notFound("User");
    if (!callee.presence || callee.presence.state === "OFFLINE")
      throw new DomainError("CONFLICT", "Your colleague is not signed in", { reason: "CALLEE_OFFLINE" });
    if (await busy(tx, viewer.userId)) throw new DomainError("CONFLICT", "You are already on a call", { reason: "ALREADY_ON_CALL" });
    if (await busy(tx, calleeId)) throw new DomainError("CONFLICT", "Your colleague is on another call", { reason: "CALLEE_BUSY" });
    const now = deps.now();
    const created = await tx.call.create({
      data: {
        organizationId: viewer.organizationId,
        createdAt: now,
        parties: {
          create: [
            { role: "CALLER", userId: viewer.userId, joinedAt: now },
            { role: "CALLEE", userId: calleeId },
          ],
        },
      },
    });
    events.add("call.updated", { organizationId: viewer.organizationId, callId: created.id, state: "RINGING" });
    return created;
  });
  events.publishTo(deps.events);
  return call;
}

async function myLiveCall(viewer: Viewer, callId: string, db: Db) {
  const call = await db.call.findFirst({
    where: { id: callId, organizationId: viewer.organizationId, parties: { some: { userId: viewer.userId } } },
    include: { parties: true },
  });
  if (!call) throw notFound("Call");
  return call;
}

/** The called colleague picks up. */
export async function answerCall(viewer: Viewer, callId: string, deps: Deps) {
  assertCanCall(viewer);
  const call = await myLiveCall(viewer, callId, deps.db);
  const me = call.parties.find((p) => p.userId === viewer.userId)!;
  if (me.role === "CONSULTED") return answerConsult(viewer, callId, deps);
  if (me.role !== "CALLEE") throw new DomainError("CONFLICT", "Only the person called can answer", { reason: "NOT_CALLEE" });
  if (call.interactionId) throw new DomainError("CONFLICT", "Customers' calls are answered from their offer", { reason: "NOT_CALLEE" });
  const now = deps.now();
  const answered = await deps.db.call.updateMany({ where: { id: call.id, state: "RINGING" }, data: { state: "ACTIVE", answeredAt: now } });
  if (answered.count !== 1) throw new DomainError("CONFLICT", "The call is no longer ringing", { reason: "CALL_NOT_RINGING" });
  await deps.db.callParty.update({ where: { id: me.id }, data: { joinedAt: now } });
  deps.events.publish("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ACTIVE" });
}

/** Hang up, reject a ringing call, or cancel one you placed. The call ends for everyone. */
export async function hangUp(viewer: Viewer, callId: string, deps: Deps) {
  const call = await myLiveCall(viewer, callId, deps.db);
  if (call.state === "ENDED") return;
  const me = call.parties.find((p) => p.userId === viewer.userId)!;
  if (me.role === "MONITOR") {
    await stopMonitoring(viewer, call.id, deps);
    return;
  }
  if (me.role === "CONSULTED") {
    // A consulted colleague only leaves: the agent gets the customer back.
    await endConsult(call.organizationId, call.id, viewer.userId, me.joinedAt ? "LEFT" : "REJECTED", deps);
    return;
  }
  const reason = call.state === "ACTIVE" ? "HANGUP" : me.role === "CALLEE" ? "REJECTED" : "CANCELLED";
  await endCall(call.id, reason, viewer.userId, deps, "AGENT");
}

/** Ends a call for everyone; a customer's call ends their conversation with it, in one
 * transaction (freeing the agent). */
export async function endCall(callId: string, reason: string, endedById: string | null, deps: Deps, endedBy: "CONTACT" | "AGENT" | "SYSTEM" = "SYSTEM") {
  const call = await deps.db.call.findUnique({ where: { id: callId }, select: { interactionId: true } });
  if (call?.interactionId && (await endInteraction(call.interactionId, endedBy, deps, { reason, endedById }))) return true;
  const events = new PendingEvents();
  const ended = await deps.db.$transaction((tx) => endCallTx(tx, { callId, reason, endedById, now: deps.now() }, events));
  events.publishTo(deps.events);
  return ended !== null;
}

/** Calls nobody answered in time end as NO_ANSWER. */
export async function expireUnansweredCalls(deps: Deps): Promise<number> {
  // Calls between colleagues only: a customer's call waits in its queue under the queue's rules.
  const stale = await deps.db.call.findMany({
    where: { state: "RINGING", interactionId: null, createdAt: { lt: new Date(deps.now().getTime() - RING_SECONDS * 1000) } },
    select: { id: true },
  });
  let n = 0;
  for (const c of stale) if (await endCall(c.id, "NO_ANSWER", null, deps)) n++;
  return n + (await expireUnansweredConsults(deps));
}

export async function setCallMuted(viewer: Viewer, callId: string, muted: boolean, deps: Deps) {
  const call = await myLiveCall(viewer, callId, deps.db);
  const me = call.parties.find((p) => p.userId === viewer.userId)!;
  await deps.db.callParty.update({ where: { id: me.id }, data: { muted } });
  return me.id;
}

/** The agent puts the customer on hold (they hear music; neither side hears the other) or back. */
export async function holdCall(viewer: Viewer, callId: string, held: boolean, deps: Deps) {
  const call = await myLiveCall(viewer, callId, deps.db);
  const me = call.parties.find((p) => p.userId === viewer.userId && !p.leftAt);
  if (!me || agentOf(call.parties)?.id !== me.id || call.state !== "ACTIVE")
    throw new DomainError("CONFLICT", "Only the agent on a call in progress can hold it", { reason: "CANNOT_HOLD" });
  if (!call.interactionId) throw new DomainError("CONFLICT", "Calls between colleagues are not held", { reason: "CANNOT_HOLD" });
  if (call.held === held) return;
  await deps.db.$transaction([
    deps.db.call.update({ where: { id: call.id }, data: { held } }),
    recordEvent(deps.db, {
      organizationId: call.organizationId,
      interactionId: call.interactionId,
      type: held ? "held" : "resumed",
      agentId: viewer.userId,
      at: deps.now(),
    }),
  ]);
  deps.events.publish("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ACTIVE" });
  const { caseId } = await deps.db.interaction.findUniqueOrThrow({ where: { id: call.interactionId }, select: { caseId: true } });
  deps.events.publish("case.updated", { organizationId: call.organizationId, caseId });
}

/** The party a signed-in person is on a live call as — for media signalling. */
export async function livePartyOf(viewer: Viewer, callId: string, db: Db) {
  const call = await myLiveCall(viewer, callId, db);
  if (call.state === "ENDED") throw new DomainError("CONFLICT", "The call has ended", { reason: "CALL_ENDED" });
  const me = call.parties.find((p) => p.userId === viewer.userId && !p.leftAt);
  if (!me) throw notFound("Call");
  return { call, party: me };
}

/** Who hears whom on this call now (see audio-plan.ts; while ringing nobody hears anybody), and
 * the parties who have left it (their media can go). */
export async function callAudio(callId: string, db: Db) {
  const call = await db.call.findUnique({ where: { id: callId }, include: { parties: true } });
  if (!call) return { plan: new Map<string, Set<string>>(), leftPartyIds: [] };
  const parties = call.parties.map((p) => {
    const ringing = p.role === "CONSULTED" && p.phone !== null && p.joinedAt === null && p.leftAt === null;
    return {
      id: p.id,
      role: p.role,
      staff: p.visitorId === null && p.phone === null,
      phone: p.phone !== null,
      mode: p.mode ?? undefined,
      left: p.leftAt !== null || (p.joinedAt === null && !ringing),
      ringing,
    };
  });
  const plan =
    call.state === "ACTIVE" ? audioPlan(parties, call.held) : call.state === "RINGING" ? ringingPlan(parties, call.ivr) : new Map<string, Set<string>>();
  return { plan, leftPartyIds: call.parties.filter((p) => p.leftAt !== null).map((p) => p.id) };
}
