// A web node without media and a media node of its own (ROLES=web,worker and ROLES=media) on one
// PostgreSQL and Redis: the web node's call-media requests reach the node that owns the call,
// the owner is recorded on the call, media errors cross with their reasons, a room whose call ended
// on the web node is closed, a call whose media node is gone fails clearly and is ended as
// MEDIA_FAILED once its lease lapses.
import { afterAll, beforeAll, expect, it } from "vitest";
import { answerCall, callColleague, hangUp } from "../../domain/voice/calls.ts";
import { endCallsWithoutMedia } from "../../domain/voice/media-owner.ts";
import { PASSWORD, asViewer, makeOrg, makeUser, ready } from "../factories/index.ts";
import { type TestDatabase, createTestDatabase } from "../support/test-database.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let db: TestDatabase;
let web: TestServer;
let media: TestServer | null;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  web = await startTestServer({ REDIS_URL, ROLES: "web,worker", ROUTING_TICK_MS: "60000" }, db);
  media = await startTestServer({ REDIS_URL, ROLES: "media" }, db);
});
afterAll(async () => {
  await web?.close();
  await media?.close();
  await db?.drop();
});

const JOIN = `mutation ($id: ID!) { joinCallMedia(callId: $id) }`;

it("a web node carries a call's media through the media node that owns it; without it the call fails clearly and ends as MEDIA_FAILED", async () => {
  expect(web.app.media).toBeNull();
  // The web node knows voice works from the media node's heartbeat.
  await expect.poll(() => web.app.callMedia.status().enabled).toBe(true);
  const org = await makeOrg(web.app);
  const a = await makeUser(web.app, org, "AGENT");
  const b = await makeUser(web.app, org, "AGENT");
  await ready(web.app, org, a.id, b.id);
  const alice = new TestSession(web.url);
  await alice.signIn(a.username, PASSWORD);
  expect((await alice.ok(`{ voiceStatus { enabled reason } }`)).voiceStatus).toEqual({ enabled: true, reason: null });

  const call = await callColleague(await asViewer(web.app, a.id), b.id, web.app.deps);
  await answerCall(await asViewer(web.app, b.id), call.id, web.app.deps);
  const joined = (await alice.ok<{ joinCallMedia: Record<string, any> }>(JOIN, { id: call.id })).joinCallMedia;
  expect(joined.send.iceCandidates.length).toBeGreaterThan(0);
  expect(joined.routerRtpCapabilities.codecs.length).toBeGreaterThan(0);
  // The call is the media node's, and its room is there.
  const row = await web.app.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } });
  expect(row.mediaNodeId).toMatch(/\S/);
  expect(row.mediaLeaseUntil!.getTime()).toBeGreaterThan(Date.now());
  expect(media!.app.media!.hasRoom(call.id)).toBe(true);
  // The media node's refusal crosses with its reason.
  const bad = await alice.gql(`mutation ($id: ID!) { produceCallAudio(callId: $id, rtpParameters: { codecs: "nonsense" }) }`, { id: call.id });
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "BAD_MEDIA" });
  // The owner renews its lease while it runs.
  const lease = row.mediaLeaseUntil!.getTime();
  await expect
    .poll(async () => (await web.app.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).mediaLeaseUntil!.getTime(), { timeout: 4000 })
    .toBeGreaterThan(lease);

  // A call hung up on the web node: the media node closes its room at its next beat.
  const [c, d] = [await makeUser(web.app, org, "AGENT"), await makeUser(web.app, org, "AGENT")];
  await ready(web.app, org, c.id, d.id);
  const carol = new TestSession(web.url);
  await carol.signIn(c.username, PASSWORD);
  const other = await callColleague(await asViewer(web.app, c.id), d.id, web.app.deps);
  await carol.ok(JOIN, { id: other.id });
  expect(media!.app.media!.hasRoom(other.id)).toBe(true);
  await hangUp(await asViewer(web.app, c.id), other.id, web.app.deps);
  await expect.poll(() => media!.app.media!.hasRoom(other.id), { timeout: 4000 }).toBe(false);

  // The media node stops: the call's media requests fail at once, saying so.
  await media!.close();
  media = null;
  const gone = await alice.gql(JOIN, { id: call.id });
  // The node's own refusal, or — once its heartbeat is gone (a slow stop on a busy machine) — that
  // no media node runs at all: either way the request fails at once, saying why.
  expect(gone.errors?.[0]?.extensions).toMatchObject({ code: "UNAVAILABLE" });
  expect(["NODE_GONE", "VOICE_DISABLED"]).toContain(gone.errors?.[0]?.extensions?.reason);
  await expect
    .poll(async () => (await alice.ok(`{ voiceStatus { enabled reason } }`)).voiceStatus, { timeout: 8000 })
    .toEqual({
      enabled: false,
      reason: "no media node is running",
    });
  // Once its lease lapses, the sweep ends the call as failed (not left "in progress").
  expect(await endCallsWithoutMedia(web.app.deps)).toBe(0);
  const later = { ...web.app.deps, now: () => new Date(Date.now() + 16_000) };
  expect(await endCallsWithoutMedia(later)).toBe(1);
  expect(await web.app.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ state: "ENDED", endReason: "MEDIA_FAILED" });
}, 60_000);
