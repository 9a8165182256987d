import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

/** A Prisma client or an open transaction: repositories work with either. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** PostgreSQL broke a deadlock or a serialisation conflict by failing one transaction: running
 * it again is the cure. */
export function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string; meta?: { code?: string } } | null;
  if (!e) return false;
  if (e.code === "P2034" || e.code === "40P01" || e.code === "40001" || e.meta?.code === "40P01" || e.meta?.code === "40001") return true;
  return /deadlock detected|could not serialize access|write conflict or a deadlock/i.test(e.message ?? "");
}

/** Runs `work`, again (a few times, after a short random pause) when it lost a write conflict. */
export async function retryWriteConflicts<T>(work: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= tries || !isWriteConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
    }
  }
}
