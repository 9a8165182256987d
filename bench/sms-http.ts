// npm run bench:sms-http — SMS through a generic HTTP provider (tests/support/http-sms-gateway.ts on
// loopback: it answers at once and posts two signed reports per message, "sent" and "delivered",
// to the server's webhook) and PostgreSQL (BENCH_DATABASE=pglite for the embedded database):
//  1. send rate: MESSAGES replies (default 1,000; a third of them Polish three-part texts) waiting
//     in the outbox, sent by the account's holder at its contracted RATE (default 200/s): messages
//     a second, every report applied through the webhook, CPU per message (the provider runs in the
//     same process, so its share is in the figure);
//  2. MO → case: a customer's text posted to the webhook until it is answered 204 (stored in its
//     case and queued by then), one at a time, p50/p95;
//  3. a burst of BURST texts (default 500) from different customers at once: until all are cases;
//  4. forged calls (a wrong key) one after another: how fast they are refused, and that the
//     address is then answered 429 without database work.
import os from "node:os";
import { replyBySms } from "../domain/sms/reply-by-sms.ts";
import { SMS_WEBHOOK_PATH } from "../domain/sms/sms-webhook.ts";
import { startSmsLinks } from "../lib/sms/sms-links.ts";
import { asViewer, makeOrg, makeQueue, makeUser } from "../tests/factories/index.ts";
import { GATEWAY_TOKEN, GATEWAY_WEBHOOK_KEY, HttpSmsGateway } from "../tests/support/http-sms-gateway.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

const MESSAGES = Number(process.env.MESSAGES ?? 1_000);
const RATE = Number(process.env.RATE ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const BURST = Number(process.env.BURST ?? 500);
const FORGED = Number(process.env.FORGED ?? 500);
const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";
const OUR = "+48221230000";
const LONG_PL =
  "Dzień dobry, potwierdzamy przyjęcie reklamacji. Kurier odbierze paczkę jutro między 9 a 12, prosimy przygotować ją w oryginalnym opakowaniu. Zwrot pieniędzy nastąpi w ciągu 3 dni roboczych od dostarczenia paczki do magazynu.";

const gateway = await new HttpSmsGateway().start();
const database = await createTestDatabase(kind);
const server = await startTestServer({ ROUTING_TICK_MS: "60000", LOG_LEVEL: "error" }, database);
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
      name: "Bench HTTP",
      kind: "HTTP",
      url: gateway.url,
      secret: app.deps.secrets.seal(GATEWAY_TOKEN),
      webhookSecret: app.deps.secrets.seal(GATEWAY_WEBHOOK_KEY),
      ratePerSecond: RATE,
      window: 10,
    },
  });
  gateway.webhookUrl = `${server.url}${SMS_WEBHOOK_PATH}${account.id}`;
  await db.entryPoint.create({ data: { organizationId: org.id, kind: "SMS", name: "Bench line", key: OUR, queueId: queue.id, smsAccountId: account.id } });

  // One case per customer to answer.
  const customers = 200;
  const viewer = await asViewer(app, agent.id);
  for (let c = 0; c < customers; c++) {
    const status = await gateway.deliver({ id: `seed-${c}`, from: `+4869${String(c).padStart(7, "0")}`, to: OUR, text: `Pytanie ${c}` });
    if (status !== 204) throw new Error(`seed text ${c}: ${status}`);
  }
  const caseIds = (await db.smsMessage.findMany({ where: { organizationId: org.id }, select: { message: { select: { caseId: true } } } })).map(
    (m) => m.message.caseId,
  );
  await db.case.updateMany({ where: { id: { in: caseIds } }, data: { assigneeId: agent.id } });
  console.log(`Queueing ${MESSAGES} replies…`);
  const replyIds: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const body = i % 3 === 0 ? LONG_PL : `Odpowiedz ${i}: paczka wyjdzie jutro.`;
    replyIds.push((await replyBySms(viewer, { caseId: caseIds[i % caseIds.length]!, body }, app.deps)).id);
  }

  const sender = startSmsLinks(app, { roundMs: 3_600_000 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sender.round();
  for (;;) {
    await sender.send();
    if (!(await db.smsMessage.count({ where: { id: { in: replyIds }, state: "QUEUED" } }))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  for (let i = 0; i < 600; i++) {
    if ((await db.smsMessage.count({ where: { id: { in: replyIds }, state: "DELIVERED" } })) === MESSAGES) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const allSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const delivered = await db.smsMessage.count({ where: { id: { in: replyIds }, state: "DELIVERED" } });
  const atProvider = gateway.messages.length;
  const notTaken = gateway.webhookAnswers.filter((s) => s !== 204).length;
  await sender.stop();

  // MO → case, one at a time.
  const latencies: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const status = await gateway.deliver({ id: `mo-${r}`, from: `+4868${String(r % 50).padStart(7, "0")}`, to: OUR, text: `Wiadomosc ${r}` });
    if (status !== 204) throw new Error(`round ${r}: answered ${status}`);
    latencies.push(performance.now() - t);
  }

  // A burst from different customers at once.
  const b0 = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: BURST }, (_, i) => gateway.deliver({ id: `burst-${i}`, from: `+4867${String(i).padStart(7, "0")}`, to: OUR, text: `Burst ${i}` })),
  );
  const burstSeconds = (performance.now() - b0) / 1000;
  const burstCases = await db.smsMessage.count({ where: { organizationId: org.id, customerNumber: { startsWith: "+4867" } } });

  // Forged calls.
  const f0 = performance.now();
  const forged: number[] = [];
  for (let i = 0; i < FORGED; i++) forged.push(await gateway.deliver({ id: `f-${i}`, from: "+48600000001", to: OUR, text: "x" }, { key: "guess" }));
  const forgedSeconds = (performance.now() - f0) / 1000;

  const s = summary(latencies);
  console.log(`\n${os.cpus().length} CPUs, ${kind}, Node ${process.version}; HTTP provider on loopback, contracted rate ${RATE}/s, window 10\n`);
  table([
    {
      measure: "outbox → provider",
      value: `${MESSAGES} messages (provider took ${atProvider}) in ${sendSeconds.toFixed(1)} s: ${(MESSAGES / sendSeconds).toFixed(0)} messages/s`,
    },
    {
      measure: "… with both reports applied (webhooks)",
      value: `${delivered}/${MESSAGES} delivered after ${allSeconds.toFixed(1)} s; reports not taken at first: ${notTaken}`,
    },
    {
      measure: "CPU of the process (server and provider)",
      value: `${((cpu.user + cpu.system) / 1000 / MESSAGES).toFixed(2)} ms per message (send + 2 webhooks)`,
    },
    { measure: "MO webhook → stored in its case (204)", value: `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (n=${s.n}, one at a time)` },
    {
      measure: `burst of ${BURST} texts at once`,
      value: `${burstCases} cases in ${burstSeconds.toFixed(1)} s (${(burstCases / burstSeconds).toFixed(0)} texts/s; not 204: ${statuses.filter((x) => x !== 204).length})`,
    },
    {
      measure: `${FORGED} forged calls, one at a time`,
      value: `${(FORGED / forgedSeconds).toFixed(0)} refused/s; 401: ${forged.filter((x) => x === 401).length}, 429: ${forged.filter((x) => x === 429).length}, stored: 0`,
    },
  ]);
  if ((await db.smsMessage.count({ where: { providerId: { startsWith: "f-" } } })) !== 0) throw new Error("a forged text was stored");
} finally {
  await server.close();
  await database.drop();
  await gateway.close();
}
