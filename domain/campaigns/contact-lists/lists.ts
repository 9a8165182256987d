// Reading and deleting contact lists: the lists with their counts, a list's entries a page at a
// time (searched by number, name, e-mail or external id) and its rejected rows.
import type { Viewer } from "../../access/viewer.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Deps } from "../../ports.ts";
import { DomainError, notFound } from "../../shared/errors.ts";
import type { Db } from "../../shared/tx.ts";
import { assertCanManageCampaigns } from "./import-list.ts";

export async function contactLists(viewer: Viewer, db: Db) {
  assertCanManageCampaigns(viewer);
  return db.contactList.findMany({ where: { organizationId: viewer.organizationId }, orderBy: { createdAt: "desc" } });
}

export async function contactList(viewer: Viewer, id: string, db: Db) {
  assertCanManageCampaigns(viewer);
  const list = await db.contactList.findFirst({ where: { id, organizationId: viewer.organizationId } });
  if (!list) throw notFound("Contact list");
  return list;
}

const PAGE_MAX = 200;

export async function listEntries(viewer: Viewer, listId: string, o: { search?: string | null; offset?: number; limit?: number }, db: Db) {
  const list = await contactList(viewer, listId, db);
  const q = (o.search ?? "").trim();
  const digits = q.replace(/[^\d]/g, "");
  const where = {
    listId: list.id,
    ...(q
      ? {
          OR: [
            ...(digits.length >= 3 ? [{ phone: { contains: digits } }] : []),
            { name: { contains: q, mode: "insensitive" as const } },
            { email: { contains: q, mode: "insensitive" as const } },
            { externalId: { contains: q } },
          ],
        }
      : {}),
  };
  const [total, items] = await Promise.all([
    db.contactListEntry.count({ where }),
    db.contactListEntry.findMany({ where, orderBy: { row: "asc" }, skip: Math.max(0, o.offset ?? 0), take: Math.min(PAGE_MAX, Math.max(1, o.limit ?? 50)) }),
  ]);
  return { total, items };
}

export async function listRejects(viewer: Viewer, listId: string, o: { offset?: number; limit?: number }, db: Db) {
  const list = await contactList(viewer, listId, db);
  const where = { listId: list.id };
  const [total, items] = await Promise.all([
    db.contactListReject.count({ where }),
    db.contactListReject.findMany({ where, orderBy: { row: "asc" }, skip: Math.max(0, o.offset ?? 0), take: Math.min(PAGE_MAX, Math.max(1, o.limit ?? 50)) }),
  ]);
  return { total, items };
}

/** Rows in batches, for exports: never the whole list in memory. */
export async function* batchesOf<T extends { id: string }>(read: (after: string | null) => Promise<T[]>): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await read(after);
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

export function entryBatches(listId: string, db: Db, size = 5000) {
  return batchesOf((after) => db.contactListEntry.findMany({ where: { listId, ...(after ? { id: { gt: after } } : {}) }, orderBy: { id: "asc" }, take: size }));
}

export function rejectBatches(listId: string, db: Db, size = 5000) {
  return batchesOf((after) => db.contactListReject.findMany({ where: { listId, ...(after ? { id: { gt: after } } : {}) }, orderBy: { id: "asc" }, take: size }));
}

export async function deleteContactList(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  await deps.db.$transaction(async (tx) => {
    const list = await contactList(viewer, id, tx);
    if (await tx.campaignList.count({ where: { listId: list.id } }))
      throw new DomainError("CONFLICT", "The list is used by a campaign", { reason: "LIST_IN_CAMPAIGN" });
    await tx.contactList.delete({ where: { id: list.id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "contact_list.deleted",
      targetType: "ContactList",
      targetId: list.id,
      targetLabel: list.name,
      data: { imported: list.imported, status: list.status },
      ip,
    });
  });
  return true;
}
