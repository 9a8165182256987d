import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SecretBox } from "../ports.ts";
import {
  applySecretChanges,
  hashUnhashed,
  readSecrets,
  secretFieldNames,
  secretFieldsSet,
  secretMatches,
  separateSecretFields,
  withoutSecretFields,
} from "./contact-secrets.ts";

// The real box (lib/adapters/secret-box.ts) derives a key per scope; a keyed digest is all that matters here.
const box: SecretBox = {
  seal: (p) => p,
  open: (s) => s,
  mac: (scope, value) => createHmac("sha256", `server secret/${scope}`).update(value).digest("base64url"),
};
const owner = { organizationId: "org-1", contactId: "contact-1" };

describe("secret contact fields", () => {
  it("keeps only a digest, and matches the value however it is spaced", () => {
    const secrets = applySecretChanges(box, owner, {}, { pin: "12-34" });
    expect(JSON.stringify(secrets)).not.toContain("1234");
    expect(secretMatches(box, owner, "pin", secrets.pin, "1234")).toBe(true);
    expect(secretMatches(box, owner, "pin", secrets.pin, "1 2 3 4")).toBe(true);
    expect(secretMatches(box, owner, "pin", secrets.pin, "1235")).toBe(false);
    expect(secretMatches(box, owner, "pin", secrets.pin, "")).toBe(false);
    expect(secretMatches(box, owner, "pin", undefined, "1234")).toBe(false);
  });

  it("gives equal PINs of two contacts, or of two organisations, different digests", () => {
    const a = applySecretChanges(box, owner, {}, { pin: "1234" }).pin;
    const b = applySecretChanges(box, { ...owner, contactId: "contact-2" }, {}, { pin: "1234" }).pin;
    const c = applySecretChanges(box, { ...owner, organizationId: "org-2" }, {}, { pin: "1234" }).pin;
    expect(new Set([a, b, c].map((s) => JSON.stringify(s))).size).toBe(3);
    expect(secretMatches(box, { ...owner, contactId: "contact-2" }, "pin", a, "1234")).toBe(false);
  });

  it("removes a secret given empty, and tells only which are set", () => {
    const set = applySecretChanges(box, owner, {}, { pin: "1234", password: "x" });
    expect(secretFieldsSet(set)).toEqual(["password", "pin"]);
    expect(secretFieldsSet(applySecretChanges(box, owner, set, { pin: " " }))).toEqual(["password"]);
  });

  it("hashes what the migration moved, and still matches it before then", () => {
    const moved = readSecrets({ pin: { unhashed: "4412" }, junk: 3, other: { nope: 1 } });
    expect(moved).toEqual({ pin: { unhashed: "4412" } });
    expect(secretMatches(box, owner, "pin", moved.pin, "4412")).toBe(true);
    const hashed = hashUnhashed(box, owner, moved)!;
    expect(JSON.stringify(hashed)).not.toContain("4412");
    expect(secretMatches(box, owner, "pin", hashed.pin, "4412")).toBe(true);
    expect(hashUnhashed(box, owner, hashed)).toBeNull();
  });

  it("always counts the PIN as secret, and keeps secret names out of readable fields", () => {
    const names = secretFieldNames(["password ", ""]);
    expect([...names].sort()).toEqual(["password", "pin"]);
    expect(separateSecretFields({ pin: "1", customerNumber: "K-1" }, names)).toEqual({ plain: { customerNumber: "K-1" }, secret: { pin: "1" } });
    expect(withoutSecretFields({ pin: "1", address: "Długa 5" }, names)).toEqual({ address: "Długa 5" });
    expect(withoutSecretFields(null, names)).toEqual({});
  });
});
