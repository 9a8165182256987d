// Which calls are recorded and how long recordings are kept, against the real database: the
// queue's policy (listed numbers, inbound, outbound), the retention sweep (files deleted, rows kept
// as DELETED, a queue's own period before the organisation's), the low-disk alarm and the refusal
// to start recordings on a nearly full disk, the settings' validation, and the Recordings page's
// search. The calls are made as rows: deciding needs no media engine.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { PARTS_GRACE_MS, expireRecordings } from "../../domain/voice/recording-retention.ts";
import { recordOnDemand, recordingByPolicy } from "../../domain/voice/recordings.ts";
import { folderRecordingFiles } from "../../lib/adapters/recording-files.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeUser, makeWidget } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000", RECORDINGS_MIN_FREE_MB: "1024", RECORDINGS_MIN_FREE_PERCENT: "0" });
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const db = () => server.app.db.prisma;
const DAY = 86_400_000;
const MB = 1024 * 1024;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);

/** A live call of `queueId` between a web visitor with `phone` and an agent, as routing leaves it. */
async function liveCall(o: { org?: TestOrg; queueId: string | null; phone?: string; direction?: "INBOUND" | "OUTBOUND"; agentId?: string }) {
  const inOrg = o.org ?? org;
  const agentId = o.agentId ?? (await makeUser(server.app, inOrg, "AGENT")).id;
  const queueId = o.queueId ?? (await makeQueue(server.app, inOrg, [])).id;
  const widget = await makeWidget(server.app, inOrg, queueId, { calls: true });
  const visitor = await db().visitor.create({
    data: { organizationId: inOrg.id, entryPointId: widget.id, name: "Cora Customer", email: "cora@example.com", phone: o.phone ?? "" },
  });
  const kase = await createCase(db(), { organizationId: inOrg.id, channel: "VOICE", subject: "Call", contactId: null, queueId: o.queueId, now: new Date() });
  const interaction = await db().interaction.create({
    data: {
      organizationId: inOrg.id,
      caseId: kase.id,
      channel: "VOICE",
      direction: o.direction ?? "INBOUND",
      state: "ACTIVE",
      queueId: o.queueId,
      agentId,
      visitorId: visitor.id,
    },
  });
  return db().call.create({
    data: {
      organizationId: inOrg.id,
      interactionId: interaction.id,
      state: "ACTIVE",
      answeredAt: new Date(),
      parties: {
        create: [
          { role: "CALLER", visitorId: visitor.id, joinedAt: new Date() },
          { role: "CALLEE", userId: agentId, joinedAt: new Date() },
        ],
      },
    },
  });
}

async function signedIn(role: "ADMIN" | "AGENT" | "SUPERVISOR" | "MANAGER", inOrg = org) {
  const u = await makeUser(server.app, inOrg, role);
  const s = new TestSession(server.url);
  await s.signIn(u.username, PASSWORD);
  return s;
}

/** A 100 GB disk with `freeMb` free, as statfs reports it. */
const fakeDisk = (freeMb: number) => async () => ({ bsize: 4096, blocks: (100 * 1024 * MB) / 4096, bavail: (freeMb * MB) / 4096 });

describe("the queue's recording policy", () => {
  it("LISTED records a customer whose number is on the list, however it was typed; others are not recorded", async () => {
    const queue = await makeQueue(server.app, org, []);
    await db().queue.update({ where: { id: queue.id }, data: { recordingPolicy: "LISTED", recordNumbers: ["+48123456789"] } });
    const listed = await liveCall({ queueId: queue.id, phone: "0048 123-456-789" });
    const target = await recordingByPolicy(listed.id, server.app.deps);
    expect(target).not.toBeNull();
    const rec = await db().recording.findUniqueOrThrow({ where: { callId: listed.id } });
    expect(rec).toMatchObject({ state: "RECORDING", queueId: queue.id });
    expect(rec.customer).toContain("+48123456789");

    const other = await liveCall({ queueId: queue.id, phone: "+48 999 000 111" });
    const unknown = await liveCall({ queueId: queue.id, phone: "" });
    expect(await recordingByPolicy(other.id, server.app.deps)).toBeNull();
    expect(await recordingByPolicy(unknown.id, server.app.deps)).toBeNull();
    expect(await db().recording.count({ where: { callId: { in: [other.id, unknown.id] } } })).toBe(0);
  });

  it("INBOUND records calls from customers only; OUTBOUND calls we make only; ALL both", async () => {
    const decide = async (policy: "INBOUND" | "OUTBOUND" | "ALL", direction: "INBOUND" | "OUTBOUND") => {
      const q = await makeQueue(server.app, org, [], {});
      await db().queue.update({ where: { id: q.id }, data: { recordingPolicy: policy } });
      const call = await liveCall({ queueId: q.id, direction, phone: "+48123456789" });
      return (await recordingByPolicy(call.id, server.app.deps)) !== null;
    };
    expect(await decide("INBOUND", "INBOUND")).toBe(true);
    expect(await decide("INBOUND", "OUTBOUND")).toBe(false);
    expect(await decide("OUTBOUND", "OUTBOUND")).toBe(true);
    expect(await decide("OUTBOUND", "INBOUND")).toBe(false);
    expect(await decide("ALL", "OUTBOUND")).toBe(true);
    expect(await decide("ALL", "INBOUND")).toBe(true);
  });
});

describe("the recordings disk", () => {
  it("admins and listeners see the free space and the alarm; agents do not", async () => {
    const monitor = server.app.recordingStorage;
    const real = monitor.statfs;
    try {
      const admin = await signedIn("ADMIN");
      monitor.statfs = fakeDisk(5000);
      const q = `{ recordingStorage { freeBytes totalBytes thresholdBytes low critical } }`;
      expect((await admin.ok(q)).recordingStorage).toEqual({
        freeBytes: 5000 * MB,
        totalBytes: 100 * 1024 * MB,
        thresholdBytes: 1024 * MB,
        low: false,
        critical: false,
      });
      monitor.statfs = fakeDisk(700);
      expect(await server.workers.recordings.checkDisk()).toMatchObject({ low: true, critical: false });
      const supervisor = await signedIn("SUPERVISOR");
      expect((await supervisor.ok(q)).recordingStorage).toMatchObject({ freeBytes: 700 * MB, low: true, critical: false });
      const agent = await signedIn("AGENT");
      expect((await agent.gql(q)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    } finally {
      monitor.statfs = real;
    }
  });

  it("nearly full: the call goes on unrecorded, and its recording says why it failed", async () => {
    const monitor = server.app.recordingStorage;
    const real = monitor.statfs;
    try {
      monitor.statfs = fakeDisk(300);
      const queue = await makeQueue(server.app, org, []);
      await db().queue.update({ where: { id: queue.id }, data: { recordingPolicy: "ALL" } });
      const call = await liveCall({ queueId: queue.id, phone: "+48123456789" });
      expect(await recordingByPolicy(call.id, server.app.deps, () => monitor.check())).toBeNull();
      const rec = await db().recording.findUniqueOrThrow({ where: { callId: call.id } });
      expect(rec.state).toBe("FAILED");
      expect(rec.error).toBe("Not recorded: only 300 MB of disk space was left for recordings (at least 512 MB needed)");
      expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).state).toBe("ACTIVE");

      // The agent pressing Record is told why nothing happens.
      const agent = await makeUser(server.app, org, "AGENT");
      const onDemand = await liveCall({ queueId: queue.id, agentId: agent.id });
      const refused = await recordOnDemand(await asViewer(server.app, agent.id), onDemand.id, server.app.deps, () => monitor.check()).catch((e) => e);
      expect(refused).toMatchObject({ code: "CONFLICT", details: { reason: "RECORDING_NO_SPACE" } });
      expect(await db().recording.findUniqueOrThrow({ where: { callId: onDemand.id } })).toMatchObject({ state: "FAILED" });

      // Low but not critical: recording goes ahead.
      monitor.statfs = fakeDisk(700);
      const next = await liveCall({ queueId: queue.id });
      expect(await recordingByPolicy(next.id, server.app.deps, () => monitor.check())).not.toBeNull();
    } finally {
      monitor.statfs = real;
    }
  });
});

describe("retention", () => {
  /** A finished recording `days` old with its file on disk (or none for a failed one). */
  async function recording(o: { org?: TestOrg; queueId: string | null; days: number; state?: "READY" | "FAILED" | "RECORDING" | "PROCESSING" }) {
    const inOrg = o.org ?? org;
    const call = await liveCall({ org: inOrg, queueId: o.queueId });
    const state = o.state ?? "READY";
    const storageKey = state === "READY" ? path.join(inOrg.id, "2020", "01", `${call.id}.ogg`) : "";
    if (storageKey) {
      const file = path.join(server.app.config.recordingsDir, storageKey);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "OggS");
    }
    const rec = await db().recording.create({
      data: { organizationId: inOrg.id, callId: call.id, queueId: o.queueId, state, startedAt: daysAgo(o.days), storageKey, sizeBytes: 4 },
    });
    return { ...rec, file: storageKey ? path.join(server.app.config.recordingsDir, storageKey) : null };
  }
  const stateOf = async (id: string) => db().recording.findUniqueOrThrow({ where: { id } });

  it("deletes files past their queue's period (else the organisation's), keeps the rows as DELETED, keeps newer ones", async () => {
    const o = await makeOrg(server.app);
    const keepForever = await makeOrg(server.app);
    await db().organization.update({ where: { id: o.id }, data: { recordingRetentionDays: 30 } });
    const shortQueue = await makeQueue(server.app, o, []);
    await db().queue.update({ where: { id: shortQueue.id }, data: { recordingRetentionDays: 7 } });
    const longQueue = await makeQueue(server.app, o, []);
    await db().queue.update({ where: { id: longQueue.id }, data: { recordingRetentionDays: 365 } });
    const plainQueue = await makeQueue(server.app, o, []);

    const expired = [
      await recording({ org: o, queueId: shortQueue.id, days: 10 }),
      await recording({ org: o, queueId: plainQueue.id, days: 40 }),
      await recording({ org: o, queueId: null, days: 40 }),
      await recording({ org: o, queueId: plainQueue.id, days: 40, state: "FAILED" }),
    ];
    const kept = [
      await recording({ org: o, queueId: shortQueue.id, days: 3 }),
      await recording({ org: o, queueId: plainQueue.id, days: 10 }),
      await recording({ org: o, queueId: longQueue.id, days: 40 }), // the queue's longer period wins
      await recording({ org: o, queueId: plainQueue.id, days: 40, state: "RECORDING" }),
      await recording({ org: o, queueId: plainQueue.id, days: 40, state: "PROCESSING" }),
      await recording({ org: keepForever, queueId: null, days: 1000 }),
    ];

    const result = await server.workers.recordings.sweep();
    expect(result?.deleted.get(o.id)).toBe(4);
    expect(result?.deleted.has(keepForever.id)).toBe(false);
    for (const r of expired) {
      const row = await stateOf(r.id);
      expect(row).toMatchObject({ state: "DELETED", storageKey: "" });
      expect(row.deletedAt).not.toBeNull();
      if (r.file) expect(fs.existsSync(r.file)).toBe(false);
    }
    for (const r of kept) {
      expect((await stateOf(r.id)).state).toBe(r.state);
      if (r.file) expect(fs.existsSync(r.file)).toBe(true);
    }
    const audit = await db().auditLog.findMany({ where: { organizationId: o.id, action: "recordings.expired" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, data: { count: 4 } });

    // Again (or on another node): nothing more to do, nothing logged twice.
    const again = await server.workers.recordings.sweep();
    expect(again?.deleted.size ?? 0).toBe(0);
    expect(await db().auditLog.count({ where: { organizationId: o.id, action: "recordings.expired" } })).toBe(1);
  });

  it("works through more recordings than one batch; two sweeps at once count each once", async () => {
    const o = await makeOrg(server.app);
    await db().organization.update({ where: { id: o.id }, data: { recordingRetentionDays: 1 } });
    const q = await makeQueue(server.app, o, []);
    const rows = [];
    for (let i = 0; i < 5; i++) rows.push(await recording({ org: o, queueId: q.id, days: 2 }));
    const files = folderRecordingFiles(server.app.config.recordingsDir);
    const [a, b] = await Promise.all([expireRecordings(server.app.deps, files, { batchSize: 2 }), expireRecordings(server.app.deps, files, { batchSize: 2 })]);
    expect((a.deleted.get(o.id) ?? 0) + (b.deleted.get(o.id) ?? 0)).toBe(5);
    expect(await db().recording.count({ where: { id: { in: rows.map((r) => r.id) }, state: "DELETED" } })).toBe(5);
    for (const r of rows) expect(fs.existsSync(r.file!)).toBe(false);
  });

  it("removes leftover part files of made or deleted recordings; keeps those still going, failed or just made", async () => {
    const q = await makeQueue(server.app, org, []);
    const parts = path.join(server.app.config.recordingsDir, ".parts");
    const folder = (callId: string, ageMs: number) => {
      const dir = path.join(parts, callId);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "customer.ogg"), "OggS");
      const t = new Date(Date.now() - ageMs);
      fs.utimesSync(dir, t, t);
      return dir;
    };
    const made = await recording({ queueId: q.id, days: 1, state: "READY" });
    const failed = await recording({ queueId: q.id, days: 1, state: "FAILED" });
    const going = await recording({ queueId: q.id, days: 1, state: "RECORDING" });
    const fresh = await recording({ queueId: q.id, days: 0, state: "READY" });
    const old = PARTS_GRACE_MS + 60_000;
    const dirs = { made: folder(made.callId, old), failed: folder(failed.callId, old), going: folder(going.callId, old), fresh: folder(fresh.callId, 1000) };
    const result = await server.workers.recordings.sweep();
    expect(result?.partsRemoved).toBe(1);
    expect(fs.existsSync(dirs.made)).toBe(false);
    expect(fs.existsSync(dirs.failed)).toBe(true);
    expect(fs.existsSync(dirs.going)).toBe(true);
    expect(fs.existsSync(dirs.fresh)).toBe(true);
  });
});

describe("settings", () => {
  const SAVE = `mutation ($input: QueueInput!) { saveQueue(input: $input) { id recordingPolicy recordNumbers recordingRetentionDays wrapUpSeconds requireDisposition } }`;
  const base = (name: string) => ({ name, channels: ["VOICE"], priority: 50, strategy: "LONGEST_IDLE", offerTimeoutSeconds: 20, members: [] });

  it("a queue keeps its listed numbers in E.164, its retention, wrap-up and disposition rule", async () => {
    const admin = await signedIn("ADMIN");
    const saved = await admin.ok(SAVE, {
      input: {
        ...base("Listed line"),
        recordingPolicy: "LISTED",
        recordNumbers: ["+48 123 456 789", "0048123456789\n+44 20 7946 0958", ""],
        recordingRetentionDays: 90,
        wrapUpSeconds: 30,
        requireDisposition: true,
      },
    });
    expect(saved.saveQueue).toMatchObject({
      recordingPolicy: "LISTED",
      recordNumbers: ["+48123456789", "+442079460958"],
      recordingRetentionDays: 90,
      wrapUpSeconds: 30,
      requireDisposition: true,
    });
    const plain = await admin.ok(SAVE, { input: base("Plain line") });
    expect(plain.saveQueue).toMatchObject({ recordNumbers: [], recordingRetentionDays: null, wrapUpSeconds: 0, requireDisposition: false });
  });

  it("refuses bad numbers, an empty list for LISTED, and out-of-range retention or wrap-up, naming the field", async () => {
    const admin = await signedIn("ADMIN");
    const fieldOf = async (input: Record<string, unknown>) => {
      const r = await admin.gql(SAVE, { input: { ...base(`Bad ${Math.random()}`), ...input } });
      expect(r.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
      return (r.errors?.[0]?.extensions?.fields as { path: string; code: string; params?: Record<string, unknown> }[])[0];
    };
    expect(await fieldOf({ recordingPolicy: "LISTED", recordNumbers: ["+48123456789", "555-0100", "call me"] })).toMatchObject({
      path: "input.recordNumbers",
      code: "invalid_phone",
      params: { numbers: "555-0100, call me", count: 2 },
    });
    expect(await fieldOf({ recordingPolicy: "LISTED", recordNumbers: [] })).toMatchObject({ path: "input.recordNumbers", code: "required" });
    expect(await fieldOf({ recordingRetentionDays: 0 })).toMatchObject({ path: "input.recordingRetentionDays", code: "too_small" });
    expect(await fieldOf({ wrapUpSeconds: 3601 })).toMatchObject({ path: "input.wrapUpSeconds", code: "too_big" });
    expect(await fieldOf({ wrapUpSeconds: -1 })).toMatchObject({ path: "input.wrapUpSeconds", code: "too_small" });
  });

  it("the organisation's retention is set with the routing defaults, audit-logged, and left alone when not given", async () => {
    const o = await makeOrg(server.app);
    const admin = await signedIn("ADMIN", o);
    const SET = `mutation ($days: Int) { updateRoutingSettings(defaultCapacity: { voice: 1, chat: 3, email: 5, sms: 5, fax: 5 }, missedOffersBeforePause: 3, recordingRetentionDays: $days) { recordingRetentionDays } }`;
    expect((await admin.ok(SET, { days: 180 })).updateRoutingSettings.recordingRetentionDays).toBe(180);
    const audit = await db().auditLog.findFirstOrThrow({ where: { organizationId: o.id, action: "organization.settings_updated" } });
    expect(audit.data).toMatchObject({ recordingRetentionDays: 180 });
    const unchanged = await admin.ok(
      `mutation { updateRoutingSettings(defaultCapacity: { voice: 1, chat: 3, email: 5, sms: 5, fax: 5 }, missedOffersBeforePause: 3) { recordingRetentionDays } }`,
    );
    expect(unchanged.updateRoutingSettings.recordingRetentionDays).toBe(180);
    const bad = await admin.gql(SET, { days: 0 });
    expect(bad.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: "input.recordingRetentionDays", code: "too_small" })]);
    expect((await admin.ok(SET, { days: null })).updateRoutingSettings.recordingRetentionDays).toBeNull();
    expect((await admin.ok(`{ routingSettings { recordingRetentionDays } }`)).routingSettings.recordingRetentionDays).toBeNull();
  });
});

describe("finding recordings", () => {
  it("by number, queue and agent; names come with the page; a deleted one says when and has nothing to play", async () => {
    const o = await makeOrg(server.app);
    const agentA = await makeUser(server.app, o, "AGENT", { name: "Ada Agent" });
    const agentB = await makeUser(server.app, o, "AGENT", { name: "Bob Agent" });
    const qa = await makeQueue(server.app, o, []);
    const qb = await makeQueue(server.app, o, []);
    await db().queue.updateMany({ where: { id: { in: [qa.id, qb.id] } }, data: { recordingPolicy: "ALL" } });
    const c1 = await liveCall({ org: o, queueId: qa.id, agentId: agentA.id, phone: "+48 111 222 333" });
    const c2 = await liveCall({ org: o, queueId: qb.id, agentId: agentB.id, phone: "+48 444 555 666" });
    await recordingByPolicy(c1.id, server.app.deps);
    await recordingByPolicy(c2.id, server.app.deps);
    const deletedAt = new Date("2026-01-02T10:00:00Z");
    await db().recording.update({ where: { callId: c2.id }, data: { state: "DELETED", deletedAt } });

    const manager = await signedIn("MANAGER", o);
    const Q = `query ($search: String, $queueId: ID, $agentId: ID) { recordings(search: $search, queueId: $queueId, agentId: $agentId) { customer queue agent state deletedAt url } }`;
    const queueLookups = vi.spyOn(db().queue, "findMany");
    const userLookups = vi.spyOn(db().user, "findMany");
    const all = (await manager.ok(Q)).recordings;
    expect(all).toHaveLength(2);
    // One lookup of names for the page, not one per row (the viewer's agents are read once as well).
    expect(queueLookups).toHaveBeenCalledTimes(1);
    expect(userLookups.mock.calls.filter(([a]) => JSON.stringify(a).includes('"name":true'))).toHaveLength(1);
    queueLookups.mockRestore();
    userLookups.mockRestore();
    const deleted = all.find((r: { state: string }) => r.state === "DELETED");
    expect(deleted).toMatchObject({ queue: qb.name, agent: "Bob Agent", deletedAt: deletedAt.toISOString(), url: null });
    expect((await manager.ok(Q, { search: "0048 111 222" })).recordings).toEqual([expect.objectContaining({ agent: "Ada Agent", queue: qa.name })]);
    expect((await manager.ok(Q, { queueId: qb.id })).recordings).toEqual([expect.objectContaining({ agent: "Bob Agent" })]);
    expect((await manager.ok(Q, { agentId: agentA.id })).recordings).toEqual([expect.objectContaining({ queue: qa.name })]);
    const filters = (await manager.ok(`{ recordingFilters { queues { id name } agents { id name } } }`)).recordingFilters;
    expect(filters.agents.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(["Ada Agent", "Bob Agent"]));
    expect(filters.queues.map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining([qa.id, qb.id]));
  });
});
