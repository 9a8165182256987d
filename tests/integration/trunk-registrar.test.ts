// One registrar per registering trunk across a cluster's media nodes, on the real database: two
// nodes claiming at once have one winner; the holder keeps the trunk while it renews; a lapsed
// lease or a node no longer alive is taken over; a stopping node lets go at once; a trunk whose
// registrar died with no successor stops claiming to be registered; and a telephone call on the
// trunk is for the node that registers it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdRegistrars, registrarOf, releaseRegistrars, trunksWithoutRegistrar } from "../../domain/phone/trunk-registrar.ts";
import { callPhoneNeed } from "../../domain/voice/media-owner.ts";
import { type TestOrg, makeOrg } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
const db = () => server.app.db.prisma;

beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

let n = 0;
const trunk = (register = true) =>
  db().sipTrunk.create({ data: { organizationId: org.id, name: `Trunk ${++n}`, host: "sip.provider.test", username: `acc${n}`, register } });
const at = (ms: number) => new Date(Date.UTC(2026, 11, 5, 9) + ms);

describe("a trunk's registrar", () => {
  it("is one node however many claim at once, and stays it while it renews", async () => {
    const t = await trunk();
    const live = ["node-a", "node-b", "node-c"];
    const claims = await Promise.all(live.map((nodeId) => holdRegistrars(db(), { nodeId, trunkIds: [t.id], liveNodeIds: live, now: at(0) })));
    const winners = live.filter((_, i) => claims[i].has(t.id));
    expect(winners).toHaveLength(1);
    const others = live.filter((id) => id !== winners[0]);
    // Renewals by the holder keep it; the others' claims do nothing while its lease runs.
    expect(await holdRegistrars(db(), { nodeId: winners[0], trunkIds: [t.id], liveNodeIds: live, now: at(10_000) })).toEqual(new Set([t.id]));
    expect(await holdRegistrars(db(), { nodeId: others[0], trunkIds: [t.id], liveNodeIds: live, now: at(20_000) })).toEqual(new Set());
    expect(await registrarOf(db(), t.id, at(20_000))).toBe(winners[0]);
  });

  it("moves when its lease lapses or its node stops beating, and at once when its node stops", async () => {
    const t = await trunk();
    await holdRegistrars(db(), { nodeId: "old", trunkIds: [t.id], liveNodeIds: ["old"], now: at(0) });
    // Lapsed (15 s): another node takes it.
    expect(await holdRegistrars(db(), { nodeId: "new", trunkIds: [t.id], liveNodeIds: ["old", "new"], now: at(16_000) })).toEqual(new Set([t.id]));
    // Its node is no longer among the live ones (killed: its heartbeat key expired): taken before the lease ends.
    expect(await holdRegistrars(db(), { nodeId: "third", trunkIds: [t.id], liveNodeIds: ["third"], now: at(17_000) })).toEqual(new Set([t.id]));
    // The one that lost it finds out at its next renewal.
    expect(await holdRegistrars(db(), { nodeId: "new", trunkIds: [t.id], liveNodeIds: ["new", "third"], now: at(18_000) })).toEqual(new Set());
    // A stopping node lets go: the next claim wins whatever the lease said.
    await releaseRegistrars(db(), "third");
    expect(await registrarOf(db(), t.id, at(18_000))).toBeNull();
    expect(await holdRegistrars(db(), { nodeId: "new", trunkIds: [t.id], liveNodeIds: ["new", "third"], now: at(18_500) })).toEqual(new Set([t.id]));
  });

  it("is given up for trunks a node no longer keeps (removed, switched off, or Janus lost)", async () => {
    const [a, b] = [await trunk(), await trunk()];
    expect(await holdRegistrars(db(), { nodeId: "n1", trunkIds: [a.id, b.id], liveNodeIds: ["n1"], now: at(0) })).toEqual(new Set([a.id, b.id]));
    expect(await holdRegistrars(db(), { nodeId: "n1", trunkIds: [b.id], liveNodeIds: ["n1"], now: at(1000) })).toEqual(new Set([b.id]));
    expect(await registrarOf(db(), a.id, at(1000))).toBeNull();
    expect(await holdRegistrars(db(), { nodeId: "n1", trunkIds: [], liveNodeIds: ["n1"], now: at(2000) })).toEqual(new Set());
    expect(await registrarOf(db(), b.id, at(2000))).toBeNull();
  });

  it("that died with no successor leaves the trunk FAILED, not REGISTERED", async () => {
    const t = await trunk();
    await db().sipTrunk.update({ where: { id: t.id }, data: { status: "REGISTERED" } });
    await holdRegistrars(db(), { nodeId: "gone", trunkIds: [t.id], liveNodeIds: ["gone"], now: new Date(Date.now() - 60_000) });
    expect(await trunksWithoutRegistrar(server.app.deps)).toBeGreaterThanOrEqual(1);
    const after = await db().sipTrunk.findUniqueOrThrow({ where: { id: t.id } });
    expect(after.status).toBe("FAILED");
    expect(after.statusDetail).toMatch(/No media node keeps the registration/);
    // A trunk its registrar still renews is left alone.
    const kept = await trunk();
    await db().sipTrunk.update({ where: { id: kept.id }, data: { status: "REGISTERED" } });
    await holdRegistrars(db(), { nodeId: "alive", trunkIds: [kept.id], liveNodeIds: ["alive"], now: new Date() });
    await trunksWithoutRegistrar(server.app.deps);
    expect((await db().sipTrunk.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("REGISTERED");
  });

  it("carries the trunk's telephone calls: a call out on it needs that node", async () => {
    const [registering, byIp] = [await trunk(), await trunk(false)];
    await holdRegistrars(db(), { nodeId: "reg-node", trunkIds: [registering.id], liveNodeIds: ["reg-node"], now: new Date() });
    const call = (trunkId: string) =>
      db().call.create({ data: { organizationId: org.id, trunkId, remoteNumber: "+48601000000", parties: { create: [{ role: "CALLEE", phone: "+48601000000", trunkId }] } } });
    expect(await callPhoneNeed(db(), (await call(registering.id)).id, new Date())).toEqual({ trunkId: registering.id, registrar: "reg-node" });
    expect(await callPhoneNeed(db(), (await call(byIp.id)).id, new Date())).toEqual({ trunkId: byIp.id, registrar: null });
    const web = await db().call.create({ data: { organizationId: org.id } });
    expect(await callPhoneNeed(db(), web.id, new Date())).toBeNull();
  });
});
