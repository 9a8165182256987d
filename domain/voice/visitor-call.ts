// A web visitor on their call: which party they are (from their token only), and hanging up.
import { currentInteraction, type VisitorContext } from "../chat/visitor-context.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { endCall } from "./calls.ts";

/** The visitor's live call and their party on it. */
export async function visitorCallParty(v: VisitorContext, deps: Pick<Deps, "db">) {
  const interaction = await currentInteraction(v, deps);
  const call = interaction ? await deps.db.call.findUnique({ where: { interactionId: interaction.id }, include: { parties: true } }) : null;
  const party = call?.parties.find((p) => p.visitorId === v.visitorId && !p.leftAt);
  if (!call || call.state === "ENDED" || !party) throw new DomainError("CONFLICT", "There is no call going on", { reason: "CALL_ENDED" });
  return { callId: call.id, partyId: party.id, state: call.state };
}

export async function hangUpByVisitor(v: VisitorContext, deps: Deps) {
  const { callId, state } = await visitorCallParty(v, deps);
  await endCall(callId, state === "RINGING" ? "CANCELLED" : "HANGUP", null, deps, "CONTACT");
}
