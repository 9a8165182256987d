// The numbers that may not be texted, beside the do-not-call list: those that sent STOP / NIE /
// СТОП (with what they wrote and the case it is on), and those a user added on the customer's
// word elsewhere (a call, a letter), with a note. Removing one opts the number back in; as on
// the do-not-call list, only campaign managers change it, and every change is audited.
import type { CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import type { Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { assertCanManageCampaigns } from "../campaigns/contact-lists/import-list.ts";
import { isCountryCode, normaliseListPhone } from "../campaigns/contact-lists/list-phone.ts";
import type { Deps } from "../ports.ts";
import { notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { parsePhoneList } from "../shared/phone-number.ts";

const addSchema = z.object({
  numbers: z.array(z.string().max(64)).min(1, "required").max(100_000),
  note: z.string().trim().max(200, "at most 200 characters").default(""),
  country: z.string().refine(isCountryCode, "a country code such as PL").default("PL"),
});

export async function addSmsOptOuts(viewer: Viewer, raw: z.input<typeof addSchema>, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  const input = parseInput(addSchema, raw);
  const { numbers, invalid } = parsePhoneList(input.numbers, (n) => normaliseListPhone(n, input.country as CountryCode));
  const organizationId = viewer.organizationId;
  const added = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.smsOptOut.createMany({
      data: numbers.map((number) => ({ organizationId, number, note: input.note, createdById: viewer.userId, createdAt: deps.now() })),
      skipDuplicates: true,
    });
    if (count) {
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "sms_opt_out.added",
        targetType: "SmsOptOut",
        targetLabel: numbers.length === 1 ? numbers[0] : `${count}`,
        data: { count, numbers: numbers.slice(0, 20).join(", "), note: input.note },
        ip,
      });
    }
    return count;
  });
  return { added, alreadyListed: numbers.length - added, invalid: invalid.slice(0, 100), invalidCount: invalid.length };
}

/** The number may be texted again. */
export async function removeSmsOptOut(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  await deps.db.$transaction(async (tx) => {
    const row = await tx.smsOptOut.findFirst({ where: { id, organizationId: viewer.organizationId } });
    if (!row) throw notFound("SMS opt-out");
    await tx.smsOptOut.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "sms_opt_out.removed",
      targetType: "SmsOptOut",
      targetId: id,
      targetLabel: row.number,
      data: { number: row.number, keyword: row.keyword, note: row.note },
      ip,
    });
  });
  return true;
}

export async function smsOptOuts(viewer: Viewer, o: { search?: string | null; offset?: number | null; limit?: number | null }, deps: Deps) {
  assertCanManageCampaigns(viewer);
  const digits = (o.search ?? "").replace(/[^\d]/g, "");
  const where = { organizationId: viewer.organizationId, ...(digits ? { number: { contains: digits } } : {}) };
  const [total, rows] = await Promise.all([
    deps.db.smsOptOut.count({ where }),
    deps.db.smsOptOut.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: Math.max(0, o.offset ?? 0),
      take: Math.min(200, Math.max(1, o.limit ?? 50)),
    }),
  ]);
  // The case each customer's STOP is on, and who added the others.
  const messageIds = rows.flatMap((r) => (r.messageId ? [r.messageId] : []));
  const userIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const [messages, users] = await Promise.all([
    deps.db.message.findMany({ where: { id: { in: messageIds }, organizationId: viewer.organizationId }, select: { id: true, caseId: true } }),
    deps.db.user.findMany({ where: { id: { in: userIds }, organizationId: viewer.organizationId }, select: { id: true, name: true } }),
  ]);
  const caseOf = new Map(messages.map((m) => [m.id, m.caseId]));
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const items = rows.map((r) => ({
    id: r.id,
    number: r.number,
    keyword: r.keyword,
    note: r.note,
    createdAt: r.createdAt,
    caseId: r.messageId ? (caseOf.get(r.messageId) ?? null) : null,
    addedBy: r.createdById ? (nameOf.get(r.createdById) ?? null) : null,
  }));
  return { total, items };
}
