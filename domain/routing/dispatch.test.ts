import { describe, expect, it } from "vitest";
import type { Channel } from "../queues/save-queue.ts";
import { DEFAULT_BLENDING, effectiveCapacity } from "./capacity.ts";
import { Dispatch, type DispatchAgent, type DispatchItem, type DispatchQueue, serviceOrder } from "./dispatch.ts";

const now = new Date("2026-12-04T10:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const item = (id: string, queueId: string, o: Partial<DispatchItem> = {}): DispatchItem => ({
  id,
  queueId,
  channel: "CHAT",
  vip: false,
  priority: 50,
  enqueuedAt: ago(60),
  declinedBy: [],
  targetAgentId: null,
  transferFromId: null,
  ...o,
});
const agent = (userId: string, o: Partial<DispatchAgent> = {}): DispatchAgent => ({
  userId,
  idleSince: ago(100),
  capacity: effectiveCapacity(null, { CHAT: 1 }),
  byChannel: {},
  ...o,
});
const queue = (id: string, members: string[], o: Partial<DispatchQueue> = {}): DispatchQueue => ({
  id,
  strategy: "LONGEST_IDLE",
  members: members.map((userId) => ({ userId, skillLevel: 5 })),
  ...o,
});

/** Serves the items in order, as a routing pass does, and tells who got what. */
function serve(d: Dispatch, items: DispatchItem[]): Record<string, string> {
  const got: Record<string, string> = {};
  for (const i of serviceOrder(items)) {
    const a = d.agentFor(i);
    if (!a) continue;
    d.offered(i, a);
    got[i.id] = a;
  }
  return got;
}

describe("one order across queues", () => {
  // An agent in queue A (low priority, listed first) and queue B (high priority).
  const queues = [queue("A", ["x"]), queue("B", ["x"])];

  it("the freed seat takes the higher-priority queue's item, whichever queue comes first", () => {
    const items = [item("a1", "A", { priority: 10, enqueuedAt: ago(500) }), item("b1", "B", { priority: 80 })];
    expect(serve(new Dispatch(queues, [agent("x")], DEFAULT_BLENDING, now), items)).toEqual({ b1: "x" });
    expect(serve(new Dispatch([...queues].reverse(), [agent("x")], DEFAULT_BLENDING, now), [...items].reverse())).toEqual({ b1: "x" });
  });

  it("a VIP in the lower-priority queue comes first", () => {
    const items = [item("a-vip", "A", { priority: 10, vip: true, enqueuedAt: ago(1) }), item("b1", "B", { priority: 80, enqueuedAt: ago(900) })];
    expect(serve(new Dispatch(queues, [agent("x")], DEFAULT_BLENDING, now), items)).toEqual({ "a-vip": "x" });
  });

  it("at equal priority the longest waiting item wins, whatever its queue", () => {
    const items = [item("a-new", "A", { enqueuedAt: ago(10) }), item("b-old", "B", { enqueuedAt: ago(300) })];
    expect(serve(new Dispatch(queues, [agent("x")], DEFAULT_BLENDING, now), items)).toEqual({ "b-old": "x" });
  });

  it("serves equal items in the same order on every node", () => {
    const same = { enqueuedAt: ago(5) };
    expect(serviceOrder([item("2", "B", same), item("1", "A", same)]).map((i) => i.id)).toEqual(["1", "2"]);
  });

  it("a lower-priority item still goes to an agent the higher one did not need", () => {
    const d = new Dispatch([queue("A", ["x", "y"]), queue("B", ["x"])], [agent("x"), agent("y", { idleSince: ago(5) })], DEFAULT_BLENDING, now);
    expect(serve(d, [item("a1", "A", { priority: 10 }), item("b1", "B", { priority: 80 })])).toEqual({ b1: "x", a1: "y" });
  });
});

describe("channels sharing an agent", () => {
  const cap = effectiveCapacity(null, null); // VOICE 1, CHAT 3, EMAIL 5
  const queues = [queue("A", ["x"]), queue("B", ["x"])];
  const of = (channel: Channel, queueId: string, priority: number) => item(`${queueId}-${channel}`, queueId, { channel, priority });

  it("a call in the higher-priority queue goes first, and the chat waits (no chats during a call)", () => {
    const d = new Dispatch(queues, [agent("x", { capacity: cap })], DEFAULT_BLENDING, now);
    expect(serve(d, [of("CHAT", "A", 10), of("VOICE", "B", 80)])).toEqual({ "B-VOICE": "x" });
  });

  it("a chat in the higher-priority queue goes first; a call may still interrupt it", () => {
    const d = new Dispatch(queues, [agent("x", { capacity: cap })], DEFAULT_BLENDING, now);
    expect(serve(d, [of("VOICE", "A", 10), of("CHAT", "B", 80)])).toEqual({ "B-CHAT": "x", "A-VOICE": "x" });
    const strict = new Dispatch(queues, [agent("x", { capacity: cap })], { ...DEFAULT_BLENDING, callsInterrupt: false }, now);
    expect(serve(strict, [of("VOICE", "A", 10), of("CHAT", "B", 80)])).toEqual({ "B-CHAT": "x" });
  });

  it("e-mail waits while the agent is offered live work, even from a lower-priority queue", () => {
    const d = new Dispatch(queues, [agent("x", { capacity: cap })], DEFAULT_BLENDING, now);
    expect(serve(d, [of("EMAIL", "B", 10), of("CHAT", "A", 80)])).toEqual({ "A-CHAT": "x" });
  });
});

describe("each queue's own rules", () => {
  it("picks by the item's queue strategy, among that queue's members only", () => {
    const queues = [
      {
        id: "S",
        strategy: "SKILLS" as const,
        members: [
          { userId: "x", skillLevel: 2 },
          { userId: "y", skillLevel: 9 },
        ],
      },
      queue("L", ["x", "z"]),
    ];
    const agents = [agent("x", { idleSince: ago(10) }), agent("y", { idleSince: ago(1) }), agent("z", { idleSince: ago(500) })];
    const d = new Dispatch(queues, agents, DEFAULT_BLENDING, now);
    expect(serve(d, [item("s1", "S", { priority: 90 }), item("l1", "L", { priority: 10 })])).toEqual({ s1: "y", l1: "z" });
  });

  it("round robin moves on per queue, from the cursor it was given", () => {
    const d = new Dispatch(
      [queue("R", ["a", "b", "c"], { strategy: "ROUND_ROBIN" })],
      ["a", "b", "c"].map((id) => agent(id)),
      DEFAULT_BLENDING,
      now,
      new Map([["R", "a"]]),
    );
    expect(serve(d, [item("1", "R", { enqueuedAt: ago(9) }), item("2", "R", { enqueuedAt: ago(8) })])).toEqual({ "1": "b", "2": "c" });
    expect(d.cursors.get("R")).toBe("c");
  });

  it("not to who declined it, unless everyone has; never back to the agent transferring it", () => {
    const d = new Dispatch([queue("Q", ["x", "y"])], [agent("x"), agent("y", { idleSince: ago(5) })], DEFAULT_BLENDING, now);
    expect(d.agentFor(item("1", "Q", { declinedBy: ["x"] }))).toBe("y");
    expect(d.agentFor(item("2", "Q", { declinedBy: ["x", "y"] }))).toBe("x");
    expect(d.agentFor(item("3", "Q", { transferFromId: "x" }))).toBe("y");
    expect(d.agentFor(item("4", "Q", { declinedBy: ["y"], transferFromId: "x" }))).toBe("y");
  });

  it("a transfer to a person goes to them only, member of the queue or not", () => {
    const d = new Dispatch([queue("Q", ["x"])], [agent("x"), agent("outside", { idleSince: ago(1) })], DEFAULT_BLENDING, now);
    expect(d.agentFor(item("1", "Q", { targetAgentId: "outside", transferFromId: "x" }))).toBe("outside");
    expect(d.agentFor(item("2", "Q", { targetAgentId: "away", transferFromId: "x" }))).toBeNull();
  });

  it("once nobody in a queue has room for a channel, its other items wait", () => {
    const d = new Dispatch([queue("Q", ["x"])], [agent("x")], DEFAULT_BLENDING, now);
    expect(serve(d, [item("1", "Q", { enqueuedAt: ago(90) }), item("2", "Q"), item("3", "Q", { channel: "EMAIL" })])).toEqual({ "1": "x" });
  });
});
