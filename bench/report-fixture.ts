// What the report benches (bench/reports.ts, bench/outbound-report.ts) share: their knobs
// (--scale, DAYS, AGENTS, RUNS), a server on a PostgreSQL database of their own (dropped by
// `close`), an organisation in Europe/Warsaw with an admin to read as and AGENTS agents, the
// default process, a period ending three days ago (the worker's catch-up looks at the last two days
// only), and the timing and the table they print.
import { Writable } from "node:stream";
import { asViewer, makeOrg, makeUser } from "../tests/factories/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

export const DAY = 86_400_000;

export interface ReportBenchOptions {
  /** Days of traffic unless DAYS says otherwise. */
  days: number;
  /** Calls a day at scale 1 unless CALLS_PER_DAY says otherwise. */
  callsPerDay: number;
  /** What scale 1 means, for the error message. */
  scaleOne: string;
}

export async function reportBench(o: ReportBenchOptions) {
  const days = Number(process.env.DAYS ?? o.days);
  const scaleAt = process.argv.indexOf("--scale");
  const scale = Number(scaleAt > 0 ? process.argv[scaleAt + 1] : (process.env.SCALE ?? 1));
  if (!(scale > 0)) throw new Error(`--scale takes a positive number (1 = ${o.scaleOne})`);
  const perDay = Math.round(Number(process.env.CALLS_PER_DAY ?? o.callsPerDay) * scale);
  const agents = Number(process.env.AGENTS ?? 200);
  const runs = Number(process.env.RUNS ?? 30);

  const database = await createTestDatabase("postgres");
  const server = await startTestServer({ ROUTING_TICK_MS: "60000", LOG_LEVEL: "warn" }, database).catch(async (err) => {
    await database.drop();
    throw err;
  });
  const close = async () => {
    await server.close();
    await database.drop();
  };
  try {
    const db = server.app.db.prisma;
    const org = await makeOrg(server.app);
    await db.organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    const admin = await makeUser(server.app, org, "ADMIN");
    const viewer = await asViewer(server.app, admin.id);
    await db.user.createMany({
      data: Array.from({ length: agents }, (_, i) => ({
        organizationId: org.id,
        roleId: org.roles.AGENT,
        name: `Agent ${i}`,
        username: `bench-agent-${i}`,
        email: `a${i}@bench.test`,
      })),
    });
    const agentIds = (
      await db.user.findMany({
        where: { organizationId: org.id, username: { startsWith: "bench-agent-" } },
        select: { id: true },
        orderBy: { username: "asc" },
      })
    ).map((u) => u.id);
    const defaultProcess = await db.process.findFirstOrThrow({ where: { organizationId: org.id, isDefault: true }, include: { statuses: true } });
    const end = new Date(Math.floor(Date.now() / DAY) * DAY - 3 * DAY);
    return {
      db,
      deps: server.app.deps,
      org,
      viewer,
      agentIds,
      process: { id: defaultProcess.id, statusId: defaultProcess.statuses[0].id },
      days,
      perDay,
      runs,
      total: days * perDay,
      period: { start: new Date(end.getTime() - days * DAY), end },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export type ReportBench = Awaited<ReturnType<typeof reportBench>>;

export async function timed<T>(work: () => Promise<T>) {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

/** `runs` timings of `work` (given the run's number), and the last run's value. */
export async function repeat<T>(runs: number, work: (i: number) => Promise<T>) {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const r = await timed(() => work(i));
    times.push(r.ms);
    last = r.value;
  }
  return { times, last: last as T };
}

type Range = { from: Date; to: Date };

/**
 * The measures both benches print, `runs` times each: counting one ended call (`countOne`, given
 * the id of an interaction from the middle of the data), a month by day, one agent's day by 15
 * minutes, the calls behind a day's figure, and the month's XLSX (query included).
 */
export async function measureReport<R>(
  bench: ReportBench,
  m: {
    countOne: (interactionId: string) => Promise<unknown>;
    report: (input: Range & { interval: "DAY" | "QUARTER_HOUR"; agentId?: string }) => Promise<R>;
    list: (day: Range) => Promise<unknown>;
    xlsx: (month: Range, sink: Writable) => Promise<void>;
  },
) {
  const { runs, period, agentIds, db } = bench;
  // Its fact rows dropped first by `countOne`, so each run does the whole work.
  const sample = await db.interaction.findMany({
    where: { organizationId: bench.org.id },
    select: { id: true },
    take: runs,
    skip: Math.floor(bench.total / 2),
  });
  const countOne = await repeat(sample.length, (i) => m.countOne(sample[i].id));
  const month = { from: new Date(period.end.getTime() - 30 * DAY), to: period.end };
  const monthByDay = await repeat(runs, () => m.report({ ...month, interval: "DAY" }));
  const oneDay = { from: new Date(period.end.getTime() - 2 * DAY), to: new Date(period.end.getTime() - DAY) };
  const agentDay = await repeat(runs, (i) => m.report({ ...oneDay, interval: "QUARTER_HOUR", agentId: agentIds[i % agentIds.length] }));
  const list = await repeat(runs, () => m.list(oneDay));
  const xlsx = await repeat(runs, async () => {
    let n = 0;
    await m.xlsx(month, new Writable({ write: (chunk: Buffer, _enc, done) => ((n += chunk.length), done()) }));
    return n;
  });
  return { countOne, monthByDay, agentDay, list, xlsx };
}

/** The table of timings: one row a measure, p50 / p95 / max. */
export function timingTable(rows: { measure: string; times: number[]; note: string }[]) {
  table(
    rows.map(({ measure, times, note }) => {
      const s = summary(times);
      return { measure, runs: s.n, p50: ms(s.p50), p95: ms(s.p95), max: ms(s.max), note };
    }),
  );
}
