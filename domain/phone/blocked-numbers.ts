// Numbers whose calls are refused (nuisance callers, abuse), for good or for some hours. Blocking a
// number again replaces its reason and end. Inbound calls ask `isBlocked` before ringing anyone.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { normalisePhone, phoneNumberField } from "../shared/phone-number.ts";
import type { Db } from "../shared/tx.ts";

const blockSchema = z.object({
  number: phoneNumberField(),
  reason: z.string().trim().max(200, "at most 200 characters").default(""),
  /** Blocked for this many hours; null: until removed. */
  hours: z.number().int("whole hours").min(1).max(8760).nullable().default(null),
});
export type BlockNumberInput = z.input<typeof blockSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "blocklist.manage")) throw new DomainError("FORBIDDEN", "You may not manage blocked numbers");
}

/** Numbers blocked now (temporary blocks that have run out are left out), newest first. */
export function activeBlocksWhere(organizationId: string, now: Date) {
  return { organizationId, OR: [{ until: null }, { until: { gt: now } }] };
}

export async function blockNumber(viewer: Viewer, raw: BlockNumberInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(blockSchema, raw);
  const organizationId = viewer.organizationId;
  const until = input.hours ? new Date(deps.now().getTime() + input.hours * 3_600_000) : null;
  return deps.db.$transaction(async (tx) => {
    const data = { reason: input.reason, until, createdById: viewer.userId, createdAt: deps.now() };
    const row = await tx.blockedNumber.upsert({
      where: { organizationId_number: { organizationId, number: input.number } },
      create: { organizationId, number: input.number, ...data },
      update: data,
    });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "blocked_number.added",
      targetType: "BlockedNumber",
      targetId: row.id,
      targetLabel: row.number,
      data: { number: row.number, reason: row.reason, until: until?.toISOString() ?? null },
      ip,
    });
    return row;
  });
}

export async function unblockNumber(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const row = await tx.blockedNumber.findFirst({ where: { id, organizationId } });
    if (!row) throw notFound("Blocked number");
    await tx.blockedNumber.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "blocked_number.removed",
      targetType: "BlockedNumber",
      targetId: id,
      targetLabel: row.number,
      data: { number: row.number, reason: row.reason },
      ip,
    });
  });
}

/** Whether calls from (or to) this number are refused now. A caller without a usable number
 * (anonymous, malformed) cannot be on the list, so is not blocked by it. */
export async function isBlocked(db: Db, organizationId: string, number: string, now: Date): Promise<boolean> {
  const n = normalisePhone(number);
  if (!n) return false;
  return (await db.blockedNumber.count({ where: { ...activeBlocksWhere(organizationId, now), number: n } })) > 0;
}
