import { describe, expect, it } from "vitest";
import { statusSpans } from "./status-spans.ts";

const t = (h: number) => new Date(Date.UTC(2026, 2, 1, h));

describe("statusSpans", () => {
  it("a case never changed holds its status since it was created", () => {
    expect(statusSpans(t(0), "new", [])).toEqual([{ statusId: "new", fromAt: t(0), toAt: null }]);
  });

  it("each change ends one stretch and starts the next; the first from the first change's old status", () => {
    const spans = statusSpans(t(0), "closed", [
      { at: t(5), fromStatusId: "open", toStatusId: "closed" },
      { at: t(2), fromStatusId: "new", toStatusId: "open" },
    ]);
    expect(spans).toEqual([
      { statusId: "new", fromAt: t(0), toAt: t(2) },
      { statusId: "open", fromAt: t(2), toAt: t(5) },
      { statusId: "closed", fromAt: t(5), toAt: null },
    ]);
  });

  it("a change to the same status, or in the same instant, leaves no empty stretch", () => {
    const spans = statusSpans(t(1), "open", [
      { at: t(1), fromStatusId: "new", toStatusId: "open" },
      { at: t(3), fromStatusId: "open", toStatusId: "open" },
    ]);
    expect(spans).toEqual([{ statusId: "open", fromAt: t(1), toAt: null }]);
  });

  it("a change recorded before the creation (clock skew) counts from the creation", () => {
    const spans = statusSpans(t(4), "open", [{ at: t(3), fromStatusId: "new", toStatusId: "open" }]);
    expect(spans).toEqual([{ statusId: "open", fromAt: t(4), toAt: null }]);
  });
});
