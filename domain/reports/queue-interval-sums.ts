// The interval rows summed again from the facts (QueueCallFact): QueueInterval per queue, channel
// and answering agent, QueueIntervalTotal the same over all agents (what a report without an agent
// filter reads), and QueueDetailInterval split further by the number dialled, the reason the call
// ended and the IVR keys chosen. Whole keys are deleted and inserted again, so summing twice
// changes nothing. Used by queue-intervals.ts.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../shared/tx.ts";

/** The answering agent of calls nobody answered, in the interval rows' key. */
export const NO_AGENT = "00000000-0000-0000-0000-000000000000";

/** One queue's rows for one interval, summed again from its facts. */
export async function sumInterval(tx: Db, organizationId: string, bucket: Date, queueId: string) {
  await tx.queueInterval.deleteMany({ where: { organizationId, bucket, queueId } });
  await tx.queueDetailInterval.deleteMany({ where: { organizationId, bucket, queueId } });
  await tx.queueIntervalTotal.deleteMany({ where: { organizationId, bucket, queueId } });
  const where = Prisma.sql`"organizationId" = ${organizationId}::uuid and "bucket" = ${bucket}::timestamptz and "queueId" = ${queueId}::uuid`;
  await insertSums(tx, where);
}

/** Every row of [from, to), after they were deleted. */
export async function sumIntervals(db: Db, organizationId: string, from: Date, to: Date) {
  const where = Prisma.sql`"organizationId" = ${organizationId}::uuid and "bucket" >= ${from}::timestamptz and "bucket" < ${to}::timestamptz`;
  await insertSums(db, where);
}

async function insertSums(db: Db, where: Prisma.Sql) {
  await db.$executeRaw`
    insert into "QueueInterval" ${INTERVAL_COLUMNS}
    select ${SUMS} from "QueueCallFact" where ${where}
    group by "organizationId", "bucket", "queueId", "channel", coalesce("agentId", ${ANY_AGENT})`;
  await db.$executeRaw`insert into "QueueIntervalTotal" ${TOTAL_COLUMNS} select ${TOTALS} from "QueueInterval" where ${where} ${TOTAL_GROUP}`;
  for (const [dimension, value] of DIMENSIONS)
    await db.$executeRaw`
      insert into "QueueDetailInterval" ${DETAIL_COLUMNS}
      select "organizationId", "bucket", "queueId", "channel", coalesce("agentId", ${ANY_AGENT}), ${Prisma.raw(`'${dimension}'`)}::"CallDetailDimension", ${value},
        count(*)::int, count(*) filter (where "answered")::int, count(*) filter (where "answeredInSl")::int,
        count(*) filter (where "abandoned")::int, count(*) filter (where "shortAbandon")::int
      from "QueueCallFact" where ${where} and ${value} is not null
      group by "organizationId", "bucket", "queueId", "channel", coalesce("agentId", ${ANY_AGENT}), ${value}`;
}

/** Each dimension's value, the same expression in select, filter and group by. */
const DIMENSIONS: [string, Prisma.Sql][] = [
  ["NUMBER", Prisma.raw(`coalesce("dialled", '')`)],
  ["END_REASON", Prisma.raw(`"endReason"::text`)],
  ["IVR_PATH", Prisma.raw(`"ivrPath"`)],
];

/** The same expression in select and group by (a bound parameter twice would be two expressions). */
const ANY_AGENT = Prisma.raw(`'${NO_AGENT}'::uuid`);
const INTERVAL_COLUMNS = Prisma.sql`("organizationId", "bucket", "queueId", "channel", "agentId", "offered", "answered", "answeredInSl", "abandoned", "abandonedInSl",
  "shortAbandoned", "transferred", "offers", "waitSeconds", "waitMax", "answeredWaitSeconds", "talkSeconds", "talkMax",
  "answeredWaitMin", "answeredWaitMax", "talkMin", "abandonedWaitSeconds", "abandonedWaitMin", "abandonedWaitMax",
  "hangUpPlaces", "hangUpPlaceSum", "hangUpPlaceMin", "hangUpPlaceMax")`;
const SUMS = Prisma.sql`"organizationId", "bucket", "queueId", "channel", coalesce("agentId", ${ANY_AGENT}),
  count(*)::int, count(*) filter (where "answered")::int, count(*) filter (where "answeredInSl")::int,
  count(*) filter (where "abandoned")::int, count(*) filter (where "abandonedInSl")::int, count(*) filter (where "shortAbandon")::int,
  count(*) filter (where "transferred")::int, coalesce(sum("offers"), 0)::int,
  coalesce(sum("waitSeconds"), 0), coalesce(max("waitSeconds"), 0),
  coalesce(sum("waitSeconds") filter (where "answered"), 0), coalesce(sum("talkSeconds"), 0), coalesce(max("talkSeconds"), 0),
  min("waitSeconds") filter (where "answered"), coalesce(max("waitSeconds") filter (where "answered"), 0), min("talkSeconds") filter (where "answered"),
  coalesce(sum("waitSeconds") filter (where "abandoned"), 0), min("waitSeconds") filter (where "abandoned"), coalesce(max("waitSeconds") filter (where "abandoned"), 0),
  count("hangUpPlace")::int, coalesce(sum("hangUpPlace"), 0)::int, min("hangUpPlace"), coalesce(max("hangUpPlace"), 0)`;
const DETAIL_COLUMNS = Prisma.sql`("organizationId", "bucket", "queueId", "channel", "agentId", "dimension", "value", "offered", "answered", "answeredInSl", "abandoned", "shortAbandoned")`;

/** QueueInterval's rows summed over the agents (the migration that made the table does the same). */
const TOTAL_COLUMNS = Prisma.sql`("organizationId", "bucket", "queueId", "channel", "offered", "answered", "answeredInSl", "abandoned", "abandonedInSl",
  "shortAbandoned", "transferred", "offers", "waitSeconds", "waitMax", "answeredWaitSeconds", "talkSeconds", "talkMax")`;
const TOTALS = Prisma.sql`"organizationId", "bucket", "queueId", "channel", sum("offered")::int, sum("answered")::int, sum("answeredInSl")::int,
  sum("abandoned")::int, sum("abandonedInSl")::int, sum("shortAbandoned")::int, sum("transferred")::int, sum("offers")::int,
  sum("waitSeconds"), max("waitMax"), sum("answeredWaitSeconds"), sum("talkSeconds"), max("talkMax")`;
const TOTAL_GROUP = Prisma.sql`group by "organizationId", "bucket", "queueId", "channel"`;
