// The IVR report's arithmetic over made-up event lists, shaped as the product writes them: how each
// caller left the flow, where the ones who hung up were and what they had chosen, the keys each
// menu hears, time in the flow, and the days in the organisation's time zone.
import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors.ts";
import { periodOf } from "./ivr-report.ts";
import { type FlowInfo, type IvrCallTrace, type TraceEvent, abandonedAt, daysBetween, outcomeOf, summariseIvrCalls } from "./summarise-ivr-calls.ts";

const FLOW = "flow-1";
const flow: FlowInfo = {
  id: FLOW,
  name: "Infolinia",
  operator: { key: "0", node: "support" },
  nodes: {
    main: { type: "menu", label: "Sales: 1. Support: 2.", options: { "1": "sales", "2": "support-menu" } },
    "support-menu": { type: "menu", label: "Internet: 1. Phone: 2.", options: { "1": "internet", "2": "support" } },
    sales: { type: "queue", label: null, options: {} },
    support: { type: "queue", label: null, options: {} },
  },
};

const START = Date.parse("2026-03-02T09:00:00Z");
let serial = 0;

/** A call's events: [type, seconds after the start, data]. The `ivr_started` comes first. */
function call(steps: [string, number, Record<string, unknown>?][], startedAt = START, flowId = FLOW): IvrCallTrace {
  const at = (s: number) => new Date(startedAt + s * 1000);
  const events: TraceEvent[] = [{ type: "ivr_started", at: at(0), data: { flowId, version: 1 } }, ...steps.map(([type, s, data]) => ({ type, at: at(s), data: data ?? {} }))];
  return { interactionId: `i${++serial}`, flowId, startedAt: new Date(startedAt), events };
}
const step = (node: string, what: string, value?: string, type = "menu"): [string, number, Record<string, unknown>] => [
  "ivr",
  0,
  { node, step: type, what, ...(value === undefined ? {} : { value }) },
];
/** Steps at second `s`. */
const at = (s: number, ...steps: [string, number, Record<string, unknown>?][]) => steps.map(([type, , data]) => [type, s, data] as [string, number, Record<string, unknown>?]);

const toQueueAfter1 = () => call([...at(1, step("main", "entered")), ...at(12, step("main", "chose", "1"), step("sales", "entered", undefined, "queue")), ["queued", 12]]);
const hangUpInSupportMenu = (extra: [string, number, Record<string, unknown>?][] = []) =>
  call([
    ...at(1, step("main", "entered")),
    ...at(8, step("main", "chose", "2"), step("support-menu", "entered")),
    ...extra,
    ["abandoned", 30, { by: "CONTACT" }],
  ]);

describe("how a caller left the flow", () => {
  it("is the first hand-off in their events, with its time", () => {
    const of = (steps: [string, number, Record<string, unknown>?][]) => {
      const c = call(steps);
      const o = outcomeOf(c.events);
      return `${o.outcome}@${o.at ? (o.at.getTime() - START) / 1000 : "-"}`;
    };
    expect(of([["queued", 5]])).toBe("queue@5");
    // Hanging up in the queue later is the queue's business: they reached it.
    expect(of([["queued", 5], ["abandoned", 90]])).toBe("queue@5");
    expect(of([["voicemail_started", 7], ["left_message", 40], ["ivr_ended", 41, { reason: "VOICEMAIL" }]])).toBe("voicemail@7");
    expect(of([["callback_requested", 9], ["ivr_ended", 9, { reason: "CALLBACK" }]])).toBe("callback@9");
    expect(of([["transfer_requested", 4, { number: "+48221234567", external: true, ivr: true }], ["transferred", 6]])).toBe("transfer@4");
    // An agent's transfer is not the flow's.
    expect(of([["transfer_requested", 4, { number: "+48221234567", external: true }], ["abandoned", 10]])).toBe("abandoned@10");
    // The number refused: the flow failed and the caller went to the queue.
    expect(of([["transfer_requested", 4, { ivr: true }], ["ivr_failed", 6, { why: "the transfer was refused (486)" }], ["queued", 6]])).toBe("failed@6");
    expect(of([["ivr_failed", 3, { why: "no speech" }], ["queued", 3]])).toBe("failed@3");
    expect(of([["ivr_ended", 15, { reason: "IVR" }]])).toBe("endedByFlow@15");
    expect(of([["ivr_ended", 15, { reason: "NO_AGENTS" }]])).toBe("queueRefused@15");
    expect(of([["ivr_ended", 15, { reason: "QUEUE_FULL" }]])).toBe("queueRefused@15");
    expect(of([["abandoned", 20, { by: "CONTACT" }]])).toBe("abandoned@20");
    expect(of([step("main", "entered")])).toBe("inProgress@-");
  });

  it("hung up: the step they were at and their last key at a menu", () => {
    expect(abandonedAt(hangUpInSupportMenu().events)).toEqual({ node: "support-menu", nodeType: "menu", lastChoice: { node: "main", key: "2" } });
    // Invalid keys and timeouts are not choices; the step stays the same.
    expect(abandonedAt(hangUpInSupportMenu(at(20, step("support-menu", "invalid", "7"), step("support-menu", "timeout"))).events)).toMatchObject({
      node: "support-menu",
      lastChoice: { node: "main", key: "2" },
    });
    // The hours step "chooses" too, but that is not the caller's choice.
    const closedHours = call([...at(0, step("hours", "entered", undefined, "hours"), step("hours", "chose", "open", "hours"), step("main", "entered")), ["abandoned", 4]]);
    expect(abandonedAt(closedHours.events)).toEqual({ node: "main", nodeType: "menu", lastChoice: null });
    expect(abandonedAt(call([["abandoned", 1]]).events)).toEqual({ node: null, nodeType: null, lastChoice: null });
  });
});

describe("the report's numbers", () => {
  const from = new Date("2026-03-01T23:00:00Z"); // midnight, 2 March, in Warsaw
  const to = new Date("2026-03-04T23:00:00Z");

  it("counts outcomes, abandonment by step and last choice, keys per menu and time in the flow", () => {
    const calls = [
      toQueueAfter1(),
      hangUpInSupportMenu(),
      hangUpInSupportMenu(at(20, step("support-menu", "timeout"))),
      call([...at(1, step("main", "entered")), ...at(3, step("main", "invalid", "9")), ["abandoned", 10]]),
      call([["voicemail_started", 10], ["ivr_ended", 50, { reason: "VOICEMAIL" }]]),
      call([["callback_requested", 40], ["ivr_ended", 40, { reason: "CALLBACK" }]]),
      call([...at(1, step("main", "entered")), ...at(2, step("main", "chose", "0"), step("support", "entered", undefined, "queue")), ["queued", 2]]),
    ];
    const { total, flows } = summariseIvrCalls({ calls, flows: [flow], timezone: "Europe/Warsaw", from, to });
    expect(total.calls).toBe(7);
    expect(total.outcomes).toEqual({ queue: 2, voicemail: 1, callback: 1, transfer: 0, endedByFlow: 0, queueRefused: 0, failed: 0, abandoned: 3, inProgress: 0 });
    // 12, 30, 30, 10, 10, 40, 2 seconds: average 19.1, 90% within 40.
    expect(total.averageSeconds).toBe(19.1);
    expect(total.p90Seconds).toBe(40);

    const [f] = flows;
    expect(f).toMatchObject({ flowId: FLOW, name: "Infolinia", calls: 7 });
    expect(f.abandonments).toEqual([
      {
        node: "support-menu",
        nodeType: "menu",
        label: "Internet: 1. Phone: 2.",
        lastChoice: { node: "main", key: "2", label: "Sales: 1. Support: 2." },
        count: 2,
      },
      { node: "main", nodeType: "menu", label: "Sales: 1. Support: 2.", lastChoice: null, count: 1 },
    ]);
    const main = f.menus.find((m) => m.node === "main")!;
    expect(main).toMatchObject({ visits: 5, callers: 5, invalid: 1, timeouts: 0, gaveUp: 0, label: "Sales: 1. Support: 2." });
    // The operator key leads where the flow's operator setting says.
    expect(main.choices).toEqual([
      { key: "2", target: "support-menu", count: 2 },
      { key: "0", target: "support", count: 1 },
      { key: "1", target: "sales", count: 1 },
    ]);
    expect(f.menus.find((m) => m.node === "support-menu")).toMatchObject({ visits: 2, callers: 2, timeouts: 1, choices: [] });
    // Queues are not menus.
    expect(f.menus.map((m) => m.node).sort()).toEqual(["main", "support-menu"]);
  });

  it("counts a caller coming back to a menu as another visit, not another caller", () => {
    const back = call([
      ...at(1, step("main", "entered")),
      ...at(3, step("main", "chose", "2"), step("support-menu", "entered")),
      ...at(5, step("support-menu", "timeout"), step("support-menu", "gave_up"), step("main", "entered")),
      ["abandoned", 9],
    ]);
    const { flows } = summariseIvrCalls({ calls: [back], flows: [flow], timezone: "Europe/Warsaw", from, to });
    expect(flows[0].menus.find((m) => m.node === "main")).toMatchObject({ visits: 2, callers: 1 });
    expect(flows[0].menus.find((m) => m.node === "support-menu")).toMatchObject({ visits: 1, timeouts: 1, gaveUp: 1 });
    expect(flows[0].abandonments[0]).toMatchObject({ node: "main", lastChoice: { node: "main", key: "2" } });
  });

  it("puts calls on the organisation's days, every day of the period listed", () => {
    const lateEvening = Date.parse("2026-03-02T23:30:00Z"); // 00:30 on 3 March in Warsaw
    const calls = [toQueueAfter1(), call([["abandoned", 5]], lateEvening), call([["queued", 5]], lateEvening)];
    const { total, flows } = summariseIvrCalls({ calls, flows: [flow], timezone: "Europe/Warsaw", from, to });
    expect(total.days.map((d) => `${d.date}:${d.calls}:${d.outcomes.queue}/${d.outcomes.abandoned}`)).toEqual([
      "2026-03-02:1:1/0",
      "2026-03-03:2:1/1",
      "2026-03-04:0:0/0",
    ]);
    expect(flows[0].days).toEqual(total.days);
  });

  it("keeps flows apart, names a deleted one null, and has no times when nobody left yet", () => {
    const other: FlowInfo = { id: "flow-2", name: "Serwis", nodes: {}, operator: null };
    const calls = [toQueueAfter1(), call([step("welcome", "entered", undefined, "play")], START, "flow-2"), call([["queued", 1]], START, "gone")];
    const { flows } = summariseIvrCalls({ calls, flows: [flow, other], timezone: "UTC", from, to });
    expect(flows.map((f) => [f.name, f.calls, f.outcomes.queue, f.outcomes.inProgress])).toEqual([
      ["Infolinia", 1, 1, 0],
      ["Serwis", 1, 0, 1],
      [null, 1, 1, 0],
    ]);
    expect(flows.find((f) => f.flowId === "flow-2")).toMatchObject({ averageSeconds: null, p90Seconds: null });
  });

  it("with no calls: zeros, and the empty days", () => {
    const { total, flows } = summariseIvrCalls({ calls: [], flows: [flow], timezone: "Europe/Warsaw", from, to });
    expect(total).toMatchObject({ calls: 0, averageSeconds: null, p90Seconds: null });
    expect(total.days).toHaveLength(3);
    expect(flows[0]).toMatchObject({ calls: 0, abandonments: [], menus: [] });
  });
});

describe("the period", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  it("defaults to the last seven days, today included, from midnight on the organisation's clock", () => {
    expect(periodOf({}, "Europe/Warsaw", now)).toEqual({ from: new Date("2026-03-03T23:00:00Z"), to: now });
    expect(daysBetween("Europe/Warsaw", new Date("2026-03-03T23:00:00Z"), now)).toHaveLength(7);
  });

  it("refuses a period that ends before it starts, or is longer than 93 days, naming the field", () => {
    const error = (from: string, to: string) => {
      try {
        periodOf({ from: new Date(from), to: new Date(to) }, "UTC", now);
        return null;
      } catch (e) {
        return e instanceof DomainError ? `${e.code}:${e.details.fields?.map((f) => `${f.path}:${f.code}`).join()}` : String(e);
      }
    };
    expect(error("2026-03-05T00:00:00Z", "2026-03-01T00:00:00Z")).toBe("INVALID_INPUT:to:report_range_reversed");
    expect(error("2025-08-01T00:00:00Z", "2026-02-17T00:00:00Z")).toBe("INVALID_INPUT:to:report_range_too_long");
    // 93 whole days across the change to summer time are fine.
    expect(error("2026-01-01T00:00:00+01:00", "2026-04-04T00:00:00+02:00")).toBeNull();
  });

  it("lists the days across a change of clocks once each", () => {
    expect(daysBetween("Europe/Warsaw", new Date("2026-03-27T23:00:00Z"), new Date("2026-03-30T22:00:00Z"))).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    expect(daysBetween("Europe/Warsaw", new Date("2026-10-23T22:00:00Z"), new Date("2026-10-26T23:00:00Z"))).toEqual(["2026-10-24", "2026-10-25", "2026-10-26"]);
  });
});
