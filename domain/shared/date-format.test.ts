import { describe, expect, it } from "vitest";
import { calendarNames, dayPattern, formatClock, formatDate, formatDay, parseClock, parseDay } from "./date-format.ts";

const at = new Date("2026-12-04T04:42:56Z"); // 05:42:56 in Warsaw

describe("dates in the user's language and the organisation's time zone", () => {
  it("English reads day first on a 24-hour clock, not US style", () => {
    expect(formatDate(at, "dateTimeSeconds", "en", "Europe/Warsaw")).toBe("04/12/2026, 05:42:56");
    expect(formatDate(at, "date", "en", "Europe/Warsaw")).toBe("04/12/2026");
    expect(formatDate(new Date("2026-12-04T16:05:00Z"), "time", "en", "Europe/Warsaw")).toBe("17:05");
  });

  it("Polish and Russian use their own conventions", () => {
    expect(formatDate(at, "dateTime", "pl", "Europe/Warsaw")).toBe("04.12.2026, 05:42");
    expect(formatDate(at, "dateTime", "ru", "Europe/Warsaw")).toBe("04.12.2026, 05:42");
    expect(formatDate(at, "dateMedium", "pl", "Europe/Warsaw")).toBe("4 gru 2026");
  });

  it("the organisation's time zone decides the day and hour, not the machine's", () => {
    expect(formatDate(new Date("2026-12-04T23:30:00Z"), "dateTime", "en", "Europe/Moscow")).toBe("05/12/2026, 02:30");
    expect(formatDate(new Date("2026-12-04T00:15:00Z"), "time", "en", "UTC")).toBe("00:15");
  });

  it("date fields show and read the user's format", () => {
    expect(formatDay("2026-12-04", "en")).toBe("04/12/2026");
    expect(formatDay("2026-12-04", "ru")).toBe("04.12.2026");
    expect(dayPattern("en")).toEqual({ order: ["day", "month", "year"], separator: "/" });
    expect(parseDay("4.12.2026", "pl")).toBe("2026-12-04");
    expect(parseDay("04/12/26", "en")).toBe("2026-12-04");
    expect(parseDay("31/02/2026", "en")).toBeNull();
    expect(parseDay("2026-12-04", "ru")).toBe("2026-12-04");
    expect(parseDay("tomorrow", "en")).toBeNull();
  });

  it("the picker names months and weekdays in the user's language, Monday first", () => {
    expect(calendarNames("pl").months[11]).toBe("grudzień");
    expect(calendarNames("ru").weekdays[0]).toBe("пн");
    expect(calendarNames("en").weekdays[0]).toBe("Mon");
  });

  it("time fields show the 24-hour clock in every language and read what people type", () => {
    expect(formatClock("08:05", "en")).toBe("08:05");
    expect(formatClock("17:30", "pl")).toBe("17:30");
    expect(formatClock("00:15", "ru")).toBe("00:15");
    expect(formatClock("", "en")).toBe("");
    expect(parseClock("8:30")).toBe("08:30");
    expect(parseClock("8.30")).toBe("08:30");
    expect(parseClock("0830")).toBe("08:30");
    expect(parseClock("17")).toBe("17:00");
    expect(parseClock(" 23:59 ")).toBe("23:59");
    expect(parseClock("24:00")).toBeNull();
    expect(parseClock("9:60")).toBeNull();
    expect(parseClock("5 PM")).toBeNull();
    expect(parseClock("")).toBeNull();
  });
});
