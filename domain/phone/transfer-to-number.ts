// Handing a phone caller to an outside number (a blind transfer by SIP REFER): the organisation's
// rules for calls out apply, as the provider places that call for us. When the provider reports
// success the call is theirs and ends for us as TRANSFERRED; when it reports a failure the agent
// still has the caller and sees why.
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import { endCall, livePartyOf } from "../voice/calls.ts";
import { assertMayCall } from "./dial-out.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** Checks and records the request; the caller (the phone service) then sends the REFER. */
export async function requestExternalTransfer(viewer: Viewer, callId: string, rawNumber: string, deps: Deps, ip?: string): Promise<string> {
  const { call, party } = await livePartyOf(viewer, callId, deps.db);
  if (!call.trunkId || !call.interactionId || call.state !== "ACTIVE")
    throw new DomainError("CONFLICT", "Only a phone call in progress can be passed to an outside number", { reason: "NOT_PHONE_CALL" });
  if (party.role !== "CALLEE" && party.role !== "CALLER") throw new DomainError("FORBIDDEN", "Only the agent talking with the caller can transfer the call");
  if (call.parties.some((p) => p.role === "CONSULTED" && !p.leftAt))
    throw new DomainError("CONFLICT", "Finish the consultation first", { reason: "CONSULT_IN_PROGRESS" });
  const trunk = await deps.db.sipTrunk.findUniqueOrThrow({ where: { id: call.trunkId } });
  await assertMayCall(viewer, trunk, rawNumber, deps, ip);
  const number = normalisePhone(rawNumber)!;
  await recordEvent(deps.db, {
    organizationId: call.organizationId,
    interactionId: call.interactionId,
    type: "transfer_requested",
    agentId: viewer.userId,
    at: deps.now(),
    data: { number, external: true },
  });
  return number;
}

/** The far end's final answer to our REFER (from its NOTIFY). */
export async function externalTransferResult(callId: string, code: number, deps: Deps) {
  const call = await deps.db.call.findUnique({ where: { id: callId }, select: { organizationId: true, interactionId: true, state: true } });
  if (!call?.interactionId || call.state === "ENDED") return;
  const requested = await deps.db.interactionEvent.findFirst({
    where: { interactionId: call.interactionId, type: "transfer_requested" },
    orderBy: { at: "desc" },
  });
  const number = String((requested?.data as { number?: string } | null)?.number ?? "");
  const interaction = await deps.db.interaction.findUniqueOrThrow({ where: { id: call.interactionId }, select: { caseId: true, agentId: true } });
  if (code >= 300) {
    await recordEvent(deps.db, {
      organizationId: call.organizationId,
      interactionId: call.interactionId,
      type: "transfer_failed",
      at: deps.now(),
      data: { number, code },
    });
    deps.events.publish("case.updated", { organizationId: call.organizationId, caseId: interaction.caseId });
    return;
  }
  await recordEvent(deps.db, {
    organizationId: call.organizationId,
    interactionId: call.interactionId,
    type: "transferred",
    agentId: interaction.agentId,
    at: deps.now(),
    data: { kind: "external", number },
  });
  // Passed on by an IVR flow (never queued): the conversation ended, it was not abandoned.
  await deps.db.interaction.updateMany({
    where: { id: call.interactionId, state: "QUEUED" },
    data: { state: "ENDED", endedAt: deps.now(), endedBy: "SYSTEM" },
  });
  await endCall(callId, "TRANSFERRED", interaction.agentId, deps, "AGENT");
}
