// Consulting an outside number: the agent puts the customer on hold and rings a number (an expert,
// another department on its own phone system, the customer's bank) into the same call. The agent
// and that number talk while the customer hears music; then the agent goes back (cancel), brings
// all three together (a conference: the hold is lifted), or hands the customer over and leaves
// (an attended transfer; the two go on talking through us). The rules for calls out apply.
import { can, type Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import { endCall } from "../voice/calls.ts";
import { agentOf } from "../voice/call-parties.ts";
import { consultEvent, endConsult, lockAgentsCall } from "../voice/consult.ts";
import { assertMayCall, callerIdOn, noTrunk } from "./dial-out.ts";
import { endReasonOf, phoneCallEnded } from "./phone-call-events.ts";

export interface ConsultNumberInput {
  number: string;
  /** One of the line's caller IDs; by default the number the customer rang (or saw), when it is ours. */
  callerId?: string | null;
  /** The line to ring it on; by default the call's own (a web call: the organisation's first). */
  trunkId?: string | null;
}

export async function consultNumber(viewer: Viewer, callId: string, input: ConsultNumberInput, deps: Deps, ip?: string) {
  if (!can(viewer, "calls.dial_out") || !can(viewer, "agents.work")) throw new DomainError("FORBIDDEN", "Your role may not call outside numbers");
  const line = await deps.db.call.findFirst({ where: { id: callId, organizationId: viewer.organizationId }, select: { trunkId: true, localNumber: true } });
  const trunkId = input.trunkId ?? line?.trunkId;
  const trunk = await deps.db.sipTrunk.findFirst({
    where: { organizationId: viewer.organizationId, active: true, ...(trunkId ? { id: trunkId } : {}) },
    orderBy: { createdAt: "asc" },
  });
  if (!trunk) throw noTrunk();
  const callerId = callerIdOn(trunk, input.callerId, line?.localNumber);
  await assertMayCall(viewer, trunk, input.number, deps, ip);
  const number = normalisePhone(input.number)!;

  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    const { call, interactionId, consulted } = await lockAgentsCall(tx, viewer, callId);
    if (consulted) throw new DomainError("CONFLICT", "You are already consulting someone on this call", { reason: "ALREADY_CONSULTING" });
    if (call.parties.some((p) => !p.leftAt && p.phone === number))
      throw new DomainError("CONFLICT", "That number is already on this call", { reason: "NUMBER_ON_CALL" });
    const now = deps.now();
    const party = await tx.callParty.create({ data: { callId, role: "CONSULTED", phone: number, trunkId: trunk.id, createdAt: now } });
    await tx.call.update({ where: { id: callId }, data: { held: true } });
    await consultEvent(tx, call, interactionId, { type: "consult_started", data: { number, callerId } }, viewer.userId, now, events);
    events.add("call.updated", { organizationId: call.organizationId, callId, state: "ACTIVE" });
    await events.addDurable(tx, "call.dialing", { organizationId: call.organizationId, callId, partyId: party.id, callerId });
  });
  events.publishTo(deps.events);
}

/** The consulted number answered (200 OK): the agent and they talk. */
export async function consultedNumberAnswered(callId: string, partyId: string, deps: Deps) {
  const answered = await deps.db.callParty.updateMany({ where: { id: partyId, callId, joinedAt: null, leftAt: null }, data: { joinedAt: deps.now() } });
  if (answered.count !== 1) return;
  const call = await deps.db.call.findUniqueOrThrow({ where: { id: callId }, include: { parties: { select: { userId: true, visitorId: true } } } });
  deps.events.publish("call.updated", { organizationId: call.organizationId, callId, state: "ACTIVE" });
}

/**
 * A telephone on the call hung up (or could not be reached). The customer's phone ends the call.
 * A consulted number ends the consultation (the customer is back with the agent), saying why when
 * it never answered; once the agent has handed over to it, it ends the call.
 */
export async function phonePartyEnded(callId: string, partyId: string, code: number, words: string, deps: Deps) {
  const party = await deps.db.callParty.findUnique({ where: { id: partyId }, include: { call: { include: { parties: true } } } });
  if (!party || party.leftAt || party.call.state === "ENDED") return;
  if (party.role !== "CONSULTED") return phoneCallEnded(callId, code, words, deps);
  if (agentOf(party.call.parties)) {
    const reason = party.joinedAt ? "LEFT" : endReasonOf(code, false);
    await endConsult(party.call.organizationId, callId, null, reason === "CANCELLED" ? "NO_ANSWER" : reason, deps, code || undefined);
    return;
  }
  await endCall(callId, "HANGUP", null, deps, "CONTACT");
}
