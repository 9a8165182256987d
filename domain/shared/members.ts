import { DomainError } from "./errors.ts";
import type { Db } from "./tx.ts";

/** Members must be users of the same organisation; duplicates are refused rather than merged. */
export async function assertMembersInOrg(db: Db, organizationId: string, userIds: string[], path: string) {
  if (new Set(userIds).size !== userIds.length) {
    throw new DomainError("INVALID_INPUT", "A user is listed twice", { fields: [{ path, message: "duplicate user" }] });
  }
  const found = await db.user.count({ where: { organizationId, id: { in: userIds } } });
  if (found !== userIds.length) throw new DomainError("INVALID_INPUT", "Unknown user", { fields: [{ path, message: "unknown user" }] });
}
