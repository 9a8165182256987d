// The queue report's calls in detail (reports.read): answered calls' wait and talk (total, average,
// shortest, longest), unanswered calls' time before hanging up and place in the queue then, and the
// calls split by the number dialled, the reason they ended and the IVR keys chosen. Read from the
// interval rows (QueueInterval, QueueDetailInterval), never from the events. Definitions: docs/reports.md.
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import type { QueueReportInput } from "./queue-report.ts";
import { LIST_INTERVAL, prepareQueueReport } from "./queue-report.ts";

export interface Spread {
  total: number;
  average: number | null;
  min: number | null;
  max: number | null;
}

export interface DetailRow {
  value: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** Answered within the target ÷ (offered − short abandons). */
  serviceLevel: number | null;
}

export interface QueueCallDetails {
  answered: { calls: number; wait: Spread; talk: Spread };
  unanswered: { calls: number; abandoned: number; hangUpWait: Spread; place: Spread & { known: number } };
  byNumber: DetailRow[];
  /** Every reason, answered calls' and unanswered calls' (ABANDONED, VOICEMAIL, OVERFLOW are the unanswered ones). */
  byReason: DetailRow[];
  /** Key paths of the calls that were not answered, the most frequent first. */
  ivrPaths: DetailRow[];
}

/** Key paths shown at most. */
export const TOP_PATHS = 10;

type Row = Record<string, number | bigint | string | null>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const spread = (total: unknown, count: number, min: unknown, max: unknown): Spread => ({
  total: Number(total ?? 0),
  average: count > 0 ? Number(total ?? 0) / count : null,
  min: count > 0 ? num(min) : null,
  max: count > 0 ? num(max) : null,
});

export async function queueCallDetails(viewer: Viewer, input: Omit<QueueReportInput, "interval">, deps: Pick<Deps, "db" | "now">): Promise<QueueCallDetails> {
  const p = await prepareQueueReport(viewer, { ...input, interval: LIST_INTERVAL }, deps);
  const filter = `"organizationId" = $1::uuid and "bucket" >= $2::timestamptz and "bucket" < $3::timestamptz and "queueId" = any($4::uuid[])
    and ($5::text is null or "channel"::text = $5::text) and ($6::uuid[] is null or "agentId" = any($6::uuid[]))`;
  const args = [p.organizationId, p.from, p.to, p.queueIds, p.channel, p.agentIds] as const;
  const [[t], detail] = p.queueIds.length
    ? await Promise.all([
        deps.db.$queryRawUnsafe<Row[]>(
          `select coalesce(sum("offered"), 0)::int as "offered", coalesce(sum("answered"), 0)::int as "answered", coalesce(sum("abandoned"), 0)::int as "abandoned",
             sum("answeredWaitSeconds")::float8 as "waitSum", min("answeredWaitMin")::float8 as "waitMin", max("answeredWaitMax")::float8 as "waitMax",
             sum("talkSeconds")::float8 as "talkSum", min("talkMin")::float8 as "talkMin", max("talkMax")::float8 as "talkMax",
             sum("abandonedWaitSeconds")::float8 as "hangSum", min("abandonedWaitMin")::float8 as "hangMin", max("abandonedWaitMax")::float8 as "hangMax",
             coalesce(sum("hangUpPlaces"), 0)::int as "places", sum("hangUpPlaceSum")::int as "placeSum", min("hangUpPlaceMin")::int as "placeMin", max("hangUpPlaceMax")::int as "placeMax"
           from "QueueInterval" where ${filter}`,
          ...args,
        ),
        deps.db.$queryRawUnsafe<Row[]>(
          `select "dimension"::text as "dimension", "value", sum("offered")::int as "offered", sum("answered")::int as "answered", sum("answeredInSl")::int as "answeredInSl",
             sum("abandoned")::int as "abandoned", sum("shortAbandoned")::int as "shortAbandoned"
           from "QueueDetailInterval" where ${filter} group by "dimension", "value"`,
          ...args,
        ),
      ])
    : [[{} as Row], [] as Row[]];
  const offered = Number(t.offered ?? 0);
  const answered = Number(t.answered ?? 0);
  const abandoned = Number(t.abandoned ?? 0);
  const places = Number(t.places ?? 0);
  const rows = (dimension: string) =>
    detail
      .filter((r) => r.dimension === dimension)
      .map((r) => {
        const counted = Number(r.offered) - Number(r.shortAbandoned);
        return {
          value: String(r.value),
          offered: Number(r.offered),
          answered: Number(r.answered),
          abandoned: Number(r.abandoned),
          serviceLevel: counted > 0 ? Number(r.answeredInSl) / counted : null,
        };
      })
      .sort((a, b) => b.offered - a.offered || (a.value < b.value ? -1 : 1));
  return {
    answered: { calls: answered, wait: spread(t.waitSum, answered, t.waitMin, t.waitMax), talk: spread(t.talkSum, answered, t.talkMin, t.talkMax) },
    unanswered: {
      calls: offered - answered,
      abandoned,
      hangUpWait: spread(t.hangSum, abandoned, t.hangMin, t.hangMax),
      place: { ...spread(t.placeSum, places, t.placeMin, t.placeMax), known: places },
    },
    byNumber: rows("NUMBER"),
    byReason: rows("END_REASON"),
    ivrPaths: rows("IVR_PATH")
      .map((r) => ({ ...r, offered: r.offered - r.answered, answered: 0 }))
      .filter((r) => r.offered > 0)
      .sort((a, b) => b.offered - a.offered || (a.value < b.value ? -1 : 1))
      .slice(0, TOP_PATHS),
  };
}
