import { describe, expect, it } from "vitest";
import { boardSettingsSchema, colourAbove, readBoardSettings, serviceLevelColour } from "./board-settings.ts";

describe("a queue's wall-board settings", () => {
  it("defaults to 80 % within 20 s and no colours but the service level's", () => {
    const s = readBoardSettings({});
    expect(s).toMatchObject({ slTargetSeconds: 20, slTargetPercent: 80 });
    expect(colourAbove(50, s.waiting)).toBe("GREEN");
    expect(serviceLevelColour(79.9, s)).toBe("AMBER");
    expect(serviceLevelColour(80, s)).toBe("GREEN");
    expect(serviceLevelColour(null, s)).toBe("GREEN");
  });

  it("colours by amber and red bands", () => {
    const s = readBoardSettings({ waiting: { amber: 3, red: 6 }, serviceLevel: { amber: 90, red: 70 } });
    expect([2, 3, 5, 6].map((n) => colourAbove(n, s.waiting))).toEqual(["GREEN", "AMBER", "AMBER", "RED"]);
    expect([95, 85, 69].map((n) => serviceLevelColour(n, s))).toEqual(["GREEN", "AMBER", "RED"]);
  });

  it("refuses red before amber and a target out of range, and reads a broken value as the defaults", () => {
    expect(boardSettingsSchema.safeParse({ waiting: { amber: 5, red: 2 } }).success).toBe(false);
    expect(boardSettingsSchema.safeParse({ slTargetPercent: 0 }).success).toBe(false);
    expect(readBoardSettings("nonsense").slTargetSeconds).toBe(20);
  });
});
