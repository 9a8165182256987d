import { describe, expect, it } from "vitest";
import type { FactEvent } from "./call-facts.ts";
import { callDetails, endReason, hangUpPlace } from "./call-details.ts";

const T0 = Date.parse("2026-12-01T10:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);
const ev = (type: FactEvent["type"], s: number, queueId: string | null = null, agentId: string | null = null, data: Record<string, unknown> = {}): FactEvent => ({
  type,
  at: at(s),
  queueId,
  agentId,
  data,
});
const leg = (over: Partial<{ queueId: string; offeredAt: Date; answeredAt: Date | null; abandoned: boolean; transferred: boolean }> = {}) => ({
  queueId: "q1",
  offeredAt: at(10),
  answeredAt: null,
  abandoned: false,
  transferred: false,
  ...over,
});

describe("where a call came in and what the caller chose", () => {
  it("the dialled number and the keys chosen before the queue, in order", () => {
    const d = callDetails([
      ev("arrived", 0, null, null, { entryPoint: "ep1", dialled: "+48221234567" }),
      ev("ivr", 2, null, null, { node: "n1", step: "menu", what: "chose", value: "1" }),
      ev("ivr", 3, null, null, { node: "n2", step: "menu", what: "invalid", value: "9" }),
      ev("ivr", 4, null, null, { node: "n2", step: "menu", what: "chose", value: "3" }),
      ev("queued", 5, "q1"),
      ev("ivr", 30, null, null, { node: "n3", step: "menu", what: "chose", value: "2" }),
    ]);
    expect(d).toEqual({ dialled: "+48221234567", entryPointId: "ep1", ivrPath: "1 › 3" });
  });
  it("a web call has no number, only its entry point; no IVR: no path", () => {
    expect(callDetails([ev("arrived", 0, null, null, { entryPoint: "ep2" }), ev("queued", 1, "q1")])).toEqual({ dialled: null, entryPointId: "ep2", ivrPath: null });
  });
  it("a very long path is cut", () => {
    const many = Array.from({ length: 40 }, (_, n) => ev("ivr", n, null, null, { node: "n", step: "menu", what: "chose", value: "1" }));
    expect(callDetails(many).ivrPath!.length).toBe(60);
  });
});

describe("why a call ended", () => {
  it("unanswered: the caller hung up waiting", () => {
    expect(endReason(leg({ abandoned: true }), [ev("queued", 10, "q1"), ev("abandoned", 40, null, null, { by: "CONTACT" })])).toBe("ABANDONED");
  });
  it("unanswered: an overflow to voicemail, or to somewhere else", () => {
    const base = [ev("queued", 10, "q1"), ev("overflowed", 70, "q1", null, { reason: "MAX_WAIT", to: null })];
    expect(endReason(leg(), [...base, ev("ivr_started", 70, null, null, { overflow: "VOICEMAIL", reason: "MAX_WAIT" }), ev("left_message", 90)])).toBe("VOICEMAIL");
    expect(endReason(leg(), [...base, ev("queued", 70, "q2")])).toBe("OVERFLOW");
  });
  it("unanswered: moved to another queue, or ended by the system", () => {
    expect(endReason(leg(), [ev("queued", 10, "q1"), ev("transfer_requested", 30, "q2")])).toBe("OVERFLOW");
    expect(endReason(leg(), [ev("queued", 10, "q1"), ev("abandoned", 30, null, null, { by: "SYSTEM" })])).toBe("SYSTEM");
  });
  it("answered: who hung up", () => {
    const answered = leg({ answeredAt: at(20) });
    const before = [ev("queued", 10, "q1"), ev("accepted", 20, "q1", "a1")];
    expect(endReason(answered, [...before, ev("ended", 90, null, "a1", { by: "CONTACT" })])).toBe("CUSTOMER_HUNG_UP");
    expect(endReason(answered, [...before, ev("ended", 90, null, "a1", { by: "AGENT" })])).toBe("AGENT_HUNG_UP");
    expect(endReason(answered, [...before, ev("ended", 90, null, "a1", { by: "SYSTEM" })])).toBe("SYSTEM");
  });
  it("answered and handed on: to a colleague or queue, or to an outside number", () => {
    const answered = leg({ answeredAt: at(20), transferred: true });
    const before = [ev("queued", 10, "q1"), ev("accepted", 20, "q1", "a1")];
    expect(endReason(answered, [...before, ev("transfer_requested", 50, "q2", "a1"), ev("accepted", 60, "q2", "a2")])).toBe("TRANSFERRED");
    expect(endReason(answered, [...before, ev("transferred", 50, null, "a1", { kind: "external", number: "+48600100200" })])).toBe("TRANSFERRED_OUT");
    expect(endReason(answered, [...before, ev("transfer_requested", 50, null, "a1", { external: true, number: "+48600100200" })])).toBe("TRANSFERRED_OUT");
  });
});

describe("where a caller who gave up was in the queue", () => {
  it("the place noted on the hang-up; none for others or when not noted", () => {
    const events = [ev("queued", 10, "q1"), ev("abandoned", 40, null, null, { by: "CONTACT", place: 3 })];
    expect(hangUpPlace({ abandoned: true, offeredAt: at(10) }, events)).toBe(3);
    expect(hangUpPlace({ abandoned: false, offeredAt: at(10) }, events)).toBeNull();
    expect(hangUpPlace({ abandoned: true, offeredAt: at(10) }, [ev("abandoned", 40, null, null, { by: "CONTACT" })])).toBeNull();
  });
});
