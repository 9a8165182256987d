import { expect, it } from "vitest";
import { scheduleParts } from "./schedule-words.ts";

it("names a period in its largest whole unit", () => {
  expect(scheduleParts(1000)).toEqual({ unit: "second", count: 1 });
  expect(scheduleParts(15_000)).toEqual({ unit: "second", count: 15 });
  expect(scheduleParts(90_000)).toEqual({ unit: "second", count: 90 });
  expect(scheduleParts(60_000)).toEqual({ unit: "minute", count: 1 });
  expect(scheduleParts(7_200_000)).toEqual({ unit: "hour", count: 2 });
  expect(scheduleParts(250)).toEqual({ unit: "second", count: 0.3 });
});
