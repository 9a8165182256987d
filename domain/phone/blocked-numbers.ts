// Numbers whose calls are refused (nuisance callers, abuse), for good or for some hours, to every
// number of ours or only some (premium lines); the caller is refused by the network's tone or hears
// a message first. Supervisors manage the list; agents may add to it (an abusive caller on the line)
// but not lift or shorten another's block. Inbound calls ask `blockOf` before ringing anyone.
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
  /** Only calls to these of our numbers; empty: all of them. */
  dids: z.array(phoneNumberField()).max(50).default([]),
  /** Said to the caller before hanging up; empty: refused outright. */
  message: z.string().trim().max(500, "at most 500 characters").default(""),
});
export type BlockNumberInput = z.input<typeof blockSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "blocklist.manage")) throw new DomainError("FORBIDDEN", "You may not manage blocked numbers");
}

function assertCanAdd(viewer: Viewer) {
  if (!can(viewer, "blocklist.manage") && !can(viewer, "blocklist.add")) throw new DomainError("FORBIDDEN", "You may not block numbers");
}

/** Numbers blocked now (temporary blocks that have run out are left out), newest first. */
export function activeBlocksWhere(organizationId: string, now: Date) {
  return { organizationId, OR: [{ until: null }, { until: { gt: now } }] };
}

export async function blockNumber(viewer: Viewer, raw: BlockNumberInput, deps: Deps, ip?: string) {
  assertCanAdd(viewer);
  const input = parseInput(blockSchema, raw);
  const organizationId = viewer.organizationId;
  const until = input.hours ? new Date(deps.now().getTime() + input.hours * 3_600_000) : null;
  return deps.db.$transaction(async (tx) => {
    if (!can(viewer, "blocklist.manage")) {
      const existing = await tx.blockedNumber.findFirst({ where: { ...activeBlocksWhere(organizationId, deps.now()), number: input.number } });
      if (existing) throw new DomainError("CONFLICT", "This number is already blocked; a supervisor can change its block", { reason: "ALREADY_BLOCKED" });
    }
    const data = { reason: input.reason, until, dids: input.dids, message: input.message, createdById: viewer.userId, createdAt: deps.now() };
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
      data: { number: row.number, reason: row.reason, until: until?.toISOString() ?? null, dids: row.dids.join(", "), message: row.message },
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

/** The block on calls from this number to `dialled` now (or to any of ours, without `dialled`),
 * or null. A caller without a usable number (anonymous, malformed) cannot be on the list. */
export async function blockOf(db: Db, organizationId: string, number: string, now: Date, dialled?: string) {
  const n = normalisePhone(number);
  if (!n) return null;
  const blocks = await db.blockedNumber.findMany({ where: { ...activeBlocksWhere(organizationId, now), number: n } });
  return blocks.find((b) => !b.dids.length || (dialled !== undefined && b.dids.includes(dialled))) ?? null;
}

/** Whether calls from (or to) this number are refused now (by a block on all our numbers). */
export async function isBlocked(db: Db, organizationId: string, number: string, now: Date): Promise<boolean> {
  return (await blockOf(db, organizationId, number, now)) !== null;
}
