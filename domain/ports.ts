// What the domain needs from the outside world, implemented in lib/ and wired in server start-up.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { EventPublisher } from "./events.ts";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(input: { hash: string; password: string }): Promise<boolean>;
}

export interface DomainLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Deps {
  db: PrismaClient;
  events: EventPublisher;
  passwords: PasswordHasher;
  log: DomainLogger;
  now: () => Date;
}

/** Who is doing something and from where, for authorization and the audit log. */
export interface Actor {
  userId: string;
  organizationId: string;
  ip?: string;
}
