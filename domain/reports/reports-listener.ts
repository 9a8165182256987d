// Reporting's projection: an interaction that ends is counted in the queue report's interval rows
// (a chat or e-mail in the Chat and e-mail report's, a call out in the Outbound calls report's)
// at once (the worker's sweep catches any whose end was missed; see queue-intervals.ts).
import type { EventListener } from "../events.ts";
import type { Deps } from "../ports.ts";
import { applyConversation } from "./conversation-intervals.ts";
import { applyOutboundCall } from "./outbound-intervals.ts";
import { applyInteraction } from "./queue-intervals.ts";

export function reportsListener(deps: Pick<Deps, "db">): EventListener {
  return {
    "interaction.ended": async (e) => {
      await applyInteraction(e.interactionId, deps);
      await applyConversation(e.interactionId, deps);
      await applyOutboundCall(e.interactionId, deps);
    },
  };
}
