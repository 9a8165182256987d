// Signed, expiring tokens: base64url(subject.expiry).HMAC-SHA256, keyed from AUTH_SECRET.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { TokenSigner } from "../../domain/ports.ts";

export function hmacTokens(secret: string, now: () => Date = () => new Date()): TokenSigner {
  const key = Buffer.from(hkdfSync("sha256", secret, "centrala", "visitor-tokens", 32));
  const mac = (body: string) => createHmac("sha256", key).update(body).digest("base64url");
  return {
    sign(subject, ttlSeconds) {
      const body = Buffer.from(`${subject}|${Math.floor(now().getTime() / 1000) + ttlSeconds}`).toString("base64url");
      return `${body}.${mac(body)}`;
    },
    verify(token) {
      const [body, sig] = token.split(".");
      if (!body || !sig) return null;
      const expected = Buffer.from(mac(body));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const [subject, exp] = Buffer.from(body, "base64url").toString().split("|");
      return subject && Number(exp) * 1000 > now().getTime() ? subject : null;
    },
  };
}
