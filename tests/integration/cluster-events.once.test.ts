// Domain events between a web node (ROLES=web) and a media node (ROLES=media,worker) on one
// PostgreSQL and Redis: each listener hears an event once, where its role is; a call dialled on the
// web node is placed by the media node; a durable event committed while no media node runs is
// delivered when one starts.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DomainEvents } from "../../domain/events.ts";
import { dialOut } from "../../domain/phone/dial-out.ts";
import { claimDialling } from "../../domain/phone/dial-claim.ts";
import { saveSipTrunk } from "../../domain/phone/trunks.ts";
import { type TestOrg, asViewer, makeOrg, makeUser } from "../factories/index.ts";
import { type TestDatabase, createTestDatabase } from "../support/test-database.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let db: TestDatabase;
let web: TestServer;
let media: TestServer;
let org: TestOrg;
const startMedia = () => startTestServer({ REDIS_URL, ROLES: "media,worker" }, db);

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  web = await startTestServer({ REDIS_URL, ROLES: "web" }, db);
  media = await startMedia();
  org = await makeOrg(web.app);
});
afterAll(async () => {
  await web?.close();
  await media?.close();
  await db?.drop();
});

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};
const settle = () => new Promise((r) => setTimeout(r, 400));

it("an event raised on one node reaches each listener once, on the node its role says", async () => {
  const heard: Record<string, DomainEvents["chat.read"][]> = { webAny: [], webWeb: [], mediaAny: [], mediaMedia: [] };
  const note = (k: string) => ({ "chat.read": (p: DomainEvents["chat.read"]) => void heard[k].push(p) });
  web.app.events.subscribe(note("webAny"));
  web.app.events.subscribe(note("webWeb"), "web");
  media.app.events.subscribe(note("mediaAny"));
  media.app.events.subscribe(note("mediaMedia"), "media");
  const at = new Date("2026-12-04T10:00:00.123Z");
  const read = { organizationId: org.id, caseId: crypto.randomUUID(), interactionId: crypto.randomUUID(), by: "AGENT" as const, at };

  web.app.deps.events.publish("chat.read", read);
  await until(() => heard.mediaMedia.length === 1);
  await settle();
  expect([heard.webAny.length, heard.webWeb.length, heard.mediaAny.length, heard.mediaMedia.length]).toEqual([1, 1, 0, 1]);
  expect(heard.mediaMedia[0].at).toEqual(at); // a Date again on the other side

  for (const k of Object.keys(heard)) heard[k].length = 0;
  media.app.deps.events.publish("chat.read", read);
  await until(() => heard.webWeb.length === 1);
  await settle();
  expect([heard.webAny.length, heard.webWeb.length, heard.mediaAny.length, heard.mediaMedia.length]).toEqual([0, 1, 1, 1]);
});

it("a call dialled on the web node is placed by the media node, once", async () => {
  await web.app.db.prisma.sipTrunk.create({ data: { organizationId: org.id, name: "Out", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"] } });
  const agent = await makeUser(web.app, org, "AGENT");
  const call = await dialOut(await asViewer(web.app, agent.id), { number: "+48227650001" }, web.app.deps);
  // The web node has no phone: only the media node's can have tried (its gateway is off in tests,
  // so the attempt ends the call with 503, saying why).
  const prisma = web.app.db.prisma;
  await until(async () => (await prisma.call.findUniqueOrThrow({ where: { id: call.id } })).state === "ENDED");
  expect(await prisma.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ sipCode: 503, sipReason: expect.stringContaining("Calls out are off") });
  const callee = await prisma.callParty.findFirstOrThrow({ where: { callId: call.id, role: "CALLEE" } });
  expect(callee.dialledAt).toBeInstanceOf(Date);
  const row = () => prisma.eventOutbox.findFirstOrThrow({ where: { name: "call.dialing", payload: { path: ["callId"], equals: call.id } } });
  await until(async () => !!(await row()).deliveredAt);
  expect(await row()).toMatchObject({
    role: "media",
    attempts: 1,
    deliveredAt: expect.any(Date),
  });
  // Heard again (a re-delivery, a second media node): the telephone was claimed already.
  expect(await claimDialling(callee.id, web.app.deps)).toBe(false);
});

it("a durable event committed while no media node runs is delivered by the next one to start", async () => {
  await media.close();
  const admin = await makeUser(web.app, org, "ADMIN");
  const trunk = await saveSipTrunk(
    await asViewer(web.app, admin.id),
    null,
    { name: "Later", host: "sip.later.test", username: "u", secret: "s", register: false, callerIds: [], codecs: ["PCMA"], maxCalls: 2, callsPerMinute: 5, active: true },
    web.app.deps,
  );
  const prisma = web.app.db.prisma;
  const row = () => prisma.eventOutbox.findFirstOrThrow({ where: { name: "trunk.changed", payload: { path: ["trunkId"], equals: trunk.id } } });
  await settle();
  expect(await row()).toMatchObject({ role: "media", deliveredAt: null, attempts: 0 });
  media = await startMedia();
  await until(async () => !!(await row()).deliveredAt);
  expect((await row()).attempts).toBe(1);
});
