// npm run bench:outbound-report [-- --scale 0.1] — the Calls out report at contact-centre scale on
// PostgreSQL. Synthetic traffic: DAYS days (30) of 10 000 calls out a day × scale (1: 300 000 calls)
// by AGENTS agents (200) — half a campaign's (CAMPAIGNS of them, 10: answered, machines, abandoned,
// busy, no answer, failed), a third agents' own calls outside any queue, the rest call-backs —
// written by set-based SQL as the product writes them (a case, the interaction, its call, a
// campaign's attempt). Then:
//  1. the rebuild of the whole period (rebuildOutboundIntervals): calls per second;
//  2. counting one ended call (applyOutboundCall, as the listener does at its end): p50/p95;
//  3. a month by day for everything, and a day by 15 minutes for one agent (outboundReport): p50/p95;
//  4. the calls behind one day's "calls" cell (outboundReportList): p50/p95;
//  5. the XLSX file of the month by day (writeOutboundReportXlsx): p50/p95.
// Its database is dropped at the end.
import { applyOutboundCall, rebuildOutboundIntervals } from "../domain/reports/outbound-intervals.ts";
import { outboundReportList } from "../domain/reports/outbound-report-list.ts";
import { outboundReport } from "../domain/reports/outbound-report.ts";
import { writeOutboundReportXlsx } from "../lib/outbound-report-export.ts";
import { measureReport, reportBench, timed, timingTable } from "./report-fixture.ts";

const CAMPAIGNS = Number(process.env.CAMPAIGNS ?? 10);
const bench = await reportBench({ days: 30, callsPerDay: 10_000, scaleOne: "300 000 calls" });
const { db, deps, org, viewer, agentIds, total, period, perDay: PER_DAY, days: DAYS } = bench;
const AGENTS = agentIds.length;

try {
  const list = await db.contactList.create({
    data: { organizationId: org.id, name: "Bench", status: "READY", entries: { create: [{ row: 2, phone: "+48601000000", name: "Bench" }] } },
    include: { entries: true },
  });
  const campaigns: { id: string; queueId: string; contactId: string }[] = [];
  for (let i = 0; i < CAMPAIGNS; i++) {
    const queue = await db.queue.create({ data: { organizationId: org.id, name: `Campaign queue ${i}`, channels: ["VOICE"] } });
    const c = await db.campaign.create({
      data: {
        organizationId: org.id,
        name: `Campaign ${i}`,
        queueId: queue.id,
        mode: "PREDICTIVE",
        contacts: { create: [{ entryId: list.entries[0].id, phone: "+48601000000", sortKey: 0 }] },
      },
      include: { contacts: true },
    });
    campaigns.push({ id: c.id, queueId: queue.id, contactId: c.contacts[0].id });
  }
  const callbackQueue = await db.queue.create({ data: { organizationId: org.id, name: "Call-backs", channels: ["VOICE"] } });
  const { start, end } = period;
  console.log(`Writing ${total} calls out over ${DAYS} days, ${CAMPAIGNS} campaigns, ${AGENTS} agents on PostgreSQL…`);
  const gen = await timed(async () => {
    await db.$executeRawUnsafe(`select setseed(0.42)`);
    // k: kind (r < 0.5 campaign, < 0.85 manual, else call-back); o: outcome draw; ring and talk seconds.
    await db.$executeRawUnsafe(
      `create unlogged table bench_out as
      select gen_random_uuid() as id, gen_random_uuid() as case_id, n, k, o,
        $1::timestamptz + (n / $2) * interval '1 day' + (random() * 86399) * interval '1 second' as placed,
        1 + floor(random() * $3)::int as campaign_no, ($4::uuid[])[1 + floor(random() * $5)::int] as agent_id,
        3 + random() * 25 as ring, 20 + random() * 400 as talk
      from (select n, random() as k, random() as o from generate_series(0, $6 - 1) n) g`,
      start,
      PER_DAY,
      CAMPAIGNS,
      agentIds,
      AGENTS,
      total,
    );
    // Outcomes: 45 % answered, 10 % busy, 20 % no answer, 5 % failed, 5 % cancelled; a campaign's
    // also 10 % machines and 5 % abandoned (agents' own calls and call-backs: those answered).
    await db.$executeRawUnsafe(
      `alter table bench_out add column answered boolean, add column sip int, add column campaign_id uuid, add column queue_id uuid,
        add column contact_id uuid, add column amd text, add column outcome text, add column with_agent boolean`,
    );
    await db.$executeRawUnsafe(
      `update bench_out set
        answered = o < 0.45 or o >= 0.85,
        sip = case when o < 0.45 or o >= 0.85 then null when o < 0.55 then 486 when o < 0.75 then 480 when o < 0.78 then 404 when o < 0.80 then 503 else null end,
        campaign_id = case when k < 0.5 then ($1::uuid[])[campaign_no] end,
        queue_id = case when k < 0.5 then ($2::uuid[])[campaign_no] when k >= 0.85 then $3::uuid end,
        contact_id = case when k < 0.5 then ($4::uuid[])[campaign_no] end,
        amd = case when k < 0.5 and (o < 0.45 or o >= 0.85) then case when o >= 0.95 then 'MACHINE' else 'HUMAN' end end,
        outcome = case when k < 0.5 then case when o >= 0.95 then 'MACHINE' when o >= 0.90 then 'ABANDONED' when o < 0.45 then 'REACHED' end end,
        with_agent = not (k < 0.5 and o >= 0.90)`,
      campaigns.map((c) => c.id),
      campaigns.map((c) => c.queueId),
      callbackQueue.id,
      campaigns.map((c) => c.contactId),
    );
    await db.$executeRawUnsafe(
      `insert into "Case" ("id", "organizationId", "number", "subject", "processId", "statusId", "channel", "queueId", "updatedAt", "createdAt")
      select case_id, $1::uuid, 1000 + n, 'Bench call out', $2::uuid, $3::uuid, 'VOICE', queue_id, placed, placed from bench_out`,
      org.id,
      bench.process.id,
      bench.process.statusId,
    );
    const ended = `placed + (ring + case when answered then talk else 0 end) * interval '1 second'`;
    await db.$executeRawUnsafe(
      `insert into "Interaction" ("id", "organizationId", "caseId", "channel", "direction", "state", "queueId", "agentId", "arrivedAt", "answeredAt", "endedAt", "endedBy", "data")
      select id, $1::uuid, case_id, 'VOICE', 'OUTBOUND', 'ENDED', queue_id, case when with_agent then agent_id end, placed,
        case when answered then placed + ring * interval '1 second' end, ${ended}, 'AGENT',
        case when k < 0.5 then jsonb_build_object('phone', '+48601000000', 'campaignId', campaign_id)
             when k >= 0.85 then jsonb_build_object('phone', '+48601000000', 'callback', true, 'requestedVia', 'IVR')
             else jsonb_build_object('phone', '+48601000000') end
      from bench_out`,
      org.id,
    );
    await db.$executeRawUnsafe(
      `insert into "Call" ("id", "organizationId", "interactionId", "state", "createdAt", "answeredAt", "endedAt", "sipCode", "remoteNumber", "endReason")
      select gen_random_uuid(), $1::uuid, id, 'ENDED', placed, case when answered then placed + ring * interval '1 second' end, ${ended}, sip,
        '+48601000000', case when answered then 'HANGUP' when sip is null then 'CANCELLED' else 'REJECTED' end
      from bench_out`,
      org.id,
    );
    await db.$executeRawUnsafe(
      `insert into "CampaignAttempt" ("id", "organizationId", "campaignId", "contactId", "mode", "interactionId", "agentId", "startedAt", "answeredAt", "connectedAt", "endedAt", "amdResult", "outcome")
      select gen_random_uuid(), $1::uuid, campaign_id, contact_id, 'PREDICTIVE', id, case when with_agent and answered then agent_id end, placed,
        case when answered then placed + ring * interval '1 second' end,
        case when with_agent and answered and amd = 'HUMAN' then placed + (ring + 1) * interval '1 second' end, ${ended}, amd, outcome::"CampaignOutcome"
      from bench_out where campaign_id is not null`,
      org.id,
    );
    await db.$executeRawUnsafe(`drop table bench_out`);
    for (const t of ["Interaction", "Call", "CampaignAttempt"]) await db.$executeRawUnsafe(`analyze "${t}"`);
  });
  console.log(`  written in ${(gen.ms / 1000).toFixed(0)} s: ${total} calls out`);

  const rebuild = await timed(() => rebuildOutboundIntervals(org.id, { from: start, to: end }, { db }, { batch: 5000 }));
  await db.$executeRawUnsafe(`analyze "OutboundCallFact"`);
  await db.$executeRawUnsafe(`analyze "OutboundInterval"`);
  const intervalRows = await db.outboundInterval.count({ where: { organizationId: org.id } });
  const perSecond = Math.round(rebuild.value.facts / (rebuild.ms / 1000));
  console.log(
    `  rebuild: ${rebuild.value.interactions} calls → ${rebuild.value.facts} facts, ${intervalRows} interval rows in ${(rebuild.ms / 1000).toFixed(0)} s (${perSecond} calls/s)`,
  );

  const t = await measureReport(bench, {
    countOne: async (id) => {
      await db.outboundCallFact.deleteMany({ where: { interactionId: id } });
      await applyOutboundCall(id, { db });
    },
    report: (input) => outboundReport(viewer, input, deps),
    list: (day) => outboundReportList(viewer, { ...day, figure: "CALLS" }, deps),
    xlsx: async (month, sink) => writeOutboundReportXlsx(await outboundReport(viewer, { ...month, interval: "DAY" }, deps), "en", sink),
  });
  timingTable([
    { measure: "count one ended call out", times: t.countOne.times, note: "fact + its interval rows" },
    { measure: "month by day, everything", times: t.monthByDay.times, note: `${t.monthByDay.last.total.calls} calls` },
    { measure: "day by 15 min, one agent", times: t.agentDay.times, note: `last agent's calls: ${t.agentDay.last.total.calls}` },
    { measure: "calls behind a day's calls", times: t.list.times, note: "first 200 + total" },
    { measure: "XLSX of the month by day", times: t.xlsx.times, note: `${t.xlsx.last} bytes, query included` },
  ]);
} finally {
  await bench.close();
}
