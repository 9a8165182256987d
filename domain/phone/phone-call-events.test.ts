import { describe, expect, it } from "vitest";
import { endReasonOf } from "./phone-call-events.ts";

describe("why a phone call ended, from the SIP answer", () => {
  it("names the common failures of a call out", () => {
    expect(endReasonOf(486, false)).toBe("BUSY");
    expect(endReasonOf(600, false)).toBe("BUSY");
    expect(endReasonOf(404, false)).toBe("NUMBER_UNKNOWN");
    expect(endReasonOf(484, false)).toBe("NUMBER_UNKNOWN");
    expect(endReasonOf(408, false)).toBe("NO_ANSWER");
    expect(endReasonOf(480, false)).toBe("NO_ANSWER");
    expect(endReasonOf(603, false)).toBe("REJECTED");
    expect(endReasonOf(503, false)).toBe("NETWORK_ERROR");
    expect(endReasonOf(488, false)).toBe("FAILED");
    expect(endReasonOf(200, false)).toBe("CANCELLED");
    expect(endReasonOf(200, true)).toBe("HANGUP");
  });
});
