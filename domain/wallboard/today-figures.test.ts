import { describe, expect, it } from "vitest";
import { type Step, agentDayFigures, queueDayFigures } from "./today-figures.ts";

const T0 = Date.parse("2026-12-04T08:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);
const step = (interactionId: string, type: string, s: number, queueId: string | null = "Q", agentId: string | null = null): Step => ({
  interactionId,
  type,
  queueId,
  agentId,
  at: at(s),
});
const targets = new Map([
  ["Q", { serviceLevelSeconds: 20, shortAbandonSeconds: 5 }],
  ["R", { serviceLevelSeconds: 30, shortAbandonSeconds: 5 }],
]);

describe("a queue's figures for today", () => {
  it("counts offered, answered within the target, abandoned (short ones apart), ASA and AHT with wrap-up", () => {
    const steps = [
      // answered after 10 s, talk 100 s, wrap-up 15 s
      step("a", "queued", 0),
      step("a", "accepted", 10, "Q", "ann"),
      step("a", "ended", 110, null, "ann"),
      // answered after 40 s (late), talk 60 s, no wrap-up
      step("b", "queued", 0),
      step("b", "accepted", 40, "Q", "bob"),
      step("b", "ended", 100, null, "bob"),
      // abandoned after 3 s: a short abandon, left out of the service level and the abandon rate
      step("c", "queued", 50),
      step("c", "abandoned", 53, "Q"),
      // abandoned after 90 s
      step("d", "queued", 60),
      step("d", "abandoned", 150, "Q"),
    ];
    const q = queueDayFigures(steps, [{ agentId: "ann", startedAt: at(110), endedAt: at(125) }], targets, at(200)).get("Q")!;
    expect(q).toMatchObject({ offered: 4, answered: 2, answeredInTarget: 1, abandoned: 2, shortAbandoned: 1, waiting: 0, overflowed: 0 });
    expect(q.serviceLevel).toBeCloseTo(100 / 3);
    expect(q.abandonRate).toBeCloseTo(100 / 3);
    expect(q.asaSeconds).toBe(25);
    expect(q.ahtSeconds).toBe((115 + 60) / 2);
  });

  it("leaves out of the service level who still waits under the target, and counts who waits past it as missed", () => {
    const steps = [step("a", "queued", 0), step("a", "accepted", 5, "Q", "ann"), step("b", "queued", 90), step("c", "queued", 50)];
    const q = queueDayFigures(steps, [], targets, at(100)).get("Q")!;
    // b waits 10 s (undecided), c 50 s (already missed): 1 of 2
    expect(q).toMatchObject({ offered: 3, answered: 1, waiting: 2, serviceLevel: 50, abandonRate: 0 });
    // a is still on the call: no handling time yet
    expect(q.ahtSeconds).toBeNull();
  });

  it("counts a transfer to another queue once in each, and the first queue's handling until it was taken there", () => {
    const steps = [
      step("a", "queued", 0),
      step("a", "accepted", 5, "Q", "ann"),
      step("a", "transfer_requested", 65, "R", "ann"),
      step("a", "accepted", 75, "R", "bob"),
      step("a", "transferred", 75, "R", "bob"),
      // a second transfer to the same queue is no new visit
      step("a", "transfer_requested", 80, "R", "bob"),
      step("a", "accepted", 85, "R", "cid"),
      step("a", "ended", 135, null, "cid"),
    ];
    const f = queueDayFigures(steps, [], targets, at(300));
    expect(f.get("Q")).toMatchObject({ offered: 1, answered: 1, answeredInTarget: 1, ahtSeconds: 70 });
    expect(f.get("R")).toMatchObject({ offered: 1, answered: 1, answeredInTarget: 1, asaSeconds: 10, ahtSeconds: 60 });
  });

  it("counts an overflow against the first queue's service level and as offered in the next", () => {
    const steps = [step("a", "queued", 0), step("a", "overflowed", 30, "Q"), step("a", "queued", 30, "R"), step("a", "accepted", 35, "R", "bob")];
    const f = queueDayFigures(steps, [], targets, at(100));
    expect(f.get("Q")).toMatchObject({ offered: 1, overflowed: 1, answered: 0, serviceLevel: 0, abandonRate: 0 });
    expect(f.get("R")).toMatchObject({ offered: 1, answered: 1, serviceLevel: 100 });
  });

  it("counts an end by the system (not the customer) as offered and unanswered, not abandoned", () => {
    const q = queueDayFigures([step("a", "queued", 0), step("a", "left", 30, "Q")], [], targets, at(60)).get("Q")!;
    expect(q).toMatchObject({ offered: 1, abandoned: 0, answered: 0, serviceLevel: 0, abandonRate: 0 });
  });

  it("leaves a call still in wrap-up out of the handling time, and reports nothing for an idle queue", () => {
    const steps = [step("a", "queued", 0), step("a", "accepted", 1, "Q", "ann"), step("a", "ended", 31, null, "ann")];
    expect(queueDayFigures(steps, [{ agentId: "ann", startedAt: at(31), endedAt: null }], targets, at(40)).get("Q")!.ahtSeconds).toBeNull();
    expect(queueDayFigures([], [], targets, at(40)).size).toBe(0);
  });

  it("ignores steps of a visit that began before the day (an answer after midnight of a call from before)", () => {
    const f = queueDayFigures([step("a", "accepted", 5, "Q", "ann"), step("a", "ended", 50, null, "ann")], [], targets, at(100));
    expect(f.size).toBe(0);
  });
});

describe("an agent's figures for today", () => {
  it("counts interactions taken once each and remembers the last", () => {
    const f = agentDayFigures([
      step("a", "accepted", 5, "Q", "ann"),
      step("a", "accepted", 50, "Q", "ann"), // taken back after a failed transfer
      step("b", "accepted", 70, "R", "ann"),
      step("c", "accepted", 80, "Q", "bob"),
    ]);
    expect(f.get("ann")).toEqual({ handled: 2, lastTaken: { at: at(70), queueId: "R" } });
    expect(f.get("bob")!.handled).toBe(1);
  });
});
