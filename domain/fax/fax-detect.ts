// A fax machine heard on a voice number (EntryPoint.faxDetect): for the first seconds of the call,
// in the number's IVR flow or waiting in its queue, the media role listens for CNG
// (domain/fax/cng.ts). When it hears one the call is taken from the flow or the queue (an offer
// ringing meanwhile is withdrawn) and the fax modem answers on the same call; the call stays in the
// system's hands (nothing routes it) until the fax is over, then ends as FAX, and the fax becomes a
// new case on the number's queue like any fax number's (receive-fax.ts).
import { recordEvent } from "../interactions/record-event.ts";
import { callInIvr } from "../ivr/ivr-calls.ts";
import type { Deps } from "../ports.ts";
import { takeCallFromQueue } from "../routing/leave-queue.ts";
import { PendingEvents } from "../shared/pending-events.ts";

/** The tone was heard: true when the call is still the system's to give the modem (in its flow, or
 * waiting unanswered in its queue, then taken out of it), noted on the call's interaction; false
 * when an agent has answered it or it is over. */
export async function faxToneHeard(callId: string, deps: Pick<Deps, "db" | "now" | "events">): Promise<boolean> {
  const events = new PendingEvents();
  const now = deps.now();
  const noted = await deps.db.$transaction(async (tx) => {
    let found = await callInIvr(tx, callId);
    const queued = found ? null : await takeCallFromQueue(tx, { callId, reason: "FAX", now }, events);
    // Out of its queue it is the system's too (the IVR state) until the fax ends it.
    if (queued) found = await callInIvr(tx, callId);
    if (!found) return false;
    await recordEvent(tx, {
      organizationId: found.call.organizationId,
      interactionId: found.interactionId,
      type: "fax_detected",
      queueId: queued?.queueId ?? null,
      at: now,
      data: {},
    });
    return true;
  });
  events.publishTo(deps.events);
  return noted;
}
