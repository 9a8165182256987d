import { describe, expect, it } from "vitest";
import { Durations, Rings } from "./durations.ts";
import { addBernoulli, atLeast, createPacer, poissonBinomial, type PacerEvent, type PacerSnapshot } from "./pacer.ts";

const snapshot = (over: Partial<PacerSnapshot> = {}): PacerSnapshot => ({
  t: 0,
  agents: 10,
  lines: 40,
  wrapSec: 10,
  abandonSec: 2,
  idle: 0,
  held: 0,
  talking: [],
  wrapping: [],
  ringing: [],
  linesFree: 40,
  stats: { dialed: 0, human: 0, machine: 0, busy: 0, noanswer: 0, abandoned: 0, connected: 0 },
  events: [],
  ...over,
});

/** A history: `humans` person-answered rings after 8–12 s, three times as many unanswered, talks of 100–200 s. */
function history(humans: number): PacerEvent[] {
  const events: PacerEvent[] = [];
  for (let i = 0; i < humans; i++) {
    events.push({ type: "ring", sec: 8 + (i % 5), human: true });
    for (let j = 0; j < 3; j++) events.push({ type: "ring", sec: 25, human: false });
    events.push({ type: "talk", sec: 100 + (i % 101) });
  }
  return events;
}

describe("distributions", () => {
  it("sums yes/no outcomes", () => {
    expect(poissonBinomial([0.5, 0.5])).toEqual([0.25, 0.5, 0.25]);
    expect(addBernoulli([1], 0.2)).toEqual([0.8, 0.2]);
  });

  it("gives the chance that those waiting are at least the agents free", () => {
    expect(atLeast([1], [1])).toBe(1); // nobody else waits, no agent: no agent for the next
    expect(atLeast([1], [0, 1])).toBe(0); // one agent, nobody else waiting
    expect(atLeast([0.5, 0.5], [0, 1])).toBeCloseTo(0.5);
  });
});

describe("what the pacer learns", () => {
  it("judges a talk by those that lasted as long", () => {
    const talks = new Durations(120);
    for (let i = 0; i < 100; i++) talks.add(i < 50 ? 60 : 300);
    expect(talks.mean).toBe(180);
    expect(talks.endsWithin(30, 40)).toBeCloseTo(0.5); // half of those past 30 s end at 60 s
    expect(talks.endsWithin(100, 40)).toBe(0); // past 60 s, all the rest last 300 s
    expect(talks.endsWithin(290, 20)).toBe(1);
  });

  it("keeps only the newest rings, answered and not alike", () => {
    const rings = new Rings(100);
    for (let i = 0; i < 100; i++) rings.add(10, true);
    for (let i = 0; i < 100; i++) rings.add(30, false);
    expect(rings.humanShare).toBe(0);
    expect(rings.humanBy(0, 60)).toBe(0);
    for (let i = 0; i < 50; i++) rings.add(10, true);
    expect(rings.humanShare).toBe(0.5);
    expect(rings.humanBy(0, 10)).toBe(0.5);
    expect(rings.humanBy(10, 40)).toBe(0); // still ringing after 10 s: nobody answers any more
  });
});

describe("createPacer", () => {
  it("dials one call per free agent when progressive, counting calls already ringing and people waiting", () => {
    const pacer = createPacer({ mode: "PROGRESSIVE" });
    expect(pacer.decide(snapshot({ idle: 4, ringing: [3], held: 1 }))).toBe(2);
    expect(pacer.decide(snapshot({ idle: 4, linesFree: 1 }))).toBe(1);
    expect(pacer.decide(snapshot({ idle: 0, talking: [10, 20] }))).toBe(0);
    expect(pacer.state.phase).toBe("PROGRESSIVE");
  });

  it("paces progressively until it has learnt answer and talk times", () => {
    const pacer = createPacer({ mode: "PREDICTIVE" });
    expect(pacer.decide(snapshot({ idle: 3, talking: [50, 60, 70, 80, 90, 100, 110] }))).toBe(3);
    expect(pacer.state.phase).toBe("LEARNING");
  });

  it("dials ahead of agents about to be free, more the lower the answer rate", () => {
    const busy = { talking: [150, 160, 170, 180, 190, 195, 30, 40], wrapping: [8, 9] };
    const learnt = createPacer({ mode: "PREDICTIVE" });
    learnt.decide(snapshot({ events: history(60) }));
    const n = learnt.decide(snapshot({ t: 1, ...busy }));
    expect(learnt.state.phase).toBe("PREDICTIVE");
    expect(n).toBeGreaterThan(0); // two agents leave wrap-up within 2 s: nobody is idle, yet it dials

    const often = createPacer({ mode: "PREDICTIVE" });
    const answered: PacerEvent[] = history(60).filter((e) => e.type !== "ring" || e.human);
    often.decide(snapshot({ events: [...answered, ...answered.filter((e) => e.type === "ring").map((e) => ({ ...e, human: false }))] }));
    expect(often.decide(snapshot({ t: 1, ...busy }))).toBeLessThan(n);
  });

  it("dials nothing ahead when every agent talks and calls already ring for them", () => {
    const pacer = createPacer({ mode: "PREDICTIVE" });
    pacer.decide(snapshot({ events: history(60) }));
    expect(pacer.decide(snapshot({ t: 1, talking: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14], ringing: Array(12).fill(2) }))).toBe(0);
  });

  it("dials ahead more cautiously near the abandon cap, and never exceeds the lines", () => {
    const events = history(60);
    const floor = { t: 1, talking: [150, 160, 170, 180, 190, 195, 30, 40], wrapping: [5, 6, 7, 8, 9, 9, 9, 9] };
    const calm = createPacer({ mode: "PREDICTIVE" });
    calm.decide(snapshot({ events }));
    const usual = calm.decide(snapshot(floor));
    const near = createPacer({ mode: "PREDICTIVE" });
    near.decide(snapshot({ events: [...events, { type: "abandon" }, { type: "abandon" }] }));
    const stats = { dialed: 240, human: 60, machine: 0, busy: 0, noanswer: 180, abandoned: 2, connected: 58 };
    const cautious = near.decide(snapshot({ ...floor, stats }));
    expect(near.state.phase).toBe("NEAR_CAP");
    expect(cautious).toBeLessThan(usual);
    const capped = createPacer({ mode: "PREDICTIVE" });
    capped.decide(snapshot({ events }));
    expect(capped.decide(snapshot({ t: 1, idle: 5, wrapping: [9, 9], linesFree: 2 }))).toBe(2);
  });

  it("lowers λ on every abandon and raises it on every person answered", () => {
    const pacer = createPacer({ mode: "PREDICTIVE" });
    pacer.decide(snapshot());
    const start = pacer.state.lambda;
    pacer.decide(snapshot({ t: 1, events: [{ type: "abandon" }] }));
    expect(pacer.state.lambda).toBeLessThan(start);
    const low = pacer.state.lambda;
    pacer.decide(snapshot({ t: 2, events: Array(40).fill({ type: "ring", sec: 9, human: true }) }));
    expect(pacer.state.lambda).toBeGreaterThan(low);
  });

  it("a pacer started again (another node, a restart) recalls the campaign's history instead of learning again", () => {
    const busy = { t: 7200, talking: [150, 160, 170, 180, 190, 195, 30, 40], wrapping: [8, 9] };
    const before = createPacer({ mode: "PREDICTIVE" });
    before.decide(snapshot({ t: 7100, events: history(60) }));
    const wanted = before.decide(snapshot(busy));

    const fresh = createPacer({ mode: "PREDICTIVE" });
    fresh.decide(snapshot(busy));
    expect(fresh.state.phase).toBe("LEARNING");

    const again = createPacer({ mode: "PREDICTIVE" });
    again.recall(history(60).map((event) => ({ t: 7100, event })));
    expect(again.decide(snapshot(busy))).toBe(wanted);
    expect(again.state).toEqual(before.state);
  });

  it("recalls abandons at their own times: only the last hour's count towards the near-cap caution", () => {
    const stats = { dialed: 400, human: 100, machine: 0, busy: 0, noanswer: 300, abandoned: 2, connected: 98 };
    const past = (abandonAt: number) => [
      ...history(100).map((event) => ({ t: 0, event })),
      { t: abandonAt, event: { type: "abandon" } as const },
      { t: abandonAt, event: { type: "abandon" } as const },
      ...history(40).map((event) => ({ t: 5000, event })),
    ];
    const recent = createPacer({ mode: "PREDICTIVE" });
    recent.recall(past(4900));
    recent.decide(snapshot({ t: 5001, stats }));
    expect(recent.state.phase).toBe("NEAR_CAP");
    const old = createPacer({ mode: "PREDICTIVE" });
    old.recall(past(100));
    old.decide(snapshot({ t: 5001, stats }));
    expect(old.state.phase).toBe("PREDICTIVE");
  });
});
