// The small flows a full / slow queue runs for its phone callers, walked by the real engine.
import { describe, expect, it } from "vitest";
import { type IvrContext, type IvrEvent, type IvrStep, onEvent, startFlow } from "./engine.ts";
import type { IvrFlow } from "./flow.ts";
import { RETURNING_PRIORITY, overflowFlow } from "./overflow.ts";

const QUEUE = "0190f3a4-0000-7000-8000-000000000007";
const known = { number: "+48601000000", vip: false, known: true };
const ctx = (caller = known): IvrContext => ({ now: new Date("2026-11-23T09:00:00Z"), timezone: "Europe/Warsaw", caller });
const queue = (overflowAction: string, overflowMessage = "", voicemailEmail = "") => ({ id: QUEUE, overflowAction, overflowMessage, voicemailEmail });

function walk(flow: IvrFlow, c: IvrContext, events: IvrEvent[]): IvrStep {
  let step = startFlow(flow, c);
  for (const e of events) step = onEvent(flow, step.state, e, c);
  return step;
}

describe("queue overflow flows", () => {
  it("voicemail: the standard words in the caller's language, then the tone, into the queue (mailed if set)", () => {
    const flow = overflowFlow(queue("VOICEMAIL", "", "team@example.com"), "en", known, "pl");
    const first = startFlow(flow, ctx());
    expect(first.actions.at(-1)).toMatchObject({ kind: "voicemail", queueId: QUEUE, email: "team@example.com" });
    const node = flow.nodes[flow.start];
    expect(node).toMatchObject({ type: "voicemail", queueId: QUEUE, email: "team@example.com" });
    expect(node.type === "voicemail" && node.prompt.text.en).toMatch(/leave a message/);
  });

  it("the queue's own overflow message is said first, in the organisation's language", () => {
    const flow = overflowFlow(queue("VOICEMAIL", "Dziś pracujemy krócej."), "en", known, "pl");
    expect(flow.nodes[flow.start]).toEqual({ type: "play", prompt: { text: { pl: "Dziś pracujemy krócej." } }, next: "offer" });
  });

  it("call-back offer: 1 asks for a call-back, 2 leaves a message, silence puts the caller back ahead of newcomers", () => {
    const flow = overflowFlow(queue("CALLBACK"), "pl", known, "pl");
    const key = (digit: string): IvrEvent => ({ type: "digit", digit });
    expect(walk(flow, ctx(), [key("1")]).actions.at(-1)).toMatchObject({ kind: "callback", queueId: QUEUE });
    expect(walk(flow, ctx(), [key("2")]).actions.at(-1)).toMatchObject({ kind: "voicemail", queueId: QUEUE });
    expect(walk(flow, ctx(), [{ type: "timeout" }]).actions.at(-1)).toEqual({ kind: "queue", queueId: QUEUE, priority: RETURNING_PRIORITY });
  });

  it("a web caller is offered a call-back at the number they gave in the widget, in those words", () => {
    const flow = overflowFlow(queue("CALLBACK"), "en", { number: "+48601000001", vip: false, known: false }, "pl", true);
    const offer = flow.nodes.offer;
    expect(offer.type === "menu" && offer.prompt.text.en).toMatch(/the number you gave us/);
    expect(offer.type === "menu" && Object.keys(offer.options)).toEqual(["1", "2"]);
  });

  it("a withheld number is not offered a call-back it could not get", () => {
    const flow = overflowFlow(queue("CALLBACK"), "ru", { number: null, vip: false, known: false }, "pl");
    const offer = flow.nodes.offer;
    expect(offer.type === "menu" && Object.keys(offer.options)).toEqual(["2"]);
    expect(offer.type === "menu" && offer.prompt.text.ru).not.toMatch(/1/);
    expect(flow.nodes.callback).toBeUndefined();
  });
});
