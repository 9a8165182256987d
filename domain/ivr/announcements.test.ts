import { describe, expect, it } from "vitest";
import { announcement } from "./announcements.ts";

describe("announcement", () => {
  it("tells the place and the wait in each language, with the right word for minutes", () => {
    expect(announcement("en", 1, null)).toBe("You are next in the queue.");
    expect(announcement("en", 3, 1)).toBe("You are number 3 in the queue. The expected wait is about 1 minute.");
    expect(announcement("pl", 2, 5)).toBe("Jesteś 2. w kolejce. Przewidywany czas oczekiwania to około 5 minut.");
    expect(announcement("pl", 2, 1)).toBe("Jesteś 2. w kolejce. Przewidywany czas oczekiwania to około 1 minuty.");
    expect(announcement("ru", 4, 2)).toBe("Вы 4-й в очереди. Ожидаемое время ожидания — примерно 2 минуты.");
    expect(announcement("ru", 4, 21)).toBe("Вы 4-й в очереди. Ожидаемое время ожидания — примерно 21 минута.");
    expect(announcement("ru", 4, 11)).toBe("Вы 4-й в очереди. Ожидаемое время ожидания — примерно 11 минут.");
  });
});
