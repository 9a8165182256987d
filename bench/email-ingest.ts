// npm run bench:email — the e-mail channel's intake, against a real IMAP server (a private
// Dovecot) and PostgreSQL (BENCH_DATABASE=pglite for the embedded database):
//  1. ingestion rate: a mailbox holding MESSAGES mails (default 10,000) read into cases from
//     scratch, messages per second (parse, thread, contact, case, queue item, stored original);
//  2. APPEND → case: a mail appended on the server until the case is in the agents' inbox feed
//     (the "inbox" pub/sub event the browser's subscription gets), through IMAP IDLE, p50/p95.
import os from "node:os";
import { startMailReaders } from "../lib/mail-readers.ts";
import { makeMailbox, makeOrg, makeQueue, makeUser } from "../tests/factories/index.ts";
import { startDovecot } from "../tests/support/dovecot.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

const MESSAGES = Number(process.env.MESSAGES ?? 10_000);
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";

const mail = (n: number, tag: string) =>
  `From: Customer ${n % 500} <customer${n % 500}@bench.example>\r\nTo: support@bench.example\r\nSubject: Question ${tag} ${n}\r\n` +
  `Message-ID: <${tag}-${n}@bench.example>\r\nDate: ${new Date().toUTCString()}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
  `Hello, this is question ${n}. ${"Some words of a normal customer mail. ".repeat(8)}\r\n`;

const dovecot = await startDovecot();
const database = await createTestDatabase(kind);
const server = await startTestServer({ ROUTING_TICK_MS: "60000", MAIL_POLL_SECONDS: "3600", LOG_LEVEL: "warn" }, database);
try {
  const { app } = server;
  await server.workers.mail.stop();
  await dovecot.addUser("bulk", "bench");
  await dovecot.addUser("live", "bench");
  const org = await makeOrg(app);
  const agent = await makeUser(app, org, "AGENT");
  const queue = await makeQueue(app, org, [{ userId: agent.id }]);

  console.log(`Appending ${MESSAGES} messages to the bulk mailbox…`);
  const appendStart = performance.now();
  await dovecot.appendMany(
    "bulk",
    "bench",
    Array.from({ length: MESSAGES }, (_, n) => mail(n, "bulk")),
  );
  console.log(`  appended in ${((performance.now() - appendStart) / 1000).toFixed(1)} s`);

  await makeMailbox(app, org, queue.id, { host: dovecot.host, port: dovecot.port, user: "bulk", password: "bench" });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const readers = startMailReaders(app);
  await readers.round();
  await readers.syncAll();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await readers.stop();
  const ingested = await app.db.prisma.emailMessage.count({ where: { organizationId: org.id } });
  const cases = await app.db.prisma.case.count({ where: { organizationId: org.id } });

  // Live: one mailbox watched with IDLE; each round appends one mail and waits for the inbox event.
  const live = await makeMailbox(app, org, queue.id, { host: dovecot.host, port: dovecot.port, user: "live", password: "bench" });
  const liveReaders = startMailReaders(app);
  await liveReaders.round();
  await liveReaders.syncAll();
  const inbox = app.pubsub.subscribe("inbox", agent.id);
  const latencies: number[] = [];
  const it = inbox[Symbol.asyncIterator]();
  for (let r = 0; r < ROUNDS; r++) {
    const sent = performance.now();
    await dovecot.append("live", "bench", mail(r, "live"));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const next = await Promise.race([it.next(), new Promise<null>((res) => setTimeout(() => res(null), Math.max(0, deadline - Date.now())))]);
      if (next === null) throw new Error(`round ${r}: no inbox event within 15 s`);
      const c = await app.db.prisma.emailMessage.count({ where: { entryPointId: live.id, internetMessageId: `live-${r}@bench.example` } });
      if (c) break;
    }
    latencies.push(performance.now() - sent);
  }
  await it.return?.();
  await liveReaders.stop();

  const s = summary(latencies);
  console.log(`\n${os.cpus().length} CPUs, ${kind}, Node ${process.version}; Dovecot on loopback\n`);
  table([
    {
      measure: "mailbox read from scratch",
      value: `${ingested} messages → ${cases} cases in ${seconds.toFixed(1)} s (${(ingested / seconds).toFixed(0)} messages/s)`,
    },
    { measure: "CPU of the server process", value: `${((cpu.user + cpu.system) / 1000 / ingested).toFixed(2)} ms per message` },
    { measure: "APPEND → case in the agent's inbox feed", value: `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (n=${s.n}, IMAP IDLE)` },
  ]);
} finally {
  await server.close();
  await database.drop();
  await dovecot.stop();
}
