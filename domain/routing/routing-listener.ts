// Routing reacts to what happens elsewhere: an agent becoming Ready wakes the queues, an agent going
// Offline hands their live conversations back to the queue, a queue's settings changing wakes it.
import type { EventListener } from "../events.ts";
import type { Deps } from "../ports.ts";
import { requeueAgentWork } from "./requeue-agent-work.ts";

export function routingListener(deps: Deps): EventListener {
  return {
    "agent.state_changed": async (e) => {
      if (e.state === "OFFLINE") await requeueAgentWork(e.organizationId, e.userId, deps);
      if (e.state === "READY") deps.events.publish("routing.wake", { organizationId: e.organizationId, queueIds: "all" });
    },
    "queue.updated": (e) => deps.events.publish("routing.wake", { organizationId: e.organizationId, queueIds: [e.queueId] }),
  };
}
