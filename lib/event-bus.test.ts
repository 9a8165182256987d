import { describe, expect, it } from "vitest";
import type { DomainEvents, EventRole } from "../domain/events.ts";
import { createAppPubSub } from "../graphql/pubsub.ts";
import { decodeMessage, encodeMessage, pubsubChannel } from "./cluster-channel.ts";
import { createEventBus } from "./event-bus.ts";
import { createLogger } from "./logger.ts";

const log = createLogger("silent", false);
const tick = () => new Promise((r) => setTimeout(r, 10));
const digit = (d: string): DomainEvents["call.visitor_digit"] => ({ organizationId: "o", callId: "c", digit: d });

/** Nodes with these roles on one in-process pub/sub (Redis stands in for it between processes). */
function cluster(...nodes: EventRole[][]) {
  const pubsub = createAppPubSub(undefined, log);
  return nodes.map((roles) => {
    const bus = createEventBus(log, { roles, channel: pubsubChannel(pubsub, log) });
    const heard: string[] = [];
    const note = (tag: string) => ({ "call.visitor_digit": (p: DomainEvents["call.visitor_digit"]) => void heard.push(`${tag}:${p.digit}`) });
    bus.subscribe(note("any"));
    for (const role of roles) bus.subscribe(note(role), role);
    return { bus, heard };
  });
}

describe("event bus", () => {
  it("runs any-listeners where the event is raised, and role listeners once on every node that has the role", async () => {
    const [web1, web2, media] = cluster(["web"], ["web"], ["media", "worker"]);
    web1.bus.publish("call.visitor_digit", digit("1"));
    await tick();
    expect(web1.heard.sort()).toEqual(["any:1", "web:1"]);
    expect(web2.heard).toEqual(["web:1"]);
    expect(media.heard.sort()).toEqual(["media:1", "worker:1"]);

    media.bus.publish("call.visitor_digit", digit("2"));
    await tick();
    expect(media.heard.filter((h) => h.endsWith(":2")).sort()).toEqual(["any:2", "media:2", "worker:2"]);
    expect(web1.heard.filter((h) => h.endsWith(":2"))).toEqual(["web:2"]);
    expect(web2.heard).toEqual(["web:1", "web:2"]);
  });

  it("between nodes that have every role: each runs its role listeners once, the any-listeners only where raised", async () => {
    const [a, b] = cluster(["web", "media", "worker"], ["web", "media", "worker"]);
    a.bus.publish("call.visitor_digit", digit("3"));
    await tick();
    expect(a.heard.sort()).toEqual(["any:3", "media:3", "web:3", "worker:3"]);
    expect(b.heard.sort()).toEqual(["media:3", "web:3", "worker:3"]);
  });

  it("deliver waits for this node's listeners and rejects when one failed, after all ran", async () => {
    const bus = createEventBus(log);
    const ran: string[] = [];
    bus.subscribe({ "call.visitor_digit": () => Promise.reject(new Error("boom")) });
    bus.subscribe({ "call.visitor_digit": async () => void ran.push("second") });
    await expect(bus.deliver("call.visitor_digit", digit("4"))).rejects.toThrow("boom");
    expect(ran).toEqual(["second"]);
  });

  it("refuses a role listener on a node without the role", () => {
    expect(() => createEventBus(log, { roles: ["web"] }).subscribe({}, "media")).toThrow(/without the media role/);
  });
});

describe("cluster messages", () => {
  it("carry dates as dates", () => {
    const at = new Date("2026-12-04T10:00:00.123Z");
    const m = decodeMessage(encodeMessage({ t: "event", roles: ["media"], name: "chat.read", payload: { at, by: "AGENT", nested: { at } } }));
    expect(m).toEqual({ t: "event", roles: ["media"], name: "chat.read", payload: { at, by: "AGENT", nested: { at } } });
  });
});
