import { describe, expect, it } from "vitest";
import { boardSettingsSchema, colourAbove, readBoardSettings, serviceLevelColour } from "./board-settings.ts";

describe("a queue's wall-board settings", () => {
  it("has no colours by default but the service level's, amber below the queue's target", () => {
    const s = readBoardSettings({});
    expect(colourAbove(50, s.waiting)).toBe("GREEN");
    expect(serviceLevelColour(79.9, s, 80)).toBe("AMBER");
    expect(serviceLevelColour(80, s, 80)).toBe("GREEN");
    expect(serviceLevelColour(null, s, 80)).toBe("GREEN");
  });

  it("colours by amber and red bands", () => {
    const s = readBoardSettings({ waiting: { amber: 3, red: 6 }, serviceLevel: { amber: 90, red: 70 } });
    expect([2, 3, 5, 6].map((n) => colourAbove(n, s.waiting))).toEqual(["GREEN", "AMBER", "AMBER", "RED"]);
    expect([95, 85, 69].map((n) => serviceLevelColour(n, s, 80))).toEqual(["GREEN", "AMBER", "RED"]);
  });

  it("refuses red before amber and reads a broken value as the defaults", () => {
    expect(boardSettingsSchema.safeParse({ waiting: { amber: 5, red: 2 } }).success).toBe(false);
    expect(boardSettingsSchema.safeParse({ serviceLevel: { amber: 70, red: 90 } }).success).toBe(false);
    expect(readBoardSettings("nonsense").waiting).toEqual({ amber: null, red: null });
  });
});
