import { describe, expect, it } from "vitest";
import { addressOf, receiptState } from "./smpp-client.ts";

describe("SMPP addressing and receipts", () => {
  it("a number goes international without its plus; letters go alphanumeric, at most 11", () => {
    expect(addressOf("+48221230000")).toEqual({ ton: 1, npi: 1, addr: "48221230000" });
    expect(addressOf("Centrala")).toEqual({ ton: 5, npi: 0, addr: "Centrala" });
    expect(addressOf("Centrala Windykacja")).toEqual({ ton: 5, npi: 0, addr: "Centrala Wi" });
  });

  it("reads a receipt's state from message_state, else from the text's stat word", () => {
    expect(receiptState({ message_state: 2 }, "id:1 stat:DELIVRD err:000")).toEqual({ state: "DELIVERED", detail: "DELIVRD err:000" });
    expect(receiptState({}, "id:1 sub:001 dlvrd:000 stat:EXPIRED err:027 text:")).toEqual({ state: "FAILED", detail: "EXPIRED err:027" });
    expect(receiptState({}, "id:1 stat:ACCEPTD")).toMatchObject({ state: "ACCEPTED" });
    expect(receiptState({}, "garbage")).toEqual({ state: "PENDING", detail: "" });
  });
});
