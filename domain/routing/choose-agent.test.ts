import { describe, expect, it } from "vitest";
import { type Candidate, chooseAgent, compareWaiting } from "./choose-agent.ts";
import { DEFAULT_BLENDING, effectiveBlending, effectiveCapacity, roomFor } from "./capacity.ts";

const now = new Date("2026-11-22T10:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const agent = (userId: string, o: Partial<Candidate> = {}): Candidate => ({ userId, skillLevel: 5, idleSince: ago(60), load: 0, free: 1, ...o });

describe("chooseAgent", () => {
  const team = [
    agent("a", { idleSince: ago(30), load: 1 }),
    agent("b", { idleSince: ago(300), load: 2, skillLevel: 9 }),
    agent("c", { idleSince: null, load: 0, skillLevel: 2 }),
  ];

  it("longest idle takes the agent without work the longest", () => {
    expect(chooseAgent("LONGEST_IDLE", team, now)?.userId).toBe("b");
  });
  it("least busy takes the agent with the least current work", () => {
    expect(chooseAgent("LEAST_BUSY", team, now)?.userId).toBe("c");
  });
  it("skills-based takes the highest skill level in the queue", () => {
    expect(chooseAgent("SKILLS", team, now)?.userId).toBe("b");
  });
  it("round robin goes around the team in a fixed order", () => {
    expect(chooseAgent("ROUND_ROBIN", team, now, null)?.userId).toBe("a");
    expect(chooseAgent("ROUND_ROBIN", team, now, "a")?.userId).toBe("b");
    expect(chooseAgent("ROUND_ROBIN", team, now, "c")?.userId).toBe("a");
  });
  it("never offers to an agent without room for the channel", () => {
    expect(
      chooseAgent(
        "SKILLS",
        team.map((c) => ({ ...c, free: c.userId === "b" ? 0 : 1 })),
        now,
      )?.userId,
    ).toBe("a");
    expect(
      chooseAgent(
        "LONGEST_IDLE",
        team.map((c) => ({ ...c, free: 0 })),
        now,
      ),
    ).toBeNull();
  });
});

describe("waiting order", () => {
  it("puts VIP first, then queue priority, then waiting time", () => {
    const items = [
      { id: "old-low", vip: false, priority: 10, enqueuedAt: ago(500) },
      { id: "new-high", vip: false, priority: 80, enqueuedAt: ago(5) },
      { id: "vip", vip: true, priority: 10, enqueuedAt: ago(1) },
      { id: "older-high", vip: false, priority: 80, enqueuedAt: ago(50) },
    ];
    expect(items.sort(compareWaiting).map((i) => i.id)).toEqual(["vip", "older-high", "new-high", "old-low"]);
  });
});

describe("capacity", () => {
  it("takes the agent's own setting over the organisation's, and ignores garbage", () => {
    expect(effectiveCapacity({ CHAT: 4 }, { CHAT: 2 }).CHAT).toBe(2);
    expect(effectiveCapacity({ CHAT: 4 }, null)).toMatchObject({ CHAT: 4, VOICE: 1, EMAIL: 5 });
    expect(effectiveCapacity("nonsense", { CHAT: -3 }).CHAT).toBe(3);
  });
});

describe("blended rules", () => {
  const cap = effectiveCapacity(null, null); // VOICE 1, CHAT 3, EMAIL 5
  const rules = DEFAULT_BLENDING;
  it("by default a call or a chat interrupts e-mail work, but e-mail never interrupts live work", () => {
    expect(roomFor("VOICE", cap, { EMAIL: 4, CHAT: 1 }, rules)).toBe(1);
    expect(roomFor("CHAT", cap, { EMAIL: 5 }, rules)).toBe(3);
    expect(roomFor("EMAIL", cap, { CHAT: 1 }, rules)).toBe(0);
    expect(roomFor("EMAIL", cap, { VOICE: 1 }, rules)).toBe(0);
    expect(roomFor("CHAT", cap, { VOICE: 1 }, rules)).toBe(0);
    expect(roomFor("EMAIL", cap, { EMAIL: 2 }, rules)).toBe(3);
  });
  it("each rule can be turned around", () => {
    expect(roomFor("VOICE", cap, { EMAIL: 1 }, { ...rules, callsInterrupt: false })).toBe(0);
    expect(roomFor("CHAT", cap, { SMS: 1 }, { ...rules, chatsInterruptDeferred: false })).toBe(0);
    expect(roomFor("CHAT", cap, { VOICE: 1, CHAT: 1 }, { ...rules, chatsDuringCall: true })).toBe(2);
    expect(roomFor("EMAIL", cap, { CHAT: 2, EMAIL: 1 }, { ...rules, deferredDuringLive: true })).toBe(4);
  });
  it("capacity still limits each channel", () => {
    expect(roomFor("CHAT", cap, { CHAT: 3 }, { ...rules, chatsDuringCall: true })).toBe(0);
    expect(roomFor("VOICE", cap, { VOICE: 1 }, rules)).toBe(0);
  });
  it("stored rules are read leniently: unknown or broken values fall back to the defaults", () => {
    expect(effectiveBlending({ chatsDuringCall: true })).toEqual({ ...DEFAULT_BLENDING, chatsDuringCall: true });
    expect(effectiveBlending("nonsense")).toEqual(DEFAULT_BLENDING);
    expect(effectiveBlending(null)).toEqual(DEFAULT_BLENDING);
  });
});
