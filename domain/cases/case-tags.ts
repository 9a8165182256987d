// Tags: an organisation's labels (admins keep the list) that agents put on the cases they work.
// A tag is archived rather than deleted — the cases that carry it keep it, for history and
// counting, and it is no longer offered. Changes to a case's tags go on its timeline.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { translationsSchema } from "../shared/localized-name.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import type { Db } from "../shared/tx.ts";
import { writableCase } from "./case-access.ts";

const tagSchema = z.object({
  name: z.string().trim().min(1, "required").max(40, "at most 40 characters"),
  translations: translationsSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #2563eb"),
  active: z.boolean().default(true),
});
export type TagInput = z.input<typeof tagSchema>;

/** How tag names are compared: "Billing", " billing " and "BILLING" are one tag. */
export const tagNameKey = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase();

export async function saveTag(viewer: Viewer, id: string | null, raw: TagInput, deps: Deps, ip?: string) {
  if (!can(viewer, "cases.configure")) throw new DomainError("FORBIDDEN", "You may not manage tags");
  const input = parseInput(tagSchema, raw);
  const organizationId = viewer.organizationId;
  const data = { ...input, nameKey: tagNameKey(input.name) };
  try {
    return await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.tag.findFirst({ where: { id, organizationId } }) : null;
      if (id && !existing) throw notFound("Tag");
      const saved = existing ? await tx.tag.update({ where: { id: existing.id }, data }) : await tx.tag.create({ data: { ...data, organizationId } });
      const before = existing && { name: existing.name, translations: existing.translations, color: existing.color, active: existing.active };
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "tag.updated" : "tag.created",
        targetType: "Tag",
        targetId: saved.id,
        targetLabel: saved.name,
        data: { changes: auditChanges(before, input) } as never,
        ip,
      });
      return saved;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A tag") : e;
  }
}

/** Adds and removes tags on a case inside the caller's transaction, each change on the timeline.
 * Only real changes count: adding a tag the case has, or removing one it lacks, does nothing.
 * Returns the tags actually added and removed. */
export async function applyTagChanges(
  tx: Db,
  kase: { id: string; organizationId: string },
  actorId: string,
  change: { add: string[]; remove: string[] },
  now: Date,
) {
  const ids = [...new Set([...change.add, ...change.remove])];
  if (!ids.length) return { added: [], removed: [] };
  const tags = await tx.tag.findMany({ where: { id: { in: ids }, organizationId: kase.organizationId }, select: { id: true, name: true, active: true } });
  const byId = new Map(tags.map((t) => [t.id, t]));
  for (const [i, id] of change.add.entries()) {
    const tag = byId.get(id);
    if (!tag || !tag.active) throw fieldError(`add.${i}`, "unknown", "Unknown or archived tag");
  }
  for (const [i, id] of change.remove.entries()) if (!byId.has(id)) throw fieldError(`remove.${i}`, "unknown", "Unknown tag");
  const has = new Set((await tx.caseTag.findMany({ where: { caseId: kase.id, tagId: { in: ids } }, select: { tagId: true } })).map((t) => t.tagId));
  const removeSet = new Set(change.remove);
  const added = [...new Set(change.add)].filter((id) => !has.has(id) && !removeSet.has(id)).map((id) => byId.get(id)!);
  const removed = [...removeSet].filter((id) => has.has(id)).map((id) => byId.get(id)!);
  if (added.length) await tx.caseTag.createMany({ data: added.map((t) => ({ caseId: kase.id, tagId: t.id, addedById: actorId, addedAt: now })) });
  if (removed.length) await tx.caseTag.deleteMany({ where: { caseId: kase.id, tagId: { in: removed.map((t) => t.id) } } });
  const events = [
    ...added.map((t) => ({ type: "tag_added", tag: t })),
    ...removed.map((t) => ({ type: "tag_removed", tag: t })),
  ];
  if (events.length)
    await tx.caseEvent.createMany({
      data: events.map((e) => ({ organizationId: kase.organizationId, caseId: kase.id, type: e.type, actorId, data: { tagId: e.tag.id, name: e.tag.name }, at: now })),
    });
  return { added, removed };
}

const changeSchema = z.object({
  caseId: z.uuid(),
  add: z.array(z.uuid()).max(50).default([]),
  remove: z.array(z.uuid()).max(50).default([]),
});

/** An agent tags a case they work (their own, or any with cases.manage); a lead who only watches cannot. */
export async function changeCaseTags(viewer: Viewer, raw: z.input<typeof changeSchema>, deps: Deps) {
  const input = parseInput(changeSchema, raw);
  const result = await deps.db.$transaction(async (tx) => {
    const kase = await writableCase(viewer, input.caseId, tx);
    return applyTagChanges(tx, kase, viewer.userId, input, deps.now());
  });
  if (result.added.length || result.removed.length) deps.events.publish("case.updated", { organizationId: viewer.organizationId, caseId: input.caseId });
  return result;
}
