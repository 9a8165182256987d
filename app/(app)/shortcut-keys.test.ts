import { describe, expect, it } from "vitest";
import { neighbour, shortcutFor } from "./shortcut-keys.ts";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe("shortcutFor", () => {
  it("maps single keys to actions, whatever the case", () => {
    expect(shortcutFor(key("a"), false)).toBe("accept");
    expect(shortcutFor(key("A"), false)).toBe("accept");
    expect(shortcutFor(key("?"), false)).toBe("help");
    expect(shortcutFor(key("x"), false)).toBe("macros");
  });
  it("never fires while typing or with a modifier (Ctrl+A, AltGr+a for ą)", () => {
    expect(shortcutFor(key("a"), true)).toBeNull();
    expect(shortcutFor(key("a", { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key("a", { altKey: true }), false)).toBeNull();
    expect(shortcutFor(key("q"), false)).toBeNull();
  });
});

describe("neighbour", () => {
  it("steps and wraps, starting at the first", () => {
    expect(neighbour(3, 2, 1)).toBe(0);
    expect(neighbour(3, 0, -1)).toBe(2);
    expect(neighbour(3, -1, 1)).toBe(0);
    expect(neighbour(0, -1, 1)).toBeNull();
  });
});
