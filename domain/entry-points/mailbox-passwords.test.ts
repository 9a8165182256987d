import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors.ts";
import { mailboxConfigSchema } from "./mailbox-config.ts";
import { passwordsToUse } from "./mailbox-passwords.ts";

const config = (imap: Record<string, unknown> = {}, smtp: Record<string, unknown> | null = {}) =>
  mailboxConfigSchema.parse({
    imap: { host: "imap.shop.example", port: 993, security: "tls", user: "sales", ...imap },
    smtp: smtp && { host: "smtp.shop.example", port: 587, security: "starttls", user: "sales", ...smtp },
    fromAddress: "sales@shop.example",
  });
const stored = { config: config(), credentials: { imapPassword: "imap secret", smtpPassword: "smtp secret" } };
const none = { imapPassword: "", smtpPassword: "" };

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.details.fields : e;
  }
  return null;
};

describe("which mailbox passwords may be used again", () => {
  it("keeps the stored passwords for the very same servers (host names in any case)", () => {
    expect(passwordsToUse(stored, config(), none)).toEqual(stored.credentials);
    expect(passwordsToUse(stored, config({ host: "IMAP.Shop.Example", folder: "Sales" }), none)).toEqual(stored.credentials);
  });

  it.each([
    ["host", { host: "imap.attacker.example" }],
    ["port", { port: 10993 }],
    ["user", { user: "someone-else" }],
    ["security", { security: "none", port: 993 }],
  ])("asks for the IMAP password again when the %s changes", (_what, change) => {
    expect(refusal(() => passwordsToUse(stored, config(change), none))).toEqual([
      expect.objectContaining({ path: "input.imapPassword", code: "required_for_new_server" }),
    ]);
  });

  it.each([
    ["host", { host: "smtp.attacker.example" }],
    ["port", { port: 2525 }],
    ["user", { user: "other" }],
    ["security", { security: "tls" }],
  ])("asks for the SMTP password again when the %s changes", (_what, change) => {
    expect(refusal(() => passwordsToUse(stored, config({}, change), none))).toEqual([
      expect.objectContaining({ path: "input.smtpPassword", code: "required_for_new_server" }),
    ]);
  });

  it("takes typed passwords for any server, and keeps one side's stored password when only the other changed", () => {
    const typed = { imapPassword: "new imap", smtpPassword: "new smtp" };
    expect(passwordsToUse(stored, config({ host: "imap.new.example" }, { host: "smtp.new.example" }), typed)).toEqual(typed);
    expect(passwordsToUse(stored, config({ host: "imap.new.example" }), { imapPassword: "new imap", smtpPassword: "" })).toEqual({
      imapPassword: "new imap",
      smtpPassword: "smtp secret",
    });
  });

  it("sends no SMTP password where none is used: the shared server, or a server without a user", () => {
    expect(passwordsToUse(stored, config({}, null), none).smtpPassword).toBe("");
    expect(passwordsToUse(stored, config({}, { host: "relay.example", user: "" }), none).smtpPassword).toBe("");
  });

  it("has nothing to reuse for a new mailbox, or a stored one without a password", () => {
    expect(passwordsToUse(null, config({ host: "anywhere.example" }), none)).toEqual(none);
    expect(passwordsToUse({ config: null, credentials: none }, config(), none)).toEqual(none);
  });

  it("does not trust stored settings it cannot read", () => {
    expect(refusal(() => passwordsToUse({ ...stored, config: null }, config(), none))).toEqual([expect.objectContaining({ path: "input.imapPassword" })]);
  });
});
