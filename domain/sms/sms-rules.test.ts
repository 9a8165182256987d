import { describe, expect, it } from "vitest";
import { GAP, isReplyable, joinArrived, receiptIdForms, sentMessageState, smsAddress } from "./sms-rules.ts";
import { encodeGsm, encodeUcs2 } from "./sms-text.ts";

describe("smsAddress", () => {
  it("keeps numbers in E.164 and sender names as they are", () => {
    expect(smsAddress("48601234567")).toBe("+48601234567");
    expect(smsAddress("+48 601-234-567")).toBe("+48601234567");
    expect(smsAddress("0048601234567")).toBe("+48601234567");
    expect(smsAddress("601234567")).toBe("601234567");
    expect(smsAddress("MyBank")).toBe("MyBank");
    expect(smsAddress("  ")).toBe("");
  });
  it("knows a sender name cannot be answered", () => {
    expect(isReplyable("+48601234567")).toBe(true);
    expect(isReplyable("MyBank")).toBe(false);
  });
});

describe("joinArrived", () => {
  const gsm = (s: string, seq: number) => ({ seq, payload: encodeGsm(s) });
  it("joins every part by its bytes when none is missing", () => {
    expect(joinArrived([gsm("b", 2), gsm("a", 1), gsm("c", 3)], 3, 0)).toEqual({ text: "abc", missing: [] });
  });
  it("marks each missing stretch once", () => {
    expect(joinArrived([gsm("one ", 1), gsm("four", 4)], 4, 0)).toEqual({ text: `one${GAP}four`, missing: [2, 3] });
    expect(joinArrived([gsm("two", 2)], 3, 0)).toEqual({ text: `${GAP}two${GAP}`.trim(), missing: [1, 3] });
  });
  it("joins UCS-2 runs whole", () => {
    const bytes = encodeUcs2("Привет");
    const parts = [
      { seq: 1, payload: bytes.subarray(0, 6) },
      { seq: 2, payload: bytes.subarray(6) },
    ];
    expect(joinArrived(parts, 2, 8).text).toBe("Привет");
  });
});

describe("sentMessageState", () => {
  it("is delivered only when every part is", () => {
    expect(sentMessageState(2, [{ seq: 1, state: "DELIVERED", detail: "DELIVRD" }])).toEqual({ state: "SENT", error: "" });
    expect(
      sentMessageState(2, [
        { seq: 1, state: "DELIVERED", detail: "" },
        { seq: 2, state: "DELIVERED", detail: "" },
      ]),
    ).toEqual({ state: "DELIVERED", error: "" });
  });
  it("fails with the failed parts' reasons", () => {
    expect(
      sentMessageState(3, [
        { seq: 1, state: "DELIVERED", detail: "" },
        { seq: 3, state: "FAILED", detail: "UNDELIV err:001" },
      ]),
    ).toEqual({ state: "FAILED", error: "part 3: UNDELIV err:001" });
    expect(sentMessageState(1, [{ seq: 1, state: "FAILED", detail: "" }])).toEqual({ state: "FAILED", error: "undeliverable" });
  });
});

describe("receiptIdForms", () => {
  it("matches a hex id to its decimal, zero-padded or not, and back", () => {
    expect(receiptIdForms("0000006699")).toEqual(expect.arrayContaining(["0000006699", "6699", "1a2b", "1A2B"]));
    expect(receiptIdForms("1A2B")).toEqual(expect.arrayContaining(["1A2B", "6699"]));
    expect(receiptIdForms("M17")).toEqual(["M17"]);
    expect(receiptIdForms("0")).toEqual(["0"]);
  });
  it("keeps to a handful of forms, whatever the id", () => {
    expect(receiptIdForms("9".repeat(30)).length).toBeLessThanOrEqual(4);
    expect(receiptIdForms("f".repeat(64))).toEqual(["f".repeat(64)]);
  });
});
