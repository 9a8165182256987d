import { describe, expect, it } from "vitest";
import { InteractionState } from "../../generated/prisma/enums.ts";
import { canMove, endingOf, isFinal } from "./interaction-state.ts";

describe("interaction states", () => {
  it("waits, is handled, ends once", () => {
    expect(canMove("QUEUED", "ACTIVE")).toBe(true);
    expect(canMove("ACTIVE", "QUEUED")).toBe(true); // the agent went offline: back in the queue
    expect(canMove("ACTIVE", "ABANDONED")).toBe(false); // answered calls are never abandoned
    expect(canMove("ACTIVE", "LEFT_MESSAGE")).toBe(false);
    for (const end of ["ENDED", "ABANDONED", "LEFT_MESSAGE"] as const) {
      expect(isFinal(end)).toBe(true);
      for (const to of Object.values(InteractionState)) expect(canMove(end, to)).toBe(false);
    }
  });

  it("ends as abandoned before an agent answered and as ended after", () => {
    expect(endingOf("QUEUED")).toBe("ABANDONED");
    expect(endingOf("ACTIVE")).toBe("ENDED");
    expect(endingOf("ENDED")).toBeNull();
    expect(endingOf("LEFT_MESSAGE")).toBeNull();
  });
});
