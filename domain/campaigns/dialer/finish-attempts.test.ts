import { describe, expect, it } from "vitest";
import { attemptOutcome } from "./finish-attempts.ts";

const unanswered = (sipCode: number | null, endReason = "") => ({ answeredAt: null, sipCode, endReason });
const answered = { answeredAt: new Date(), sipCode: null, endReason: "HANGUP" };
const facts = { outcome: null, amdResult: null, connectedAt: null, queued: false, resultKind: null };

describe("attemptOutcome", () => {
  it("reads an unanswered call's SIP answer, else its end reason", () => {
    expect(attemptOutcome(unanswered(486), facts)).toBe("BUSY");
    expect(attemptOutcome(unanswered(408), facts)).toBe("NO_ANSWER");
    expect(attemptOutcome(unanswered(404), facts)).toBe("INVALID_NUMBER");
    expect(attemptOutcome(unanswered(503), facts)).toBe("NETWORK_ERROR");
    expect(attemptOutcome(unanswered(null, "NO_ANSWER"), facts)).toBe("NO_ANSWER");
    // Lost with its media node, or the server: the network's fault, tried again soon.
    expect(attemptOutcome(unanswered(null, "MEDIA_FAILED"), facts)).toBe("NETWORK_ERROR");
  });

  it("keeps what was decided during the call", () => {
    expect(attemptOutcome(answered, { ...facts, outcome: "MACHINE", amdResult: "MACHINE" })).toBe("MACHINE");
    expect(attemptOutcome(answered, { ...facts, outcome: "ABANDONED", queued: true })).toBe("ABANDONED");
  });

  it("a call an agent had is what their result code says, reached without one", () => {
    const connectedAt = new Date();
    expect(attemptOutcome(answered, { ...facts, connectedAt })).toBe("REACHED");
    expect(attemptOutcome(answered, { ...facts, connectedAt, resultKind: "RETRY" })).toBe("RETRY");
    expect(attemptOutcome(answered, { ...facts, connectedAt, resultKind: "FAILED" })).toBe("FINAL");
  });

  it("a person who hung up waiting for an agent was abandoned; one who hung up while we listened was not reached", () => {
    expect(attemptOutcome(answered, { ...facts, amdResult: "HUMAN", queued: true })).toBe("ABANDONED");
    expect(attemptOutcome(answered, facts)).toBe("NO_ANSWER");
  });
});
