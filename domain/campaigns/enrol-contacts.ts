// Enrolment: the entries of a campaign's lists become its contacts, one per number. Lists are taken
// in the order they were imported and each list in its file's order, so a number on two lists is
// called as the first list's entry and the dialling order (sortKey) follows the files. Numbers on the
// organisation's do-not-call list, the campaign's own, or blocked now are left out and counted (they
// may have been added since the list was imported). Done in batches with createMany, so a list of
// 100,000 entries enrols in seconds; a list is marked enrolled (CampaignList.enrolledAt) once done,
// and enrolling again only takes lists not yet enrolled.
import type { Db } from "../shared/tx.ts";
import { activeBlocksWhere } from "../phone/blocked-numbers.ts";

const BATCH = 5000;

export interface EnrolCounts {
  /** Contacts created. */
  enrolled: number;
  /** Numbers already a contact of the campaign (on an earlier list). */
  duplicates: number;
  doNotCall: number;
  blocked: number;
}

export async function enrolContacts(db: Db, campaign: { id: string; organizationId: string }, now: Date): Promise<EnrolCounts> {
  const counts: EnrolCounts = { enrolled: 0, duplicates: 0, doNotCall: 0, blocked: 0 };
  const pending = await db.campaignList.findMany({
    where: { campaignId: campaign.id, enrolledAt: null, list: { status: "READY" } },
    select: { listId: true },
    orderBy: { list: { createdAt: "asc" } },
  });
  if (!pending.length) return counts;
  const [orgDnc, ownDnc, blocks, last] = await Promise.all([
    db.doNotCallNumber.findMany({ where: { organizationId: campaign.organizationId }, select: { number: true } }),
    db.campaignDoNotCall.findMany({ where: { campaignId: campaign.id }, select: { number: true } }),
    db.blockedNumber.findMany({ where: activeBlocksWhere(campaign.organizationId, now), select: { number: true } }),
    db.campaignContact.aggregate({ where: { campaignId: campaign.id }, _max: { sortKey: true } }),
  ]);
  const doNotCall = new Set([...orgDnc, ...ownDnc].map((d) => d.number));
  const blocked = new Set(blocks.map((b) => b.number));
  let sortKey = (last._max.sortKey ?? 0) + 1;

  for (const { listId } of pending) {
    let afterRow = -1;
    for (;;) {
      const entries = await db.contactListEntry.findMany({
        where: { listId, row: { gt: afterRow } },
        select: { id: true, phone: true, row: true },
        orderBy: { row: "asc" },
        take: BATCH,
      });
      if (!entries.length) break;
      afterRow = entries[entries.length - 1].row;
      const data: { campaignId: string; entryId: string; phone: string; sortKey: number }[] = [];
      for (const e of entries) {
        if (doNotCall.has(e.phone)) counts.doNotCall++;
        else if (blocked.has(e.phone)) counts.blocked++;
        else data.push({ campaignId: campaign.id, entryId: e.id, phone: e.phone, sortKey: sortKey++ });
      }
      // A number already enrolled (from an earlier list) is skipped by the unique (campaign, phone).
      const { count } = data.length ? await db.campaignContact.createMany({ data, skipDuplicates: true }) : { count: 0 };
      counts.enrolled += count;
      counts.duplicates += data.length - count;
    }
    await db.campaignList.update({ where: { campaignId_listId: { campaignId: campaign.id, listId } }, data: { enrolledAt: now } });
  }
  return counts;
}
