import { fieldError } from "./errors.ts";
import type { Db } from "./tx.ts";

/** Members must be users of the same organisation; duplicates are refused rather than merged. */
export async function assertMembersInOrg(db: Db, organizationId: string, userIds: string[], path: string) {
  if (new Set(userIds).size !== userIds.length) {
    throw fieldError(path, "duplicate", "A user is listed twice");
  }
  const found = await db.user.count({ where: { organizationId, id: { in: userIds } } });
  if (found !== userIds.length) throw fieldError(path, "unknown", "Unknown user");
}
