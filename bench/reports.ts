// npm run bench:reports [-- --scale 0.05] — the queue report at contact-centre scale on
// PostgreSQL. Synthetic traffic: DAYS days (90) of 11 112 inbound calls a day × scale (1: a million
// calls, about ten million events) over QUEUES queues (20) and AGENTS agents (200), written by
// set-based SQL as the product writes them (a case, the interaction, queued / offered /
// offer_timeout / accepted / answered / held / resumed / transferred / ended or abandoned steps).
// Then:
//  1. the rebuild of the whole period from the events (rebuildQueueIntervals): calls per second;
//  2. counting one ended call (applyInteraction, as the listener does at its end): p50/p95;
//  3. a month by day for all queues, and a day by 15 minutes for one agent (queueReport): p50/p95;
//  4. the calls behind one day's "offered" cell (queueReportCalls): p50/p95;
//  5. the XLSX file of the month by day (writeQueueReportXlsx): p50/p95.
// Its database is dropped at the end.
import { applyInteraction, rebuildQueueIntervals } from "../domain/reports/queue-intervals.ts";
import { queueCallDetails } from "../domain/reports/queue-call-details.ts";
import { queueReportCalls } from "../domain/reports/queue-report-calls.ts";
import { queueReport } from "../domain/reports/queue-report.ts";
import { writeQueueReportXlsx } from "../lib/queue-report-export.ts";
import { measureReport, reportBench, timed, timingTable } from "./report-fixture.ts";

const QUEUES = Number(process.env.QUEUES ?? 20);
const bench = await reportBench({ days: 90, callsPerDay: 11_112, scaleOne: "a million calls" });
const { db, deps, org, viewer, agentIds, total, period, perDay: PER_DAY, days: DAYS } = bench;
const AGENTS = agentIds.length;

try {
  await db.queue.createMany({ data: Array.from({ length: QUEUES }, (_, i) => ({ organizationId: org.id, name: `Queue ${i}`, channels: ["VOICE"] })) });
  const queueIds = (await db.queue.findMany({ where: { organizationId: org.id }, select: { id: true }, orderBy: { name: "asc" } })).map((q) => q.id);
  const { start, end } = period;
  console.log(`Writing ${total} calls over ${DAYS} days, ${QUEUES} queues, ${AGENTS} agents on PostgreSQL…`);
  const gen = await timed(async () => {
    await db.$executeRawUnsafe(`select setseed(0.42)`);
    await db.$executeRawUnsafe(
      `create unlogged table bench_calls as
      select gen_random_uuid() as id, gen_random_uuid() as case_id, n,
        $1::timestamptz + (n / $2) * interval '1 day' + (random() * 86399) * interval '1 second' as arrived,
        ($3::uuid[])[1 + floor(random() * $4)::int] as queue_id, ($5::uuid[])[1 + floor(random() * $6)::int] as agent_id,
        random() as r, 2 + random() * 60 as wait, 30 + random() * 600 as talk, random() < 0.3 as retried,
        floor(random() * 6)::int as holds
      from generate_series(0, $7 - 1) n`,
      start,
      PER_DAY,
      queueIds,
      QUEUES,
      agentIds,
      AGENTS,
      total,
    );
    await db.$executeRawUnsafe(
      `insert into "Case" ("id", "organizationId", "number", "subject", "processId", "statusId", "channel", "queueId", "updatedAt", "createdAt")
      select case_id, $1::uuid, 1000 + n, 'Bench call', $2::uuid, $3::uuid, 'VOICE', queue_id, arrived, arrived from bench_calls`,
      org.id,
      bench.process.id,
      bench.process.statusId,
    );
    // 88 % answered (4 % of those passed to a colleague), 12 % abandoned.
    await db.$executeRawUnsafe(
      `insert into "Interaction" ("id", "organizationId", "caseId", "channel", "state", "queueId", "agentId", "arrivedAt", "answeredAt", "endedAt", "endedBy")
      select id, $1::uuid, case_id, 'VOICE', case when r < 0.88 then 'ENDED' else 'ABANDONED' end::"InteractionState", queue_id,
        case when r < 0.88 then agent_id end, arrived, case when r < 0.88 then arrived + wait * interval '1 second' end,
        arrived + (wait + case when r < 0.88 then talk else 0 end) * interval '1 second', case when r < 0.88 then 'AGENT' else 'CONTACT' end
      from bench_calls`,
      org.id,
    );
    await db.$executeRawUnsafe(
      `insert into "InteractionEvent" ("id", "organizationId", "interactionId", "type", "agentId", "queueId", "data", "at")
      select gen_random_uuid(), $1::uuid, id, e.type, e.agent, e.queue, e.data::jsonb, e.at from bench_calls,
      lateral (values
        ('queued', null::uuid, queue_id, '{}', arrived),
        ('offered', agent_id, queue_id, '{}', arrived + interval '1 second'),
        (case when retried then 'offer_timeout' end, agent_id, queue_id, '{}', arrived + interval '1.5 second'),
        (case when retried then 'offered' end, agent_id, queue_id, '{}', arrived + interval '1.7 second'),
        (case when r < 0.88 then 'accepted' end, agent_id, queue_id, '{}', arrived + wait * interval '1 second'),
        (case when r < 0.88 then 'answered' end, agent_id, queue_id, '{}', arrived + (wait + 0.2) * interval '1 second'),
        (case when r < 0.88 * 0.04 then 'transferred' end, $2::uuid, queue_id, '{}', arrived + (wait + talk / 2) * interval '1 second'),
        (case when r < 0.88 then 'ended' else 'abandoned' end, null, null, case when r < 0.88 then '{}' else '{"by":"CONTACT"}' end,
          arrived + (wait + case when r < 0.88 then talk else 0 end) * interval '1 second')
      ) as e(type, agent, queue, data, at)
      where e.type is not null`,
      org.id,
      agentIds[0],
    );
    // Answered calls are held and resumed 0–5 times (2.5 on average): about ten events a call.
    await db.$executeRawUnsafe(
      `insert into "InteractionEvent" ("id", "organizationId", "interactionId", "type", "agentId", "queueId", "data", "at")
      select gen_random_uuid(), $1::uuid, id, t.type, agent_id, queue_id, '{}'::jsonb,
        arrived + (wait + talk * (h + t.half) / (holds + 1)) * interval '1 second'
      from bench_calls, generate_series(1, holds) h, (values ('held', 0.0), ('resumed', 0.5)) t(type, half)
      where r < 0.88 and holds > 0`,
      org.id,
    );
    await db.$executeRawUnsafe(`drop table bench_calls`);
    await db.$executeRawUnsafe(`analyze "Interaction"; `);
    await db.$executeRawUnsafe(`analyze "InteractionEvent"`);
  });
  const events = await db.interactionEvent.count({ where: { organizationId: org.id } });
  console.log(`  written in ${(gen.ms / 1000).toFixed(0)} s: ${total} calls, ${events} events`);

  const rebuild = await timed(() =>
    rebuildQueueIntervals(org.id, { from: start, to: end }, { db }, { batch: 5000, onProgress: (n) => n % 50_000 === 0 && console.log(`  rebuilt ${n}…`) }),
  );
  await db.$executeRawUnsafe(`analyze "QueueCallFact"`);
  await db.$executeRawUnsafe(`analyze "QueueInterval"`);
  const intervalRows = await db.queueInterval.count({ where: { organizationId: org.id } });
  console.log(
    `  rebuild: ${rebuild.value.interactions} calls → ${rebuild.value.facts} facts, ${intervalRows} interval rows in ${(rebuild.ms / 1000).toFixed(0)} s`,
  );

  const t = await measureReport(bench, {
    countOne: async (id) => {
      await db.queueCallFact.deleteMany({ where: { interactionId: id } });
      await applyInteraction(id, { db });
    },
    report: (input) => queueReport(viewer, input, deps),
    list: (day) => queueReportCalls(viewer, { ...day, figure: "OFFERED" }, deps),
    xlsx: async (month, sink) => {
      const input = { ...month, interval: "DAY" as const };
      const [report, details] = await Promise.all([queueReport(viewer, input, deps), queueCallDetails(viewer, input, deps)]);
      await writeQueueReportXlsx(report, details, "en", sink);
    },
  });
  timingTable([
    { measure: "count one ended call", times: t.countOne.times, note: "facts + its interval rows" },
    { measure: "month by day, all queues", times: t.monthByDay.times, note: `${t.monthByDay.last.total.offered} calls offered` },
    { measure: "day by 15 min, one agent", times: t.agentDay.times, note: `last agent answered ${t.agentDay.last.total.answered}` },
    { measure: "calls behind a day's offered", times: t.list.times, note: "first 200 + total" },
    { measure: "XLSX of the month by day", times: t.xlsx.times, note: `${t.xlsx.last} bytes, query included` },
  ]);
} finally {
  await bench.close();
}
