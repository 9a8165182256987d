// A contact's PIN (and any field the organisation marks secret) is write-only: set through the
// contact edit, hashed, never returned by any query nor shown with a call, yet checked by the IVR
// and the widget's PIN question. Old PINs in the readable fields move out with the migration.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { hashPendingContactSecrets } from "../../domain/contacts/hash-pending-secrets.ts";
import { contactFieldMatches, ivrToQueue } from "../../domain/ivr/ivr-calls.ts";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";
import { VisitorClient } from "../support/visitor-client.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
let agent: TestSession;
let agentId: string;
let queueId: string;
const db = () => server.app.db.prisma;

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "ADMIN");
  const g = await makeUser(server.app, org, "AGENT");
  agentId = g.id;
  admin = new TestSession(server.url);
  await admin.signIn(a.username, PASSWORD);
  agent = new TestSession(server.url);
  await agent.signIn(g.username, PASSWORD);
  queueId = (await makeQueue(server.app, org, [{ userId: g.id }])).id;
});
afterAll(() => server?.close());

const UPDATE = `mutation($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) { id fields secretFieldsSet hasPin } }`;
const READ = `query($id: ID!) { contact(id: $id) { fields secretFieldsSet hasPin } contacts { id fields } }`;

async function contactWithPin(pin: string, extra: Record<string, string> = {}) {
  const c = await db().contact.create({
    data: {
      organizationId: org.id,
      firstName: "Iga",
      lastName: "Pin",
      identities: { create: [{ organizationId: org.id, kind: "PHONE", value: `+4860${Math.floor(Math.random() * 1e7)}` }] },
    },
  });
  await admin.ok(UPDATE, {
    id: c.id,
    input: { firstName: "Iga", lastName: "Pin", identities: [], fields: { customerNumber: "K-7", ...extra }, secrets: [{ name: "pin", value: pin }] },
  });
  return c.id;
}

/** A phone call of this contact's, still in the IVR, as rows. */
async function callInIvr(contactId: string) {
  const kase = await createCase(db(), { organizationId: org.id, channel: "VOICE", subject: "Call", contactId, queueId: null, now: new Date() });
  const interaction = await db().interaction.create({
    data: { organizationId: org.id, caseId: kase.id, channel: "VOICE", state: "QUEUED", data: { phone: "+48601000000" } },
  });
  const call = await db().call.create({ data: { organizationId: org.id, interactionId: interaction.id, state: "RINGING", ivr: true } });
  return { call, interaction, kase };
}

describe("secret contact fields", () => {
  it("keeps a PIN set through the contact edit write-only: hashed, and never returned to anyone", async () => {
    const id = await contactWithPin("4412");
    const row = await db().contact.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain("4412");
    for (const s of [admin, agent]) {
      const r = await s.ok(READ, { id });
      expect(JSON.stringify(r)).not.toContain("4412");
      expect(r.contact).toEqual({ fields: { customerNumber: "K-7" }, secretFieldsSet: ["pin"], hasPin: true });
    }
    // An editor sending it as an ordinary field (an old client) sets the secret, not a readable field.
    await admin.ok(UPDATE, { id, input: { firstName: "Iga", lastName: "Pin", identities: [], fields: { customerNumber: "K-7", pin: "5566" } } });
    expect(JSON.stringify(await agent.ok(READ, { id }))).not.toContain("5566");
    const { call } = await callInIvr(id);
    expect(await contactFieldMatches(call.id, "pin", "5566", server.app.deps)).toEqual({ ok: true, secret: true });
    // Left out: unchanged; empty: removed.
    await admin.ok(UPDATE, { id, input: { firstName: "Iga", lastName: "Pin", identities: [], fields: {} } });
    expect((await agent.ok(READ, { id })).contact.hasPin).toBe(true);
    await admin.ok(UPDATE, { id, input: { firstName: "Iga", lastName: "Pin", identities: [], secrets: [{ name: "pin", value: "" }] } });
    expect((await agent.ok(READ, { id })).contact).toMatchObject({ hasPin: false, secretFieldsSet: [] });
    const audit = await db().auditLog.findMany({ where: { action: "contact.secrets_changed", targetId: id } });
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toMatch(/4412|5566/);
    const bad = await admin.gql(UPDATE, { id, input: { firstName: "I", lastName: "P", identities: [], secrets: [{ name: "customerNumber", value: "1" }] } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", fields: [expect.objectContaining({ path: "input.secrets.customerNumber" })] });
  });

  it("checks IVR digits against the hash, and shows the agent none of a PIN the caller typed", async () => {
    const id = await contactWithPin("12-34", { account: "4477" });
    const { call, interaction, kase } = await callInIvr(id);
    expect(await contactFieldMatches(call.id, "pin", "1234", server.app.deps)).toEqual({ ok: true, secret: true });
    expect(await contactFieldMatches(call.id, "pin", "1235", server.app.deps)).toEqual({ ok: false, secret: true });
    // Readable fields are checked as before (and their digits may be shown).
    expect(await contactFieldMatches(call.id, "account", "4477", server.app.deps)).toEqual({ ok: true, secret: false });
    // A flow that put the digits under the PIN's name (its case field, a "set" step) shows the agent the rest only.
    await ready(server.app, org, agentId);
    const result = await ivrToQueue(call.id, { queueId, fields: { pin: "1234", account: "K-7" }, language: "en" }, server.app.deps);
    expect(result).toBe("QUEUED");
    const stored = await db().interaction.findUniqueOrThrow({ where: { id: interaction.id } });
    expect(stored.data).toMatchObject({ ivrFields: { account: "K-7" } });
    const seen = await agent.ok(`query($id: ID!) { case(id: $id) { interactions { data } contact { fields } } }`, { id: kase.id });
    expect(JSON.stringify(seen)).not.toContain("1234");
  });

  it("checks the widget's PIN question against the hash", async () => {
    const id = await contactWithPin("9081");
    const email = `pin-${Date.now()}@example.test`;
    await db().contactIdentity.create({ data: { organizationId: org.id, contactId: id, kind: "EMAIL", value: email } });
    await ready(server.app, org, agentId);
    const widget = await makeWidget(server.app, org, queueId, { askPin: true });
    const checks = [];
    for (const pin of ["9081", "9082"]) {
      const v = new VisitorClient(server.url);
      expect((await v.start(widget.key, { name: "Iga", email, pin, message: "hello" })).status).toBe(200);
      const i = await db().interaction.findFirstOrThrow({ where: { visitor: { email } }, orderBy: { arrivedAt: "desc" } });
      checks.push((i.data as { pinCheck?: string }).pinCheck);
    }
    expect(checks).toEqual(["MATCH", "MISMATCH"]);
  });

  it("moves PINs out of the readable fields in the migration, hashing them at the next start", async () => {
    const legacy = await db().contact.create({ data: { organizationId: org.id, firstName: "Old", fields: { pin: "7777", customerNumber: "K-1" } } });
    const sql = readFileSync(path.join(import.meta.dirname, "../../prisma/migrations/20261204063605_contact_secrets/migration.sql"), "utf8");
    await db().$executeRawUnsafe(sql.slice(sql.indexOf("UPDATE")));
    const moved = await db().contact.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(moved.fields).toEqual({ customerNumber: "K-1" });
    expect(await hashPendingContactSecrets(server.app.deps)).toBe(1);
    const hashed = await db().contact.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(JSON.stringify(hashed)).not.toContain("7777");
    const { call } = await callInIvr(legacy.id);
    expect(await contactFieldMatches(call.id, "pin", "7777", server.app.deps)).toEqual({ ok: true, secret: true });
    expect(await hashPendingContactSecrets(server.app.deps)).toBe(0);
  });

  it("lets the organisation mark more fields secret: stored values leave the readable fields at once", async () => {
    const c = await db().contact.create({ data: { organizationId: org.id, firstName: "Mark", fields: { password: "blue horse", customerNumber: "K-2" } } });
    expect((await agent.gql(`mutation { setSecretContactFields(names: ["password"]) }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await admin.ok(`mutation { setSecretContactFields(names: ["password"]) }`)).setSecretContactFields).toEqual(["password", "pin"]);
    const r = await agent.ok(READ, { id: c.id });
    expect(r.contact).toMatchObject({ fields: { customerNumber: "K-2" }, secretFieldsSet: ["password"] });
    expect(JSON.stringify(await db().contact.findUniqueOrThrow({ where: { id: c.id } }))).not.toContain("blue horse");
    expect((await agent.ok(`{ secretContactFields }`)).secretContactFields).toEqual(["password", "pin"]);
  });
});
