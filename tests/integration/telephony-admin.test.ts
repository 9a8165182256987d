// Admins' side of the phone network over GraphQL: SIP trunks (password sealed, never returned,
// kept when left empty; every change audited and announced to the media role), numbers (DIDs),
// the rules for calls out, and blocked numbers — and who may do which.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvents, EventListener } from "../../domain/events.ts";
import { blockOf, isBlocked } from "../../domain/phone/blocked-numbers.ts";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
let queueId: string;
const trunkEvents: DomainEvents["trunk.changed"][] = [];

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  (server.app.deps.events as unknown as { subscribe(l: EventListener): void }).subscribe({ "trunk.changed": (p) => void trunkEvents.push(p) });
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "ADMIN");
  admin = new TestSession(server.url);
  await admin.signIn(a.username, PASSWORD);
  queueId = (await makeQueue(server.app, org, [])).id;
});
afterAll(async () => {
  await server?.close();
});

const signedIn = async (role: "AGENT" | "SUPERVISOR" | "MANAGER") => {
  const u = await makeUser(server.app, org, role);
  const s = new TestSession(server.url);
  await s.signIn(u.username, PASSWORD);
  return s;
};
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
};
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const fields = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  ((r.errors?.[0]?.extensions?.fields ?? []) as { path: string; code: string }[]).map((f) => `${f.path}:${f.code}`);

const TRUNK_FIELDS = `id name host proxy username authUser hasSecret register callerIds codecs maxCalls callsPerMinute active status statusDetail statusAt numbers { id number }`;
const SAVE_TRUNK = `mutation($id: ID, $input: SipTrunkInput!) { saveSipTrunk(id: $id, input: $input) { ${TRUNK_FIELDS} } }`;
const trunkInput = (over: Record<string, unknown> = {}) => ({
  name: "Provider A",
  host: "sip.provider.test:5060",
  username: "48221234567",
  secret: "trunk password 1",
  register: true,
  callerIds: ["+48 22 123 45 67", "0048 22 123 45 68"],
  codecs: ["PCMA", "PCMU"],
  maxCalls: 10,
  callsPerMinute: 20,
  active: true,
  ...over,
});

describe("SIP trunks", () => {
  it("saves a trunk with its password sealed, never returned, kept when left empty; audited; the media role is told", async () => {
    const created = (await admin.ok(SAVE_TRUNK, { input: trunkInput() })).saveSipTrunk;
    expect(created).toMatchObject({ name: "Provider A", hasSecret: true, callerIds: ["+48221234567", "+48221234568"], codecs: ["PCMA", "PCMU"], status: "OFF" });
    expect(JSON.stringify(created)).not.toContain("trunk password 1");
    const row = await server.app.db.prisma.sipTrunk.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secret).not.toContain("trunk password 1");
    expect(server.app.deps.secrets.open(row.secret)).toBe("trunk password 1");
    expect(await waitFor(() => trunkEvents.some((e) => e.trunkId === created.id))).toBe(true);

    // Renamed without a password: the stored one stays.
    const renamed = (await admin.ok(SAVE_TRUNK, { id: created.id, input: trunkInput({ name: "Provider A2", secret: "", codecs: ["PCMU"] }) })).saveSipTrunk;
    expect(renamed).toMatchObject({ name: "Provider A2", hasSecret: true, codecs: ["PCMU"] });
    const after = await server.app.db.prisma.sipTrunk.findUniqueOrThrow({ where: { id: created.id } });
    expect(server.app.deps.secrets.open(after.secret)).toBe("trunk password 1");
    expect(await waitFor(() => trunkEvents.filter((e) => e.trunkId === created.id).length >= 2)).toBe(true);

    const listed = await admin.ok(`{ sipTrunks { ${TRUNK_FIELDS} } }`);
    expect(JSON.stringify(listed)).not.toContain("trunk password 1");
    expect(JSON.stringify(listed)).not.toContain(after.secret);

    const audit = await admin.ok(`{ auditLog(action: "sip_trunk.") { action targetId data } }`);
    const entries = audit.auditLog.filter((a: { targetId: string }) => a.targetId === created.id);
    expect(entries.map((a: { action: string }) => a.action).sort()).toEqual(["sip_trunk.created", "sip_trunk.updated"]);
    expect(JSON.stringify(entries)).not.toContain("trunk password 1");
    expect(JSON.stringify(entries)).not.toContain(after.secret);
    expect(entries.find((a: { action: string }) => a.action === "sip_trunk.created").data).toMatchObject({ secretChanged: true, host: "sip.provider.test:5060" });
  });

  it("reports every bad field, and a name already used as CONFLICT", async () => {
    const bad = await admin.gql(SAVE_TRUNK, {
      input: trunkInput({ name: "Bad", host: "sip:provider.test", username: "", callerIds: ["+48 22 123 45 67", "12"], maxCalls: 0, callsPerMinute: 10_001, codecs: [] }),
    });
    expect(code(bad)).toBe("INVALID_INPUT");
    expect(fields(bad)).toEqual([
      "input.host:invalid_format",
      "input.username:too_small",
      "input.codecs:too_small",
      "input.maxCalls:too_small",
      "input.callsPerMinute:too_big",
      "input.callerIds:invalid_phone",
    ]);
    const noSecret = await admin.gql(SAVE_TRUNK, { input: trunkInput({ name: "No secret", secret: "" }) });
    expect(fields(noSecret)).toEqual(["input.secret:required"]);
    // By address, without registering, a password is not needed.
    await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "By address", secret: "", register: false }) });

    await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "Twice" }) });
    const twice = await admin.gql(SAVE_TRUNK, { input: trunkInput({ name: "Twice" }) });
    expect(code(twice)).toBe("CONFLICT");
    expect(fields(twice)).toEqual(["input.name:taken"]);
  });

  it("keeps the addresses a trunk's calls may come from, and names the ones that are not addresses", async () => {
    const saved = (await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "Sources", allowedSources: ["192.0.2.10", "198.51.100.0/24", ""] }) })).saveSipTrunk;
    const read = await admin.ok(`{ sipTrunks { id allowedSources } }`);
    expect(read.sipTrunks.find((t: { id: string }) => t.id === saved.id).allowedSources).toEqual(["192.0.2.10", "198.51.100.0/24"]);
    const bad = await admin.gql(SAVE_TRUNK, { input: trunkInput({ name: "Bad sources", allowedSources: ["sip.provider.test"] }) });
    expect(fields(bad)).toEqual(["input.allowedSources:invalid_source"]);
  });

  it("shows a failed registration as an alarm until the trunk stops registering", async () => {
    const t = (await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "Failing" }) })).saveSipTrunk;
    await server.app.db.prisma.sipTrunk.update({ where: { id: t.id }, data: { status: "FAILED", statusDetail: "403 Forbidden", statusAt: new Date() } });
    const alarms = await admin.ok(`{ telephonyAlarms { id name status statusDetail } }`);
    expect(alarms.telephonyAlarms).toEqual([{ id: t.id, name: "Failing", status: "FAILED", statusDetail: "403 Forbidden" }]);
    await admin.ok(SAVE_TRUNK, { id: t.id, input: trunkInput({ name: "Failing", active: false }) });
    expect((await admin.ok(`{ telephonyAlarms { id } }`)).telephonyAlarms).toEqual([]);
  });

  it("refuses to delete a trunk that still has numbers; deletes it once they are gone", async () => {
    const t = (await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "To delete" }) })).saveSipTrunk;
    const n = await admin.ok(SAVE_NUMBER, { input: { number: "+48 22 555 00 01", trunkId: t.id, queueId, active: true } });
    const refused = await admin.gql(`mutation($id: ID!) { deleteSipTrunk(id: $id) }`, { id: t.id });
    expect(code(refused)).toBe("CONFLICT");
    expect(refused.errors![0].extensions!.reason).toBe("TRUNK_HAS_NUMBERS");
    await admin.ok(`mutation($id: ID!) { deletePhoneNumber(id: $id) }`, { id: n.savePhoneNumber.id });
    trunkEvents.length = 0;
    expect((await admin.ok(`mutation($id: ID!) { deleteSipTrunk(id: $id) }`, { id: t.id })).deleteSipTrunk).toBe(true);
    expect(await server.app.db.prisma.sipTrunk.count({ where: { id: t.id } })).toBe(0);
    expect(await waitFor(() => trunkEvents.some((e) => e.trunkId === t.id))).toBe(true);
    const audit = await admin.ok(`{ auditLog(action: "sip_trunk.deleted") { targetId } }`);
    expect(audit.auditLog.map((a: { targetId: string }) => a.targetId)).toContain(t.id);
  });
});

const SAVE_NUMBER = `mutation($id: ID, $input: PhoneNumberInput!) { savePhoneNumber(id: $id, input: $input) { id number name active trunk { id name } queue { id name } } }`;

describe("phone numbers (DIDs)", () => {
  it("maps a number to a trunk and a queue; the number is unique across every organisation", async () => {
    const t = (await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "For numbers" }) })).saveSipTrunk;
    const saved = (await admin.ok(SAVE_NUMBER, { input: { number: "0048 22 600 00 00", name: "Main line", trunkId: t.id, queueId, active: true } })).savePhoneNumber;
    expect(saved).toMatchObject({ number: "+48226000000", name: "Main line", trunk: { id: t.id }, queue: { id: queueId } });
    const unnamed = (await admin.ok(SAVE_NUMBER, { input: { number: "+48 22 600 00 01", trunkId: t.id, queueId, active: true } })).savePhoneNumber;
    expect(unnamed.name).toBe("+48226000001");

    const again = await admin.gql(SAVE_NUMBER, { input: { number: "+48226000000", name: "Other", trunkId: t.id, queueId, active: true } });
    expect(code(again)).toBe("CONFLICT");
    expect(again.errors![0].message).toBe("This number is already in use");
    expect(fields(again)).toEqual(["input.number:number_taken"]);

    // Another organisation cannot claim it either, nor use this organisation's trunk.
    const other = await makeOrg(server.app);
    const otherAdmin = new TestSession(server.url);
    await otherAdmin.signIn((await makeUser(server.app, other, "ADMIN")).username, PASSWORD);
    const otherQueue = (await makeQueue(server.app, other, [])).id;
    const otherTrunk = (await otherAdmin.ok(SAVE_TRUNK, { input: trunkInput({ name: "Theirs" }) })).saveSipTrunk.id;
    const theirs = await otherAdmin.gql(SAVE_NUMBER, { input: { number: "+48 22 600 00 00", trunkId: otherTrunk, queueId: otherQueue, active: true } });
    expect(code(theirs)).toBe("CONFLICT");
    const foreign = await otherAdmin.gql(SAVE_NUMBER, { input: { number: "+48 22 600 00 09", trunkId: t.id, queueId: otherQueue, active: true } });
    expect(fields(foreign)).toEqual(["input.trunkId:unknown"]);
    expect((await otherAdmin.ok(`{ phoneNumbers { id } }`)).phoneNumbers).toEqual([]);

    const bad = await admin.gql(SAVE_NUMBER, { input: { number: "22 600", trunkId: t.id, queueId, active: true } });
    expect(fields(bad)).toEqual(["input.number:invalid_format"]);
    const chatOnly = await server.app.db.prisma.queue.create({ data: { organizationId: org.id, name: "Chat only", channels: ["CHAT"] } });
    const noVoice = await admin.gql(SAVE_NUMBER, { input: { number: "+48 22 600 00 05", trunkId: t.id, queueId: chatOnly.id, active: true } });
    expect(fields(noVoice)).toEqual(["input.queueId:no_voice"]);
    // A fax number: its queue must take faxes, and no IVR flow can answer a fax machine.
    const faxDesk = await server.app.db.prisma.queue.create({ data: { organizationId: org.id, name: "Fax desk", channels: ["FAX"] } });
    const faxInput = { number: "+48 22 600 00 06", trunkId: t.id, active: true, fax: true };
    expect(fields(await admin.gql(SAVE_NUMBER, { input: { ...faxInput, queueId } }))).toEqual(["input.queueId:no_fax"]);
    const flow = await server.app.db.prisma.ivrFlow.create({ data: { organizationId: org.id, name: "Menu", draft: {} } });
    expect(fields(await admin.gql(SAVE_NUMBER, { input: { ...faxInput, queueId: faxDesk.id, ivrFlowId: flow.id } }))).toEqual(["input.ivrFlowId:fax_number"]);
    await server.app.db.prisma.ivrFlow.delete({ where: { id: flow.id } });
    const faxNumber = (await admin.ok(SAVE_NUMBER, { input: { ...faxInput, queueId: faxDesk.id } })).savePhoneNumber;
    expect((await admin.ok(`{ phoneNumbers { id fax } }`)).phoneNumbers).toContainEqual({ id: faxNumber.id, fax: true });
    const voiceOnFaxDesk = await admin.gql(SAVE_NUMBER, { input: { number: "+48 22 600 00 07", trunkId: t.id, queueId: faxDesk.id, active: true } });
    expect(fields(voiceOnFaxDesk)).toEqual(["input.queueId:no_voice"]);
    // A voice number listening for fax machines: on a queue that takes calls and faxes, with an IVR flow or without.
    const listening = { number: "+48 22 600 00 08", trunkId: t.id, active: true, faxDetect: true };
    expect(fields(await admin.gql(SAVE_NUMBER, { input: { ...listening, queueId } }))).toEqual(["input.queueId:no_fax"]);
    const both = await server.app.db.prisma.queue.create({ data: { organizationId: org.id, name: "Calls and faxes", channels: ["VOICE", "FAX"] } });
    const straight = (await admin.ok(SAVE_NUMBER, { input: { ...listening, number: "+48 22 600 00 11", queueId: both.id } })).savePhoneNumber;
    expect((await admin.ok(`{ phoneNumbers { id faxDetect } }`)).phoneNumbers).toContainEqual({ id: straight.id, faxDetect: true });
    await server.app.db.prisma.entryPoint.delete({ where: { id: straight.id } });
    const greeting = await server.app.db.prisma.ivrFlow.create({ data: { organizationId: org.id, name: "Greeting", draft: {} } });
    const shared = (await admin.ok(SAVE_NUMBER, { input: { ...listening, queueId: both.id, ivrFlowId: greeting.id } })).savePhoneNumber;
    expect((await admin.ok(`{ phoneNumbers { id fax faxDetect } }`)).phoneNumbers).toContainEqual({ id: shared.id, fax: false, faxDetect: true });
    // A fax number is answered by the modem anyway: it does not "listen".
    const faxListening = (await admin.ok(SAVE_NUMBER, { input: { ...faxInput, number: "+48 22 600 00 10", queueId: faxDesk.id, faxDetect: true } })).savePhoneNumber;
    expect((await admin.ok(`{ phoneNumbers { id faxDetect } }`)).phoneNumbers).toContainEqual({ id: faxListening.id, faxDetect: false });
    await server.app.db.prisma.entryPoint.delete({ where: { id: shared.id } });
    await server.app.db.prisma.ivrFlow.delete({ where: { id: greeting.id } });

    const edited = (await admin.ok(SAVE_NUMBER, { id: saved.id, input: { number: "+48226000000", name: "Main", trunkId: t.id, queueId, active: false } })).savePhoneNumber;
    expect(edited).toMatchObject({ name: "Main", active: false });
    const audit = await admin.ok(`{ auditLog(action: "phone_number.") { action targetId } }`);
    expect(audit.auditLog.filter((a: { targetId: string }) => a.targetId === saved.id).map((a: { action: string }) => a.action).sort()).toEqual([
      "phone_number.created",
      "phone_number.updated",
    ]);
  });
});

describe("rules for calls out", () => {
  const SAVE_RULES = `mutation($input: OutboundCallRulesInput!) { saveOutboundCallRules(input: $input) { allowedPrefixes blockedPrefixes hours perAgentPerHour } }`;

  it("starts from the organisation's own country and saves what the admin types", async () => {
    expect((await admin.ok(`{ outboundCallRules { allowedPrefixes blockedPrefixes perAgentPerHour hours } }`)).outboundCallRules).toMatchObject({
      allowedPrefixes: ["+48"],
      perAgentPerHour: 30,
      hours: null,
    });
    const hours = { enabled: true, days: { mon: [{ from: "08:00", to: "18:00" }] }, holidays: [] };
    const saved = await admin.ok(SAVE_RULES, { input: { allowedPrefixes: ["+48", "0044 20"], blockedPrefixes: ["+48 700", "+48701"], hours, perAgentPerHour: 12 } });
    expect(saved.saveOutboundCallRules).toEqual({ allowedPrefixes: ["+48", "+4420"], blockedPrefixes: ["+48700", "+48701"], hours, perAgentPerHour: 12 });
    const stored = await server.app.db.prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.outboundCalls).toMatchObject({ allowedPrefixes: ["+48", "+4420"], perAgentPerHour: 12 });
    const audit = await admin.ok(`{ auditLog(action: "outbound_rules.updated") { action } }`);
    expect(audit.auditLog).toHaveLength(1);

    const bad = await admin.gql(SAVE_RULES, {
      input: { allowedPrefixes: ["premium"], blockedPrefixes: [], hours: { enabled: true, days: { mon: [{ from: "18:00", to: "08:00" }] } }, perAgentPerHour: 0 },
    });
    expect(code(bad)).toBe("INVALID_INPUT");
    expect(fields(bad)).toEqual(["input.allowedPrefixes:invalid_prefix", "input.hours.days.mon.0:custom", "input.perAgentPerHour:too_small"]);
  });
});

describe("blocked numbers", () => {
  const BLOCK = `mutation($input: BlockNumberInput!) { blockNumber(input: $input) { id number reason until createdBy } }`;

  it("blocks for good or for some hours; isBlocked answers for inbound calls; removing unblocks; audited", async () => {
    const forever = (await admin.ok(BLOCK, { input: { number: "+48 600 100 200", reason: "Abusive caller" } })).blockNumber;
    expect(forever).toMatchObject({ number: "+48600100200", reason: "Abusive caller", until: null });
    expect(forever.createdBy).toMatch(/^Test /);
    const brief = (await admin.ok(BLOCK, { input: { number: "0048600100300", hours: 2 } })).blockNumber;
    const until = new Date(brief.until).getTime();
    expect(until).toBeGreaterThan(Date.now() + 2 * 3600_000 - 60_000);
    expect(until).toBeLessThan(Date.now() + 2 * 3600_000 + 60_000);

    const now = new Date();
    expect(await isBlocked(server.app.db.prisma, org.id, "0048 600 100 200", now)).toBe(true);
    expect(await isBlocked(server.app.db.prisma, org.id, "+48600100300", now)).toBe(true);
    expect(await isBlocked(server.app.db.prisma, org.id, "+48600100300", new Date(Date.now() + 3 * 3600_000))).toBe(false);
    expect(await isBlocked(server.app.db.prisma, org.id, "+48600100999", now)).toBe(false);
    expect(await isBlocked(server.app.db.prisma, org.id, "anonymous", now)).toBe(false);
    expect(await isBlocked(server.app.db.prisma, (await makeOrg(server.app)).id, "+48600100200", now)).toBe(false);

    const listed = (await admin.ok(`{ blockedNumbers { number } }`)).blockedNumbers.map((b: { number: string }) => b.number);
    expect(listed).toEqual(expect.arrayContaining(["+48600100200", "+48600100300"]));
    // A temporary block that ran out is no longer listed.
    await server.app.db.prisma.blockedNumber.update({ where: { id: brief.id }, data: { until: new Date(Date.now() - 1000) } });
    expect((await admin.ok(`{ blockedNumbers { number } }`)).blockedNumbers.map((b: { number: string }) => b.number)).not.toContain("+48600100300");

    expect((await admin.ok(`mutation($id: ID!) { unblockNumber(id: $id) }`, { id: forever.id })).unblockNumber).toBe(true);
    expect(await isBlocked(server.app.db.prisma, org.id, "+48600100200", new Date())).toBe(false);
    const audit = await admin.ok(`{ auditLog(action: "blocked_number.") { action } }`);
    expect(audit.auditLog.map((a: { action: string }) => a.action).sort()).toEqual(["blocked_number.added", "blocked_number.added", "blocked_number.removed"]);

    const bad = await admin.gql(BLOCK, { input: { number: "600 100", hours: 0 } });
    expect(fields(bad)).toEqual(["input.number:invalid_format", "input.hours:too_small"]);
  });
});

describe("who may do what", () => {
  it("agents see none of it but may block a caller — not change or lift a block; supervisors and managers keep the blocklist", async () => {
    const trunkId = (await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "Guarded" }) })).saveSipTrunk.id;
    const telephony = [
      [`{ sipTrunks { id } }`, {}],
      [`{ telephonyAlarms { id } }`, {}],
      [`{ phoneNumbers { id } }`, {}],
      [`{ outboundCallRules { perAgentPerHour } }`, {}],
      [SAVE_TRUNK, { input: trunkInput({ name: "Sneaky" }) }],
      [`mutation($id: ID!) { deleteSipTrunk(id: $id) }`, { id: trunkId }],
      [SAVE_NUMBER, { input: { number: "+48226009999", trunkId, queueId, active: true } }],
      [`mutation { saveOutboundCallRules(input: { allowedPrefixes: ["+"], blockedPrefixes: [], perAgentPerHour: 1000 }) { perAgentPerHour } }`, {}],
    ] as const;
    const blocklist = [
      [`{ blockedNumbers { id } }`, {}],
      [`mutation { blockNumber(input: { number: "+48600100900" }) { id } }`, {}],
    ] as const;
    for (const role of ["AGENT", "SUPERVISOR", "MANAGER"] as const) {
      const s = await signedIn(role);
      for (const [q, v] of telephony) expect(code(await s.gql(q, v)), `${role} ${q}`).toBe("FORBIDDEN");
      for (const [q, v] of blocklist) {
        const r = await s.gql(q, v);
        if (role === "AGENT" && q.startsWith("{")) expect(code(r), `${role} ${q}`).toBe("FORBIDDEN");
        else expect(r.errors, `${role} ${q}`).toBeUndefined();
      }
      if (role === "AGENT") {
        // The agent's block stands; they cannot shorten it or lift it.
        const again = await s.gql(`mutation { blockNumber(input: { number: "+48600100900", hours: 1 }) { id } }`);
        expect(again.errors?.[0]?.extensions?.reason).toBe("ALREADY_BLOCKED");
        const id = (await server.app.db.prisma.blockedNumber.findFirstOrThrow({ where: { organizationId: org.id, number: "+48600100900" } })).id;
        expect(code(await s.gql(`mutation($id: ID!) { unblockNumber(id: $id) }`, { id }))).toBe("FORBIDDEN");
      }
    }
    expect((await server.app.db.prisma.sipTrunk.findUniqueOrThrow({ where: { id: trunkId } })).name).toBe("Guarded");
  });
});

describe("partial blocks", () => {
  it("refuse a caller only on the numbers given, and may have words for them", async () => {
    const saved = (
      await admin.ok(`mutation($input: BlockNumberInput!) { blockNumber(input: $input) { number dids message } }`, {
        input: { number: "+48 600 100 800", dids: ["+48 22 700 00 00"], message: "This line is not for you." },
      })
    ).blockNumber;
    expect(saved).toEqual({ number: "+48600100800", dids: ["+48227000000"], message: "This line is not for you." });
    const now = new Date();
    expect((await blockOf(server.app.db.prisma, org.id, "+48600100800", now, "+48227000000"))?.message).toBe("This line is not for you.");
    expect(await blockOf(server.app.db.prisma, org.id, "+48600100800", now, "+48227000001")).toBeNull();
    expect(await isBlocked(server.app.db.prisma, org.id, "+48600100800", now)).toBe(false);
    const bad = await admin.gql(`mutation { blockNumber(input: { number: "+48600100801", dids: ["not a number"] }) { id } }`);
    expect(code(bad)).toBe("INVALID_INPUT");
  });
});

describe("IVR flows", () => {
  const SAVE_FLOW = `mutation($id: ID, $input: IvrFlowInput!) { saveIvrFlow(id: $id, input: $input) { id name publishedVersion changedSincePublished numbers } }`;
  const PUBLISH = `mutation($id: ID!) { publishIvrFlow(id: $id) { id publishedVersion changedSincePublished } }`;
  const DELETE = `mutation($id: ID!) { deleteIvrFlow(id: $id) }`;
  const flow = (say: string) => ({
    start: "main",
    nodes: {
      main: { type: "menu", prompt: { text: { en: say } }, options: { "1": "q" }, onFail: "q" },
      q: { type: "queue", queueId },
    },
  });

  it("are saved whole or not at all, each problem at its step; published as versions; in use, not deleted; audited", async () => {
    const broken = await admin.gql(SAVE_FLOW, {
      input: { name: "Broken", definition: { start: "main", nodes: { main: { type: "menu", prompt: { text: { en: "x" } }, options: { "12": "sales" }, onFail: "main" } } } },
    });
    expect(code(broken)).toBe("INVALID_INPUT");
    expect(fields(broken).sort()).toEqual(["input.definition.nodes.main.options.12:ivr_key", "input.definition.nodes.main:ivr_missing_step"]);
    const foreignQueue = (await makeQueue(server.app, await makeOrg(server.app), [])).id;
    const elsewhere = await admin.gql(SAVE_FLOW, { input: { name: "Elsewhere", definition: { ...flow("x"), nodes: { ...flow("x").nodes, q: { type: "queue", queueId: foreignQueue } } } } });
    expect(fields(elsewhere)).toEqual(["input.definition:ivr_unknown_queue"]);
    expect(await server.app.db.prisma.ivrFlow.count({ where: { organizationId: org.id } })).toBe(0);

    const saved = (await admin.ok(SAVE_FLOW, { input: { name: "Hotline", definition: flow("Press one.") } })).saveIvrFlow;
    expect(saved).toMatchObject({ publishedVersion: null, changedSincePublished: true });
    expect((await admin.ok(PUBLISH, { id: saved.id })).publishIvrFlow).toMatchObject({ publishedVersion: 1, changedSincePublished: false });
    await admin.ok(SAVE_FLOW, { id: saved.id, input: { name: "Hotline", definition: flow("Press one, please.") } });
    expect((await admin.ok(PUBLISH, { id: saved.id })).publishIvrFlow.publishedVersion).toBe(2);
    const versions = await server.app.db.prisma.ivrFlowVersion.findMany({ where: { flowId: saved.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => (v.definition as ReturnType<typeof flow>).nodes.main.prompt.text.en)).toEqual(["Press one.", "Press one, please."]);

    const t = (await admin.ok(SAVE_TRUNK, { input: trunkInput({ name: "For IVR" }) })).saveSipTrunk;
    await admin.ok(SAVE_NUMBER, { input: { number: "+48 22 600 00 50", trunkId: t.id, queueId, ivrFlowId: saved.id, active: true } });
    const used = await admin.gql(DELETE, { id: saved.id });
    expect(used.errors?.[0]?.extensions?.reason).toBe("IVR_FLOW_IN_USE");
    const actions = await server.app.db.prisma.auditLog.findMany({ where: { organizationId: org.id, targetId: saved.id }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["ivr_flow.created", "ivr_flow.published", "ivr_flow.published", "ivr_flow.updated"]);
  });

  it("are for telephony managers only", async () => {
    const agent = await signedIn("AGENT");
    expect(code(await agent.gql(`{ ivrFlows { id } }`))).toBe("FORBIDDEN");
    expect(code(await agent.gql(SAVE_FLOW, { input: { name: "Mine", definition: flow("x") } }))).toBe("FORBIDDEN");
  });
});
