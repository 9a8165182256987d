import { describe, expect, it } from "vitest";
import { ACCESS_EVENTS, type DomainEventName } from "../domain/events.ts";
import { createEventBus } from "../lib/event-bus.ts";
import { createLogger } from "../lib/logger.ts";
import { createAppPubSub } from "./pubsub.ts";
import { realtimeListener } from "./realtime.ts";

const org = "0190b3c1-0000-7000-8000-000000000001";

function setup() {
  const log = createLogger("silent", false);
  const pubsub = createAppPubSub(undefined, log);
  const bus = createEventBus(log);
  bus.subscribe(realtimeListener(pubsub, { db: null as never }));
  return { pubsub, bus };
}

async function first<T>(iterable: AsyncIterable<T>, ms = 500): Promise<T | null> {
  const it = iterable[Symbol.asyncIterator]();
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), ms));
  const next = it.next().then((r) => r.value as T);
  const result = await Promise.race([next, timeout]);
  await it.return?.();
  return result;
}

describe("realtime listener", () => {
  it("publishes an agent's state change to the organisation's presence topic", async () => {
    const { pubsub, bus } = setup();
    const received = first(pubsub.subscribe("agentPresence", org));
    await new Promise((r) => setTimeout(r, 10));
    bus.publish("agent.state_changed", { organizationId: org, userId: "u1", state: "READY", since: new Date("2026-11-22T08:00:00Z") });
    expect(await received).toEqual({ userId: "u1", state: "READY", since: "2026-11-22T08:00:00.000Z" });
  });

  it.each(ACCESS_EVENTS as DomainEventName[])("%s tells every node that access changed", async (name) => {
    const { pubsub, bus } = setup();
    const received = first(pubsub.subscribe("accessChanged"));
    await new Promise((r) => setTimeout(r, 10));
    bus.publish(name, { organizationId: org, userId: "u", roleId: "r", teamId: "t" } as never);
    expect(await received).toEqual({ organizationId: org });
  });
});
