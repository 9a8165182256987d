// Domain events fan out to listeners, each its own concern (realtime today; reporting,
// webhooks and notifications later). A failing listener is logged and never fails the use-case.
import type { EventListener, EventPublisher } from "../domain/events.ts";
import type { Logger } from "./logger.ts";

export type { EventListener };

export function createEventBus(log: Logger): EventPublisher & { subscribe(listener: EventListener): void } {
  const listeners: EventListener[] = [];
  return {
    subscribe: (listener) => void listeners.push(listener),
    publish(name, payload) {
      for (const listener of listeners) {
        const handler = listener[name] as ((p: typeof payload) => void | Promise<void>) | undefined;
        if (!handler) continue;
        Promise.resolve()
          .then(() => handler(payload))
          .catch((err) => log.error({ err, event: name }, "event listener failed"));
      }
    },
  };
}
