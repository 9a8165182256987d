// npm run bench:sms — the SMS channel against a real SMSC on loopback (the test SMSC: the `smpp`
// package's server role, answering at once and sending a receipt per part) and PostgreSQL
// (BENCH_DATABASE=pglite for the embedded database):
//  1. submit rate: MESSAGES replies (default 2,000; one part each, and a third of them Polish
//     three-part texts) waiting in the outbox, sent by the link's holder at the account's contracted
//     RATE (default 200/s): messages and parts a second, receipts applied, CPU per message;
//  2. MO → case: a text sent in by the SMSC until the SMSC has our answer, which comes only once the
//     message is stored in its case and queued (deliver_sm → deliver_sm_resp), one at a time, p50/p95;
//  3. a burst of BURST texts (default 500) from different customers at once: until all are cases;
//  4. an SMS campaign of CAMPAIGN contacts (default 3,000; a Polish two-part template with the
//     list's fields) at a pace of 60,000 a minute: texts handed to the SMSC a second, every receipt
//     applied, CPU per text.
import os from "node:os";
import { saveCampaign, startCampaign } from "../domain/campaigns/campaigns.ts";
import { replyBySms } from "../domain/sms/reply-by-sms.ts";
import { encodeGsm } from "../domain/sms/sms-text.ts";
import { startSmsLinks } from "../lib/sms/sms-links.ts";
import { asViewer, makeOrg, makeQueue, makeUser } from "../tests/factories/index.ts";
import { SMSC_PASSWORD, TestSmsc } from "../tests/support/smsc.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

const MESSAGES = Number(process.env.MESSAGES ?? 2_000);
const RATE = Number(process.env.RATE ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const BURST = Number(process.env.BURST ?? 500);
const CAMPAIGN = Number(process.env.CAMPAIGN ?? 3_000);
const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";
const OUR = "+48221230000";
const LONG_PL =
  "Dzień dobry, potwierdzamy przyjęcie reklamacji. Kurier odbierze paczkę jutro między 9 a 12, prosimy przygotować ją w oryginalnym opakowaniu. Zwrot pieniędzy nastąpi w ciągu 3 dni roboczych od dostarczenia paczki do magazynu.";

const smsc = await new TestSmsc().start();
const database = await createTestDatabase(kind);
const server = await startTestServer({ ROUTING_TICK_MS: "60000", LOG_LEVEL: "warn" }, database);
try {
  const { app } = server;
  await server.workers.sms.stop();
  const db = app.db.prisma;
  const org = await makeOrg(app);
  const agent = await makeUser(app, org, "AGENT");
  const queue = await makeQueue(app, org, [{ userId: agent.id }], { channels: ["SMS"] });
  const account = await db.smsAccount.create({
    data: {
      organizationId: org.id,
      name: "Bench SMSC",
      host: "127.0.0.1",
      port: smsc.port,
      systemId: "bench",
      secret: app.deps.secrets.seal(SMSC_PASSWORD),
      ratePerSecond: RATE,
      window: 10,
    },
  });
  await db.entryPoint.create({ data: { organizationId: org.id, kind: "SMS", name: "Bench line", key: OUR, queueId: queue.id, smsAccountId: account.id } });
  const links = startSmsLinks(app, { roundMs: 3_600_000 });
  await links.round();
  for (let i = 0; i < 100 && (await db.smsAccount.findUniqueOrThrow({ where: { id: account.id } })).status !== "BOUND"; i++) {
    await new Promise((r) => setTimeout(r, 100));
    await links.round();
  }

  // One case per customer to answer; the replies wait in the outbox with the link's sending paused.
  const customers = 200;
  const viewer = await asViewer(app, agent.id);
  const caseIds: string[] = [];
  for (let c = 0; c < customers; c++) {
    await smsc.deliver({
      source_addr: `4869${String(c).padStart(7, "0")}`,
      destination_addr: OUR.slice(1),
      esm_class: 0,
      data_coding: 0,
      short_message: Buffer.from(encodeGsm(`Pytanie ${c}`)),
    });
  }
  for (const m of await db.smsMessage.findMany({ where: { organizationId: org.id }, select: { message: { select: { caseId: true } } } }))
    caseIds.push(m.message.caseId);
  await db.case.updateMany({ where: { id: { in: caseIds } }, data: { assigneeId: agent.id } });
  await links.stop();
  console.log(`Queueing ${MESSAGES} replies…`);
  const replyIds: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const body = i % 3 === 0 ? LONG_PL : `Odpowiedź ${i}: paczka wyjdzie jutro.`.replace("ź", "z");
    replyIds.push((await replyBySms(viewer, { caseId: caseIds[i % caseIds.length]!, body }, app.deps)).id);
  }
  const parts = (await db.smsMessage.aggregate({ where: { id: { in: replyIds } }, _sum: { parts: true } }))._sum.parts ?? 0;
  const submitted0 = smsc.submitted.length;

  const sender = startSmsLinks(app, { roundMs: 3_600_000 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sender.round();
  for (;;) {
    await sender.send();
    const waiting = await db.smsMessage.count({ where: { id: { in: replyIds }, state: "QUEUED" } });
    if (!waiting) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  for (let i = 0; i < 200; i++) {
    if ((await db.smsMessage.count({ where: { id: { in: replyIds }, state: "DELIVERED" } })) === MESSAGES) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const allSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const delivered = await db.smsMessage.count({ where: { id: { in: replyIds }, state: "DELIVERED" } });
  const partsAtSmsc = smsc.submitted.length - submitted0;

  // MO → case, one at a time.
  const latencies: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const status = await smsc.deliver({
      source_addr: `4868${String(r % 50).padStart(7, "0")}`,
      destination_addr: OUR.slice(1),
      esm_class: 0,
      data_coding: 0,
      short_message: Buffer.from(encodeGsm(`Wiadomosc ${r}`)),
    });
    if (status !== 0) throw new Error(`round ${r}: the SMSC was told ${status}`);
    latencies.push(performance.now() - t);
  }

  // A burst from different customers at once.
  const b0 = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      smsc.deliver({
        source_addr: `4867${String(i).padStart(7, "0")}`,
        destination_addr: OUR.slice(1),
        esm_class: 0,
        data_coding: 0,
        short_message: Buffer.from(encodeGsm(`Burst ${i}`)),
      }),
    ),
  );
  const burstSeconds = (performance.now() - b0) / 1000;
  const burstCases = await db.smsMessage.count({ where: { organizationId: org.id, customerNumber: { startsWith: "+4867" } } });

  // An SMS campaign.
  const admin = await asViewer(app, (await makeUser(app, org, "ADMIN")).id);
  const list = await db.contactList.create({ data: { organizationId: org.id, name: "Bench list", status: "READY", fieldNames: ["kwota"], fileName: "b.csv" } });
  await db.contactListEntry.createMany({
    data: Array.from({ length: CAMPAIGN }, (_, i) => ({
      listId: list.id,
      row: i + 2,
      phone: `+4866${String(i).padStart(7, "0")}`,
      name: `Józef Nowak ${i}`,
      fields: { kwota: `${(i % 500) + 10},50` },
    })),
  });
  const saved = await saveCampaign(
    admin,
    null,
    {
      name: "Bench SMS",
      mode: "SMS",
      listIds: [list.id],
      smsAccountId: account.id,
      smsTemplate: "Dzień dobry {firstName}, przypominamy o płatności {kwota} zł. Odpowiedz na tę wiadomość, jeśli masz pytania.",
      smsPerMinute: 60_000,
    },
    app.deps,
  );
  await startCampaign(admin, saved.campaign.id, app.deps);
  const campaignId = saved.campaign.id;
  const c0 = process.cpuUsage();
  const ct0 = performance.now();
  for (;;) {
    await sender.send();
    const left = await db.campaignContact.count({ where: { campaignId, state: { not: "DONE" } } });
    if (!left) break;
  }
  const campaignSeconds = (performance.now() - ct0) / 1000;
  for (let i = 0; i < 400; i++) {
    if ((await db.campaignSms.count({ where: { campaignId, state: "DELIVERED" } })) === CAMPAIGN) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const campaignAll = (performance.now() - ct0) / 1000;
  const campaignCpu = process.cpuUsage(c0);
  const textsDelivered = await db.campaignSms.count({ where: { campaignId, state: "DELIVERED" } });
  const textParts = (await db.campaignSms.aggregate({ where: { campaignId }, _sum: { parts: true } }))._sum.parts ?? 0;
  await sender.stop();

  const s = summary(latencies);
  console.log(`\n${os.cpus().length} CPUs, ${kind}, Node ${process.version}; SMSC on loopback, contracted rate ${RATE}/s, window 10\n`);
  table([
    {
      measure: "outbox → SMSC",
      value: `${MESSAGES} messages (${parts} parts; SMSC got ${partsAtSmsc}) in ${sendSeconds.toFixed(1)} s: ${(MESSAGES / sendSeconds).toFixed(0)} messages/s, ${(parts / sendSeconds).toFixed(0)} parts/s`,
    },
    { measure: "… with every receipt applied", value: `${delivered}/${MESSAGES} delivered after ${allSeconds.toFixed(1)} s` },
    { measure: "CPU of the server process", value: `${((cpu.user + cpu.system) / 1000 / MESSAGES).toFixed(2)} ms per message (send + receipts)` },
    { measure: "MO → stored in its case (SMSC's round trip)", value: `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (n=${s.n}, one at a time)` },
    {
      measure: `burst of ${BURST} texts at once`,
      value: `${burstCases} cases in ${burstSeconds.toFixed(1)} s (${(burstCases / burstSeconds).toFixed(0)} texts/s; refused ${statuses.filter((x) => x !== 0).length})`,
    },
    {
      measure: `SMS campaign of ${CAMPAIGN} (pace 60,000/min)`,
      value: `all handed over in ${campaignSeconds.toFixed(1)} s: ${(CAMPAIGN / campaignSeconds).toFixed(0)} texts/s, ${(textParts / campaignSeconds).toFixed(0)} parts/s`,
    },
    { measure: "… with every receipt applied", value: `${textsDelivered}/${CAMPAIGN} delivered after ${campaignAll.toFixed(1)} s` },
    {
      measure: "CPU of the server process",
      value: `${((campaignCpu.user + campaignCpu.system) / 1000 / CAMPAIGN).toFixed(2)} ms per campaign text (render, send, receipts)`,
    },
  ]);
} finally {
  await server.close();
  await database.drop();
  await smsc.close();
}
