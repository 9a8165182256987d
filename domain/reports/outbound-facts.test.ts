import { describe, expect, it } from "vitest";
import { type OutboundInput, outboundFact, outboundKind } from "./outbound-facts.ts";

const T0 = Date.parse("2026-03-29T00:30:00Z");
const at = (s: number) => new Date(T0 + s * 1000);
const call = (over: Partial<NonNullable<OutboundInput["call"]>> = {}): NonNullable<OutboundInput["call"]> => ({
  createdAt: at(0),
  answeredAt: null,
  endedAt: at(20),
  sipCode: null,
  remoteNumber: "+48221234567",
  ...over,
});
const input = (over: Partial<OutboundInput> = {}): OutboundInput => ({
  data: { phone: "+48221234567" },
  agentId: "a1",
  attemptAgentId: null,
  queueId: null,
  call: call(),
  attempt: null,
  endedAt: at(25),
  ...over,
});

describe("the fact of a call out", () => {
  it("tells an agent's own call, a call-back asked in the IVR or on the web, and a campaign's call apart", () => {
    expect(outboundKind({ phone: "1" })).toEqual({ kind: "MANUAL", campaignId: null });
    expect(outboundKind({ callback: true, requestedVia: "IVR" })).toEqual({ kind: "CALLBACK", campaignId: null });
    expect(outboundKind({ callback: true, requestedVia: "FORM" })).toEqual({ kind: "WEB_CALLBACK", campaignId: null });
    expect(outboundKind({ campaignId: "c1", campaignContactId: "x" })).toEqual({ kind: "CAMPAIGN", campaignId: "c1" });
    expect(outboundKind(null).kind).toBe("MANUAL");
  });

  it("counts an answered call's ringing to the answer and its talk to the end", () => {
    const f = outboundFact(input({ call: call({ answeredAt: at(8), endedAt: at(68), sipCode: 200 }) }))!;
    expect(f).toMatchObject({ result: "ANSWERED", ringSeconds: 8, talkSeconds: 60, agentId: "a1", number: "+48221234567", placedAt: at(0) });
  });

  it("reads busy, no answer, a wrong number and a network failure from the SIP answer; no answer at all is the agent's cancel", () => {
    const ended = (sipCode: number | null) => outboundFact(input({ call: call({ sipCode }) }))!.result;
    expect(ended(486)).toBe("BUSY");
    expect(ended(480)).toBe("NO_ANSWER");
    expect(ended(487)).toBe("NO_ANSWER");
    expect(ended(404)).toBe("INVALID_NUMBER");
    expect(ended(503)).toBe("NETWORK_ERROR");
    expect(ended(null)).toBe("CANCELLED");
    expect(outboundFact(input({ call: call({ sipCode: 486 }) }))).toMatchObject({ ringSeconds: 20, talkSeconds: 0 });
  });

  it("counts a campaign's machine and abandoned calls as such, with the attempt's agent", () => {
    const campaign = { data: { campaignId: "c1" }, agentId: null, attemptAgentId: "a2", queueId: "q1" };
    const answered = call({ answeredAt: at(5), endedAt: at(15), sipCode: 200 });
    expect(outboundFact(input({ ...campaign, call: answered, attempt: { amdResult: "MACHINE", outcome: "MACHINE", withAgent: false } }))).toMatchObject({
      result: "MACHINE",
      kind: "CAMPAIGN",
      campaignId: "c1",
      agentId: "a2",
      queueId: "q1",
    });
    expect(outboundFact(input({ ...campaign, call: answered, attempt: { amdResult: "HUMAN", outcome: "ABANDONED", withAgent: false } }))!.result).toBe(
      "ABANDONED",
    );
    expect(outboundFact(input({ ...campaign, call: answered, attempt: { amdResult: "HUMAN", outcome: "REACHED", withAgent: true } }))!.result).toBe("ANSWERED");
    // A person who hung up waiting for an agent (the attempt settled later, as anything): abandoned.
    expect(outboundFact(input({ ...campaign, call: answered, attempt: { amdResult: "HUMAN", outcome: null, withAgent: false } }))!.result).toBe("ABANDONED");
  });

  it("has no fact when nothing was dialled; a call whose end was missed ends with its interaction", () => {
    expect(outboundFact(input({ call: null }))).toBeNull();
    expect(outboundFact(input({ call: call({ answeredAt: at(5), endedAt: null }) }))).toMatchObject({ talkSeconds: 20 });
  });
});
