// Enrolment: the entries of a campaign's lists become its contacts, one per number. Lists are taken
// in the order they were imported and each list in its file's order, so a number on two lists is
// called as the first list's entry and the dialling order (sortKey) follows the files. Numbers on the
// organisation's do-not-call list, the campaign's own, or blocked now are left out and counted (they
// may have been added since the list was imported). One INSERT … SELECT per list, in the database
// (ON CONFLICT on the campaign's unique phone drops numbers already enrolled), so a list of 100,000
// entries enrols in about a second; a list is marked enrolled (CampaignList.enrolledAt) once done,
// and enrolling again only takes lists not yet enrolled.
import type { Db } from "../shared/tx.ts";

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
  for (const { listId } of pending) {
    const [r] = await db.$queryRaw<{ dnc: bigint; blocked: bigint; candidates: bigint; enrolled: bigint }[]>`
      with base as (
        select coalesce(max("sortKey"), 0) as "key" from "CampaignContact" where "campaignId" = ${campaign.id}::uuid
      ), flagged as (
        select e."id", e."phone", e."row",
          exists (select 1 from "DoNotCallNumber" d where d."organizationId" = ${campaign.organizationId}::uuid and d."number" = e."phone")
            or exists (select 1 from "CampaignDoNotCall" cd where cd."campaignId" = ${campaign.id}::uuid and cd."number" = e."phone") as "dnc",
          exists (select 1 from "BlockedNumber" b where b."organizationId" = ${campaign.organizationId}::uuid and b."number" = e."phone"
            and (b."until" is null or b."until" > ${now})) as "blocked"
        from "ContactListEntry" e where e."listId" = ${listId}::uuid
      ), inserted as (
        insert into "CampaignContact" ("id", "campaignId", "entryId", "phone", "sortKey", "createdAt", "updatedAt")
        select gen_random_uuid(), ${campaign.id}::uuid, f."id", f."phone", (select "key" from base) + (row_number() over (order by f."row"))::int, ${now}, ${now}
        from flagged f where not f."dnc" and not f."blocked"
        order by f."row"
        on conflict ("campaignId", "phone") do nothing
        returning 1
      )
      select count(*) filter (where "dnc") as "dnc",
        count(*) filter (where "blocked" and not "dnc") as "blocked",
        count(*) filter (where not "dnc" and not "blocked") as "candidates",
        (select count(*) from inserted) as "enrolled"
      from flagged`;
    const enrolled = Number(r.enrolled);
    counts.enrolled += enrolled;
    counts.duplicates += Number(r.candidates) - enrolled;
    counts.doNotCall += Number(r.dnc);
    counts.blocked += Number(r.blocked);
    await db.campaignList.update({ where: { campaignId_listId: { campaignId: campaign.id, listId } }, data: { enrolledAt: now } });
  }
  return counts;
}
