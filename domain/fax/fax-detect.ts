// A fax machine heard on a voice number (EntryPoint.faxDetect): while the caller is in the
// number's IVR flow, the media role listens for CNG (domain/fax/cng.ts). When it hears one the flow
// stops and the fax modem answers on the same call; the call stays in the flow's hands (nothing
// routes it) until the fax is over, then ends as FAX, and the fax becomes a new case on the
// number's queue like any fax number's (receive-fax.ts).
import { recordEvent } from "../interactions/record-event.ts";
import { callInIvr } from "../ivr/ivr-calls.ts";
import type { Deps } from "../ports.ts";

/** The tone was heard: true when the call is still in its flow (the fax may take it over), noted
 * on the call's interaction; false when the caller has moved on (queued, gone). */
export async function faxToneHeard(callId: string, deps: Pick<Deps, "db" | "now">): Promise<boolean> {
  const found = await callInIvr(deps.db, callId);
  if (!found) return false;
  await recordEvent(deps.db, {
    organizationId: found.call.organizationId,
    interactionId: found.interactionId,
    type: "fax_detected",
    at: deps.now(),
    data: {},
  });
  return true;
}
