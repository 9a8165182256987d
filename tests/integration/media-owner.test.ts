// Which media node owns a call, on PostgreSQL and PGlite: one winner when nodes claim at once,
// no claim on an ended call, leases renewed only by their owner, and the sweep that ends calls
// whose media node stopped renewing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { answerCall, callColleague, hangUp } from "../../domain/voice/calls.ts";
import { endPhoneCallsOfEarlierRun } from "../../domain/phone/phone-call-events.ts";
import { callMediaOwner, claimCallMedia, endCallsWithoutMedia, renewMediaLeases } from "../../domain/voice/media-owner.ts";
import { type TestOrg, asViewer, makeOrg, makeUser, ready } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const db = () => server.app.db.prisma;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000);
async function liveCall() {
  const a = await makeUser(server.app, org, "AGENT");
  const b = await makeUser(server.app, org, "AGENT");
  await ready(server.app, org, a.id, b.id);
  const va = await asViewer(server.app, a.id);
  const call = await callColleague(va, b.id, server.app.deps);
  await answerCall(await asViewer(server.app, b.id), call.id, server.app.deps);
  return { call, va };
}

it("nodes claiming a call at once agree on one owner; an ended call is nobody's", async () => {
  const { call, va } = await liveCall();
  expect(await callMediaOwner(db(), call.id)).toEqual({ owner: null, live: true });
  const owners = await Promise.all(["m1", "m2", "m3"].map((n) => claimCallMedia(db(), call.id, n, inSeconds(15))));
  expect(new Set(owners).size).toBe(1);
  expect(await claimCallMedia(db(), call.id, "m4", inSeconds(15))).toBe(owners[0]);

  const { call: other, va: vo } = await liveCall();
  await hangUp(vo, other.id, server.app.deps);
  expect(await claimCallMedia(db(), other.id, "m1", inSeconds(15))).toBeNull();
  expect((await db().call.findUniqueOrThrow({ where: { id: other.id } })).mediaNodeId).toBeNull();
  await hangUp(va, call.id, server.app.deps);
});

it("an owner renews its live calls' leases; the sweep ends a live call whose lease lapsed as MEDIA_FAILED", async () => {
  const { call } = await liveCall();
  const { call: elsewhere } = await liveCall();
  await claimCallMedia(db(), call.id, "gone-node", inSeconds(15));
  await claimCallMedia(db(), elsewhere.id, "running-node", inSeconds(15));
  expect(await renewMediaLeases(db(), "running-node", inSeconds(60))).toBeGreaterThanOrEqual(1);

  const recording = await db().recording.create({ data: { organizationId: call.organizationId, callId: call.id, startedAt: inSeconds(0) } });

  const later = { ...server.app.deps, now: () => inSeconds(30) };
  expect(await endCallsWithoutMedia(later)).toBe(1);
  expect(await db().call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ state: "ENDED", endReason: "MEDIA_FAILED" });
  // Its recording's parts died with the node: it fails, saying why, and is not left RECORDING (in
  // the sweep's words, or a live media node's listener's hearing the call end, whichever is first).
  // (The listener runs after the call's end is published, so the check waits for it.)
  await expect
    .poll(async () => {
      const r = await db().recording.findUniqueOrThrow({ where: { id: recording.id } });
      return [r.state, (r.error ?? "").length > 0];
    })
    .toEqual(["FAILED", true]);
  expect((await db().call.findUniqueOrThrow({ where: { id: elsewhere.id } })).state).toBe("ACTIVE");
  // Nothing left to end: the sweep is idempotent.
  expect(await endCallsWithoutMedia(later)).toBe(0);
});

it("a media node starting ends the phone calls an earlier run left, not those another live media node carries", async () => {
  const onPhone = async () => {
    const { call } = await liveCall();
    await db().callParty.updateMany({ where: { callId: call.id, role: "CALLER" }, data: { phone: "+48601230099" } });
    return call;
  };
  const orphan = await onPhone();
  const carried = await onPhone();
  await claimCallMedia(db(), carried.id, "other-media-node", inSeconds(15));
  expect(await endPhoneCallsOfEarlierRun(server.app.deps)).toBe(1);
  expect(await db().call.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ state: "ENDED", endReason: "SERVER_RESTARTED" });
  expect((await db().call.findUniqueOrThrow({ where: { id: carried.id } })).state).toBe("ACTIVE");
});
