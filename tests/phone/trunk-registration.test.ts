// A trunk's registration through real Janus against a registrar that refuses, then answers again:
// the trunk must come back by itself, soon (5 s doubling to 5 minutes), and its alarm go.
import { afterAll, beforeAll, expect, it } from "vitest";
import { PASSWORD, makeUser } from "../factories/index.ts";
import { TestSession } from "../support/test-server.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { TestRegistrar } from "../support/phone/registrar.ts";

let line: PhoneLine;
const registrars: TestRegistrar[] = [];
const db = () => line.server.app.db.prisma;

beforeAll(async () => {
  line = await startPhoneLine("+48221230001");
}, 60_000);
afterAll(async () => {
  await line?.close();
  for (const r of registrars) r.close();
});

async function trunkAt(registrar: TestRegistrar, name: string) {
  const port = await registrar.start();
  registrars.push(registrar);
  const trunk = await db().sipTrunk.create({
    data: { organizationId: line.org.id, name, host: `127.0.0.1:${port}`, username: name, secret: line.server.app.deps.secrets.seal("pw"), maxCalls: 2 },
  });
  line.server.app.deps.events.publish("trunk.changed", { organizationId: line.org.id, trunkId: trunk.id });
  return trunk;
}

const status = async (id: string) => (await db().sipTrunk.findUniqueOrThrow({ where: { id } })).status;

it("a registration lost on a refresh (403) is sent again until the registrar takes it, and the alarm clears", async () => {
  const registrar = new TestRegistrar();
  registrar.grantExpires = 4;
  const trunk = await trunkAt(registrar, "refresh");
  await until("registered", async () => (await status(trunk.id)) === "REGISTERED");
  registrar.refuseWith = { code: 403, reason: "Forbidden" };
  await until("the refresh to be refused", async () => (await status(trunk.id)) === "FAILED", 20_000);
  const refused = registrar.registers;
  // Still refused: it keeps asking (not a one-off retry).
  await until("another try", async () => registrar.registers > refused, 15_000);
  registrar.refuseWith = null;
  await until("registered again", async () => (await status(trunk.id)) === "REGISTERED", 30_000);
  const row = await db().sipTrunk.findUniqueOrThrow({ where: { id: trunk.id } });
  expect(row.statusDetail).toBe("");
}, 90_000);

it("a trunk refused from the start registers within seconds of the registrar answering", async () => {
  const registrar = new TestRegistrar();
  registrar.refuseWith = { code: 403, reason: "Forbidden" };
  const trunk = await trunkAt(registrar, "refused");
  await until("refused", async () => (await status(trunk.id)) === "FAILED");
  registrar.refuseWith = null;
  const at = Date.now();
  await until("registered", async () => (await status(trunk.id)) === "REGISTERED", 25_000);
  expect(Date.now() - at).toBeLessThan(15_000);
}, 60_000);

it("a password the provider refuses (401 again after our answer) tells the admin so, not Sofia's 904", async () => {
  const registrar = new TestRegistrar();
  registrar.challenge = true;
  const trunk = await trunkAt(registrar, "wrongpw");
  await until("refused", async () => (await status(trunk.id)) === "FAILED");
  const admin = await makeUser(line.server.app, line.org, "ADMIN");
  const session = new TestSession(line.server.url);
  await session.signIn(admin.username, PASSWORD);
  const res = await session.gql(`{ sipTrunks { id statusDetail statusProblem } telephonyAlarms { id statusProblem } }`);
  const seen = (res.data!.sipTrunks as { id: string; statusDetail: string; statusProblem: string | null }[]).find((t) => t.id === trunk.id)!;
  expect(seen.statusProblem, seen.statusDetail).toBe("AUTH_REFUSED");
  expect((res.data!.telephonyAlarms as { id: string; statusProblem: string }[]).find((t) => t.id === trunk.id)?.statusProblem).toBe("AUTH_REFUSED");
}, 60_000);
