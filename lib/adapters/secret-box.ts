// Secrets kept in the database (entry points' identity secrets) are sealed with AES-256-GCM under a
// key derived from AUTH_SECRET: a database dump alone does not reveal them. Secrets we only ever
// compare (contacts' PINs) are HMAC-SHA256 under another key derived from it, per scope.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { SecretBox } from "../../domain/ports.ts";

export function aesSecretBox(secret: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", secret, "centrala", "secret-box", 32));
  const macKeys = new Map<string, Buffer>();
  const macKey = (scope: string) => {
    let k = macKeys.get(scope);
    if (!k) macKeys.set(scope, (k = Buffer.from(hkdfSync("sha256", secret, scope, "secret-mac", 32))));
    return k;
  };
  return {
    mac(scope, value) {
      return createHmac("sha256", macKey(scope)).update(value, "utf8").digest("base64url");
    },
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url")}`;
    },
    open(sealed) {
      const raw = Buffer.from(sealed.replace(/^v1\./, ""), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
  };
}
