// argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
import { hash, verify } from "@node-rs/argon2";
import type { PasswordHasher } from "../../domain/ports.ts";

// 2 is Algorithm.Argon2id, a const enum that isolated modules cannot read.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password, options),
  async verify({ hash: encoded, password }) {
    try {
      return await verify(encoded, password);
    } catch {
      return false; // not an argon2 hash: never a match
    }
  },
};
