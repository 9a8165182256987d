import { describe, expect, it } from "vitest";
import { formatDuration } from "./use-now.ts";

describe("formatDuration", () => {
  it("formats like a wall-board", () => {
    expect(formatDuration(45_000)).toBe("0:45");
    expect(formatDuration(12 * 60_000 + 3000)).toBe("12:03");
    expect(formatDuration(3600_000 + 2 * 60_000 + 33_000)).toBe("1:02:33");
    expect(formatDuration(-5)).toBe("0:00");
  });
});
