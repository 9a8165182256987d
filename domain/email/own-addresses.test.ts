import { describe, expect, it } from "vitest";
import { addressKey, isOwnAddress, ownAddresses } from "./own-addresses.ts";

describe("own addresses", () => {
  const own = ownAddresses([
    { fromAddress: "Support@Shop.example", imap: { user: "support-inbox@shop.example" }, smtp: { user: "mailer@shop.example" } },
    { fromAddress: "sales@shop.example", imap: { user: "sales" }, smtp: null },
  ]);
  it("are every mailbox's From, and its IMAP and SMTP logins when they are addresses", () => {
    expect([...own].sort()).toEqual(["mailer@shop.example", "sales@shop.example", "support-inbox@shop.example", "support@shop.example"]);
  });
  it("match without case or +tag", () => {
    expect(isOwnAddress("SUPPORT+billing@shop.example", own)).toBe(true);
    expect(isOwnAddress("support@shop.example.evil", own)).toBe(false);
    expect(isOwnAddress("jan@customer.test", own)).toBe(false);
    expect(isOwnAddress(null, own)).toBe(false);
    expect(addressKey(" A+b@X.org ")).toBe("a@x.org");
  });
});
