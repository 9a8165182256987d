import { describe, expect, it } from "vitest";
import { type CaseLive, foldCaseActivity } from "./use-case-live.ts";

type Event = Parameters<typeof foldCaseActivity>[1];
const typing = (by: "CONTACT" | "AGENT", on: boolean): Event => ({
  caseActivity: { caseId: "c1", kind: "typing", typing: { interactionId: "i1", by, typing: on }, read: null },
});
const other = (kind: string): Event => ({ caseActivity: { caseId: "c1", kind, typing: null, read: null } });
const fold = (...events: Event[]) => events.reduce<CaseLive | undefined>((live, e) => foldCaseActivity(live, e), undefined)!;

describe("the case's live feed, folded event by event", () => {
  it("keeps the customer's typing when a read receipt arrives right after it", () => {
    const live = fold(typing("CONTACT", true), other("read"));
    expect(live.typing).toBe(true);
    expect(live.change).toMatchObject({ kind: "read" });
  });

  it("ignores the agent's own typing and clears the customer's on their message", () => {
    expect(fold(typing("AGENT", true)).typing).toBe(false);
    const sent = fold(typing("CONTACT", true), other("message"));
    expect(sent.typing).toBe(false);
    expect(sent.change).toMatchObject({ kind: "message" });
  });

  it("counts each report of typing, so the indicator's lapse restarts", () => {
    const once = fold(typing("CONTACT", true));
    const twice = foldCaseActivity(once, typing("CONTACT", true));
    expect(twice.typingNews).toBeGreaterThan(once.typingNews);
    expect(foldCaseActivity(twice, typing("CONTACT", false)).typing).toBe(false);
  });
});
