import { describe, expect, it } from "vitest";
import { trunkProblemOf } from "./trunk-status.ts";

describe("trunkProblemOf", () => {
  it("reads a refused password out of Sofia's and the provider's answers", () => {
    expect(trunkProblemOf("904 Operation has no matching challenge")).toBe("AUTH_REFUSED");
    expect(trunkProblemOf("401 Unauthorized")).toBe("AUTH_REFUSED");
    expect(trunkProblemOf("407 Proxy Authentication Required")).toBe("AUTH_REFUSED");
    expect(trunkProblemOf("403 Forbidden")).toBeNull();
    expect(trunkProblemOf("408 Request Timeout")).toBeNull();
    expect(trunkProblemOf("")).toBeNull();
  });
});
