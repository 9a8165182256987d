// An SMS line for a browser test: an account on the loopback SMSC (its password sealed with the e2e
// server's secret, as the product keeps it) and a number of it on a queue that takes SMS. The
// e2e server's worker binds it within a links round.
import { aesSecretBox } from "../../lib/adapters/secret-box.ts";
import { SMSC_PASSWORD, type TestSmsc } from "../support/smsc.ts";
import { E2E_AUTH_SECRET } from "./e2e-secret.ts";
import type { Factory } from "./fixtures.ts";

export async function smsLine(factory: Factory, smsc: TestSmsc, o: { account: string; queue: string; number: string }) {
  const db = factory.db.prisma;
  const organizationId = factory.org.org.id;
  const queue = await db.queue.create({ data: { organizationId, name: o.queue, channels: ["SMS"] } });
  const account = await db.smsAccount.create({
    data: {
      organizationId,
      name: o.account,
      host: "127.0.0.1",
      port: smsc.port,
      systemId: "centrala",
      secret: aesSecretBox(E2E_AUTH_SECRET).seal(SMSC_PASSWORD),
      ratePerSecond: 50,
    },
  });
  await db.entryPoint.create({ data: { organizationId, kind: "SMS", name: "SMS", key: o.number, queueId: queue.id, smsAccountId: account.id } });
  return { queue, account };
}
