// The channels' part when routing gives work to an agent or ends it (the ChannelWork port): the
// voice channel puts the agent through to the caller, or dials the customer of a call-back, and
// ends a call with its conversation. Chat and e-mail need nothing here. Routing reaches this
// through Deps only, so it depends on no channel.
import type { ChannelWork } from "./ports.ts";
import { placePreviewCall } from "./campaigns/dialer/preview.ts";
import { interactionData } from "./interactions/interaction-data.ts";
import { isCallback, placeCallback } from "./phone/callbacks.ts";
import { connectAgentToCall } from "./voice/answer-queued-call.ts";
import { endCallTx } from "./voice/end-call.ts";

export const channelWork: ChannelWork = {
  async accepted(tx, w, events) {
    if (w.channel !== "VOICE") return;
    const noCall = async () => !(await tx.call.count({ where: { interactionId: w.interactionId } }));
    if (isCallback(w.data) && (await noCall())) {
      // A call-back: the agent is put through to the customer now.
      await placeCallback(tx, { organizationId: w.organizationId, interactionId: w.interactionId, agentId: w.agentId, data: w.data, now: w.now }, events);
    } else if (interactionData(w.data).campaignId && (await noCall())) {
      // A campaign's contact the agent previewed: now they call them.
      await placePreviewCall(tx, { interactionId: w.interactionId, agentId: w.agentId, now: w.now }, events);
    } else {
      await connectAgentToCall(tx, { interactionId: w.interactionId, agentId: w.agentId, previousAgentId: w.previousAgentId, now: w.now }, events);
    }
  },

  async ended(tx, w, events) {
    const call = await tx.call.findUnique({ where: { interactionId: w.interactionId }, select: { id: true } });
    if (!call) return { hadCall: false };
    if (w.callEnd && "keepCall" in w.callEnd) return { hadCall: true };
    // A caller's hang-up judged "abandoned" before an agent took the call (the accept won the
    // race) is a hang-up of the call they now had: the call and the conversation agree.
    const asked = w.callEnd?.reason === "ABANDONED" && w.state !== "ABANDONED" ? "HANGUP" : w.callEnd?.reason;
    const reason = asked ?? (w.state === "ABANDONED" ? "ABANDONED" : w.endedBy === "SYSTEM" ? "ENDED" : "HANGUP");
    const endedById = w.callEnd ? w.callEnd.endedById : w.endedBy === "AGENT" ? w.agentId : null;
    await endCallTx(tx, { callId: call.id, reason, endedById, now: w.now }, events);
    return { hadCall: true };
  },
};
