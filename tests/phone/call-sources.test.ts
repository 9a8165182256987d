// Calls are taken only from the trunk's addresses: the registrar's (resolved from its host) and
// what the admin lists. A stranger — here SIPp sending from 127.0.0.3, whatever its Via claims —
// is refused with 403 and leaves nothing behind.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";

const DID = "+48221230002";
let line: PhoneLine;
const db = () => line.server.app.db.prisma;

beforeAll(async () => {
  line = await startPhoneLine(DID);
}, 60_000);
afterAll(() => line?.close());

/** A caller of an unknown number: 404 means the call passed the source check and reached the domain. */
const call = (caller: string, code: string, from = "127.0.0.1", scenario = "caller-refused.xml") =>
  sipp(scenario, { target: line.target(), keys: { caller }, fill: { code }, args: ["-i", from, "-s", "+48220009999"] }).done;

it("answers the trunk's own address, refuses strangers with 403 (a forged Via too), and takes the admin's allowlist", async () => {
  expect(await call("+48601000101", "404")).toBe(0);
  expect(await call("+48601000102", "403", "127.0.0.3")).toBe(0);
  expect(await call("+48601000103", "403", "127.0.0.3", "caller-forged-via.xml")).toBe(0);
  // A stranger calling our number: refused before anything is created.
  const cases = await db().case.count({ where: { organizationId: line.org.id } });
  const stranger = sipp("caller-refused.xml", { target: line.target(), keys: { caller: "+48601000104" }, fill: { code: "403" }, args: ["-i", "127.0.0.3", "-s", DID] });
  expect(await stranger.done).toBe(0);
  expect(await db().call.count({ where: { remoteNumber: "+48601000104" } })).toBe(0);
  expect(await db().case.count({ where: { organizationId: line.org.id } })).toBe(cases);

  await db().sipTrunk.update({ where: { id: line.trunk.id }, data: { allowedSources: ["127.0.0.0/30"] } });
  line.server.app.deps.events.publish("trunk.changed", { organizationId: line.org.id, trunkId: line.trunk.id });
  await until("the trunk to register again", async () => (await db().sipTrunk.findUnique({ where: { id: line.trunk.id } }))?.status === "REGISTERED" && line.registrar.contacts.get("centrala"));
  await new Promise((r) => setTimeout(r, 500));
  expect(await call("+48601000105", "404", "127.0.0.3")).toBe(0);
}, 90_000);
