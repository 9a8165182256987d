// An SMS campaign's texts counted for its monitor and results: waiting to go, with the provider
// (no receipt yet), delivered, failed, the parts they took (what the provider bills) and the
// answers that opened cases. The delivery rate is delivered ones of all handed to the provider.
import type { Db } from "../../shared/tx.ts";

export interface TextCounts {
  queued: number;
  /** Taken by the provider, no final receipt yet. */
  sent: number;
  delivered: number;
  failed: number;
  /** Parts of the texts handed over (billed per part). */
  parts: number;
  /** Texts answered (the answer opened a case on the campaign's queue). */
  replies: number;
  /** Delivered of all handed to the provider (sent, delivered, failed after sending); null before any. */
  deliveryPercent: number | null;
}

export const NO_TEXTS: TextCounts = { queued: 0, sent: 0, delivered: 0, failed: 0, parts: 0, replies: 0, deliveryPercent: null };

/** Per campaign; texts handed over since `since` (null: all). */
export async function countTexts(db: Db, campaignIds: string[], since: Date | null): Promise<Map<string, TextCounts>> {
  if (!campaignIds.length) return new Map();
  const rows = await db.$queryRaw<
    { campaignId: string; queued: number; sent: number; delivered: number; failed: number; handed: number; parts: number; replies: number }[]
  >`
    select "campaignId"::text as "campaignId",
      count(*) filter (where "state" = 'QUEUED')::int as "queued",
      count(*) filter (where "state" = 'SENT')::int as "sent",
      count(*) filter (where "state" = 'DELIVERED')::int as "delivered",
      count(*) filter (where "state" = 'FAILED')::int as "failed",
      count(*) filter (where "sentAt" is not null)::int as "handed",
      coalesce(sum("parts") filter (where "sentAt" is not null), 0)::int as "parts",
      count(*) filter (where "replyCaseId" is not null)::int as "replies"
    from "CampaignSms"
    where "campaignId" = any(${campaignIds}::uuid[]) and (${since}::timestamptz is null or coalesce("sentAt", "createdAt") >= ${since}::timestamptz)
    group by 1`;
  return new Map(
    rows.map((r) => [
      r.campaignId,
      {
        queued: r.queued,
        sent: r.sent,
        delivered: r.delivered,
        failed: r.failed,
        parts: r.parts,
        replies: r.replies,
        deliveryPercent: r.handed ? Math.round((1000 * r.delivered) / r.handed) / 10 : null,
      },
    ]),
  );
}
