// npm run reports:rebuild -- [from YYYY-MM-DD] [to YYYY-MM-DD] [organisation slug]
// Counts the queue report, the Chat and e-mail report and the Outbound calls report again from the interactions' events for a
// period (default: the last 93 days) of every organisation, or one, and the cases report's status
// spans from the cases' history (all of it: a case's spans are written whole): after changing a
// queue's service-level target, after restoring a backup, or when in doubt. Uses DATABASE_URL or
// the embedded database in DATA_DIR, as the server does; safe while the server runs (each interval
// is summed again from its facts).
import { rebuildCaseStatusSpans } from "../domain/cases/status-spans.ts";
import { rebuildConversationIntervals } from "../domain/reports/conversation-intervals.ts";
import { rebuildOutboundIntervals } from "../domain/reports/outbound-intervals.ts";
import { rebuildQueueIntervals } from "../domain/reports/queue-intervals.ts";
import { loadConfig } from "../lib/config.ts";
import { openDatabase } from "../lib/db/database.ts";

const [fromArg, toArg, slug] = process.argv.slice(2);
const day = (s: string | undefined, fallback: Date) => (s ? new Date(`${s}T00:00:00Z`) : fallback);
const to = day(toArg, new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000));
// A day either side of UTC midnight, so every organisation's local days are whole.
const from = new Date(day(fromArg, new Date(to.getTime() - 93 * 86_400_000)).getTime() - 86_400_000);
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const orgs = await db.prisma.organization.findMany({ where: slug ? { slug } : {}, select: { id: true, slug: true } });
  for (const org of orgs) {
    const started = Date.now();
    const period = { from, to: new Date(to.getTime() + 86_400_000) };
    const r = await rebuildQueueIntervals(org.id, period, { db: db.prisma });
    const c = await rebuildConversationIntervals(org.id, period, { db: db.prisma });
    const o = await rebuildOutboundIntervals(org.id, period, { db: db.prisma });
    const cases = await rebuildCaseStatusSpans(org.id, { db: db.prisma });
    const s = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${org.slug}: ${r.interactions} interactions, ${r.facts} queue facts, ${c.facts} chat and e-mail facts, ${o.facts} calls out, ${cases} cases, ${s} s`);
  }
} finally {
  await db.prisma.$disconnect();
}
