import { describe, expect, it } from "vitest";
import { type FactEvent, bucketOf, callFacts } from "./call-facts.ts";

const T0 = Date.parse("2026-12-01T10:00:00Z");
/** An event `s` seconds after 10:00. */
const ev = (
  type: FactEvent["type"],
  s: number,
  queueId: string | null = null,
  agentId: string | null = null,
  data: Record<string, unknown> = {},
): FactEvent => ({
  type,
  at: new Date(T0 + s * 1000),
  queueId,
  agentId,
  data,
});
const targets = () => ({ serviceLevelSeconds: 20, shortAbandonSeconds: 5 });
const inbound = (endS: number) => ({ direction: "INBOUND" as const, endedAt: new Date(T0 + endS * 1000) });

describe("what a call counts for in its queue", () => {
  it("answered within the target: wait to the answer, talk to the end, each offer counted", () => {
    const [f] = callFacts(
      inbound(200),
      [
        ev("queued", 0, "q1"),
        ev("offered", 2, "q1", "a1"),
        ev("offer_timeout", 17, "q1", "a1"),
        ev("offered", 17, "q1", "a2"),
        ev("accepted", 18, "q1", "a2"),
        ev("answered", 18, "q1", "a2"),
        ev("ended", 200, null, "a2"),
      ],
      targets,
    );
    expect(f).toMatchObject({
      queueId: "q1",
      agentId: "a2",
      waitSeconds: 18,
      talkSeconds: 182,
      answered: true,
      answeredInSl: true,
      abandoned: false,
      offers: 2,
      transferred: false,
    });
  });

  it("answered after the target does not count toward the service level", () => {
    const [f] = callFacts(inbound(100), [ev("queued", 0, "q1"), ev("offered", 30, "q1", "a1"), ev("accepted", 31, "q1", "a1"), ev("ended", 100)], targets);
    expect(f).toMatchObject({ waitSeconds: 31, answeredInSl: false });
  });

  it("a hang-up while waiting is abandoned; within 5 s it is a short abandon, within the target an abandon in SL", () => {
    const [quick] = callFacts(inbound(3), [ev("queued", 0, "q1"), ev("abandoned", 3, null, null, { by: "CONTACT" })], targets);
    expect(quick).toMatchObject({ abandoned: true, shortAbandon: true, abandonedInSl: true, waitSeconds: 3, answered: false, talkSeconds: 0 });
    const [slow] = callFacts(inbound(45), [ev("queued", 0, "q1"), ev("abandoned", 45, null, null, { by: "CONTACT" })], targets);
    expect(slow).toMatchObject({ abandoned: true, shortAbandon: false, abandonedInSl: false, waitSeconds: 45 });
    // Ended by the system (a queue closing), not by the customer: not an abandon.
    const [system] = callFacts(inbound(45), [ev("queued", 0, "q1"), ev("abandoned", 45, null, null, { by: "SYSTEM" })], targets);
    expect(system.abandoned).toBe(false);
  });

  it("an overflow counts in both queues: left the first unanswered, answered in the second", () => {
    const facts = callFacts(
      inbound(300),
      [
        ev("queued", 0, "q1"),
        ev("overflowed", 60, "q1", null, { to: "q2" }),
        ev("queued", 60, "q2"),
        ev("offered", 70, "q2", "b1"),
        ev("accepted", 75, "q2", "b1"),
        ev("ended", 300),
      ],
      targets,
    );
    expect(facts.map((f) => [f.queueId, f.answered, f.abandoned, f.waitSeconds, f.talkSeconds])).toEqual([
      ["q1", false, false, 60, 0],
      ["q2", true, false, 15, 225],
    ]);
  });

  it("a transfer to a colleague in the same queue is one call there, transferred once", () => {
    const facts = callFacts(
      inbound(400),
      [
        ev("queued", 0, "q1"),
        ev("offered", 1, "q1", "a1"),
        ev("accepted", 2, "q1", "a1"),
        ev("transferred", 100, "q1", "a2", { from: "a1", to: "a2" }),
        ev("transferred", 200, "q1", "a3", { from: "a2", to: "a3" }),
        ev("ended", 400),
      ],
      targets,
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ agentId: "a1", transferred: true, talkSeconds: 398 });
  });

  it("a chat transferred to another queue: the first queue's talk ends when the second answers; coming back is not a new call", () => {
    const facts = callFacts(
      inbound(500),
      [
        ev("queued", 0, "q1"),
        ev("offered", 1, "q1", "a1"),
        ev("accepted", 4, "q1", "a1"),
        ev("transfer_requested", 100, "q2", "a1", { toQueueId: "q2" }),
        ev("offered", 101, "q2", "b1"),
        ev("accepted", 110, "q2", "b1"),
        ev("transferred", 110, "q2", "b1", { from: "a1", to: "b1" }),
        ev("transfer_requested", 300, "q1", "b1", { toQueueId: "q1" }),
        ev("offered", 301, "q1", "a1"),
        ev("accepted", 305, "q1", "a1"),
        ev("transferred", 305, "q1", "a1", { from: "b1", to: "a1" }),
        ev("ended", 500),
      ],
      targets,
    );
    expect(facts.map((f) => [f.queueId, f.agentId, f.waitSeconds, f.talkSeconds, f.offers, f.transferred])).toEqual([
      ["q1", "a1", 4, 106, 2, true],
      ["q2", "b1", 10, 195, 1, true],
    ]);
  });

  it("a transfer cancelled before the other queue answered leaves that queue unanswered", () => {
    const facts = callFacts(
      inbound(300),
      [
        ev("queued", 0, "q1"),
        ev("accepted", 2, "q1", "a1"),
        ev("transfer_requested", 50, "q2", "a1"),
        ev("transfer_cancelled", 80, null, "a1"),
        ev("ended", 300),
      ],
      targets,
    );
    expect(facts.map((f) => [f.queueId, f.answered, f.waitSeconds, f.talkSeconds, f.transferred])).toEqual([
      ["q1", true, 2, 298, false],
      ["q2", false, 30, 0, false],
    ]);
  });

  it("an agent passing the call to an outside number transfers it; the IVR doing so is no agent's transfer", () => {
    const [byAgent] = callFacts(
      inbound(90),
      [
        ev("queued", 0, "q1"),
        ev("accepted", 5, "q1", "a1"),
        ev("transfer_requested", 60, null, "a1", { number: "+48221234567", external: true }),
        ev("ended", 90),
      ],
      targets,
    );
    expect(byAgent.transferred).toBe(true);
    expect(callFacts(inbound(30), [ev("transfer_requested", 10, null, null, { external: true, ivr: true }), ev("ended", 30)], targets)).toEqual([]);
  });

  it("call-backs and calls out are no queue's offered calls", () => {
    expect(callFacts({ direction: "OUTBOUND", endedAt: new Date(T0 + 60_000) }, [ev("queued", 0, "q1"), ev("accepted", 10, "q1", "a1")], targets)).toEqual([]);
  });

  it("uses each queue's own targets", () => {
    const facts = callFacts(inbound(100), [ev("queued", 0, "fast"), ev("accepted", 15, "fast", "a1"), ev("ended", 100)], (q) =>
      q === "fast" ? { serviceLevelSeconds: 10, shortAbandonSeconds: 0 } : targets(),
    );
    expect(facts[0].answeredInSl).toBe(false);
  });
});

describe("15-minute intervals", () => {
  it("are the quarter hours of the clock in any zone", () => {
    expect(bucketOf(new Date("2026-12-01T10:14:59.999Z")).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(bucketOf(new Date("2026-12-01T10:15:00Z")).toISOString()).toBe("2026-12-01T10:15:00.000Z");
  });
});
