// An SMS number on the test SMSC, bound: the account (its password sealed as the product keeps it),
// the number on a queue, and links the test drives itself (round, send) instead of the worker's timers.
import { startSmsLinks } from "../../lib/sms/sms-links.ts";
import type { AppServices } from "../../lib/services.ts";
import { SMSC_PASSWORD, type TestSmsc } from "./smsc.ts";
import { until } from "./until.ts";

export async function boundSmsLine(app: AppServices, smsc: TestSmsc, o: { organizationId: string; queueId: string; number: string }) {
  const db = app.db.prisma;
  const account = await db.smsAccount.create({
    data: {
      organizationId: o.organizationId,
      name: "Test SMSC",
      host: "127.0.0.1",
      port: smsc.port,
      systemId: "centrala",
      secret: app.deps.secrets.seal(SMSC_PASSWORD),
      ratePerSecond: 200,
    },
  });
  await db.entryPoint.create({
    data: { organizationId: o.organizationId, kind: "SMS", name: "SMS line", key: o.number, queueId: o.queueId, smsAccountId: account.id },
  });
  const links = startSmsLinks(app, { roundMs: 3_600_000 });
  await links.round();
  await until("bound", async () => (await db.smsAccount.findUniqueOrThrow({ where: { id: account.id } })).status === "BOUND" || (await links.round(), false));
  return { accountId: account.id, links };
}
