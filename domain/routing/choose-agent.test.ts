import { describe, expect, it } from "vitest";
import { type Candidate, chooseAgent, compareWaiting } from "./choose-agent.ts";
import { effectiveCapacity } from "./capacity.ts";

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
