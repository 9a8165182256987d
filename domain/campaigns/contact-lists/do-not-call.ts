// The organisation's do-not-call list: numbers a campaign never dials. Set aside (and counted) when
// a list is imported; the dialer checks it again before each call. Adding takes many numbers at
// once (pasted, or a file's first column); numbers without a country code get the default one.
import type { CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import type { Viewer } from "../../access/viewer.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Deps } from "../../ports.ts";
import { notFound } from "../../shared/errors.ts";
import { parseInput } from "../../shared/parse.ts";
import { parsePhoneList } from "../../shared/phone-number.ts";
import { assertCanManageCampaigns } from "./import-list.ts";
import { isCountryCode, normaliseListPhone } from "./list-phone.ts";

const MAX_AT_ONCE = 100_000;

const addSchema = z.object({
  numbers: z.array(z.string().max(64)).min(1, "required").max(MAX_AT_ONCE),
  note: z.string().trim().max(200, "at most 200 characters").default(""),
  country: z.string().refine(isCountryCode, "a country code such as PL").default("PL"),
});

export async function addDoNotCall(viewer: Viewer, raw: z.input<typeof addSchema>, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  const input = parseInput(addSchema, raw);
  const parsed = parsePhoneList(input.numbers, (n) => normaliseListPhone(n, input.country as CountryCode));
  const numbers = new Set(parsed.numbers);
  const invalid = parsed.invalid;
  const organizationId = viewer.organizationId;
  const added = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.doNotCallNumber.createMany({
      data: [...numbers].map((number) => ({ organizationId, number, note: input.note, createdById: viewer.userId, createdAt: deps.now() })),
      skipDuplicates: true,
    });
    if (count) {
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "do_not_call.added",
        targetType: "DoNotCallNumber",
        targetLabel: numbers.size === 1 ? [...numbers][0] : `${count}`,
        data: { count, numbers: [...numbers].slice(0, 20).join(", "), note: input.note },
        ip,
      });
    }
    return count;
  });
  return { added, alreadyListed: numbers.size - added, invalid: invalid.slice(0, 100), invalidCount: invalid.length };
}

export async function removeDoNotCall(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  await deps.db.$transaction(async (tx) => {
    const row = await tx.doNotCallNumber.findFirst({ where: { id, organizationId: viewer.organizationId } });
    if (!row) throw notFound("Do-not-call number");
    await tx.doNotCallNumber.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "do_not_call.removed",
      targetType: "DoNotCallNumber",
      targetId: id,
      targetLabel: row.number,
      data: { number: row.number, note: row.note },
      ip,
    });
  });
  return true;
}

export async function doNotCallNumbers(viewer: Viewer, o: { search?: string | null; offset?: number; limit?: number }, deps: Deps) {
  assertCanManageCampaigns(viewer);
  const digits = (o.search ?? "").replace(/[^\d]/g, "");
  const where = { organizationId: viewer.organizationId, ...(digits ? { number: { contains: digits } } : {}) };
  const [total, items] = await Promise.all([
    deps.db.doNotCallNumber.count({ where }),
    deps.db.doNotCallNumber.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: Math.max(0, o.offset ?? 0),
      take: Math.min(200, Math.max(1, o.limit ?? 50)),
    }),
  ]);
  return { total, items };
}
