// Identity verification: the site signs its own user id with the widget's secret,
// hex(HMAC-SHA256(secret, id)), so the widget can trust who the visitor is.
import { createHmac, timingSafeEqual } from "node:crypto";

export function identityHash(secret: string, externalId: string): string {
  return createHmac("sha256", secret).update(externalId, "utf8").digest("hex");
}

export function verifyIdentity(secret: string, externalId: string, hash: string): boolean {
  const expected = Buffer.from(identityHash(secret, externalId), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(hash) ? hash : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
