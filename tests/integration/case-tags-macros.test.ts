// Tags on cases and macros, through the API as the browser uses it: admins keep the tag list
// (case-insensitively unique) and the macros; agents tag the cases they work, filter their inbox
// by tag and apply macros — all changes of a macro at once, or none. A lead who only watches, an
// agent of another queue and another organisation are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeTeam, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer, subscribe } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let queueId: string;
let agent: { id: string; username: string };
let colleague: { id: string; username: string };
let admin: TestSession;
let agentS: TestSession;
let colleagueS: TestSession;
let outsiderS: TestSession;
let leadS: TestSession;
let strangerS: TestSession;
let strangerAdmin: TestSession;
let statuses: { id: string; category: string; name: string }[];

async function session(username: string) {
  const s = new TestSession(server.url);
  expect((await s.signIn(username, PASSWORD)).status).toBe(200);
  return s;
}

async function newCase(assigneeId: string | null, subject = "Invoice question") {
  const c = await server.app.db.prisma.$transaction((tx) =>
    createCase(tx, { organizationId: org.id, channel: "EMAIL", subject, contactId: null, queueId, now: new Date() }),
  );
  if (assigneeId) await server.app.db.prisma.case.update({ where: { id: c.id }, data: { assigneeId } });
  return c;
}

const SAVE_TAG = `mutation($id: ID, $i: TagInput!) { saveTag(id: $id, input: $i) { id name defaultName color active } }`;
const SET_TAGS = `mutation($c: ID!, $add: [ID!], $remove: [ID!]) { setCaseTags(caseId: $c, add: $add, remove: $remove) { id tags { id name } } }`;
const SAVE_MACRO = `mutation($id: ID, $i: MacroInput!) { saveMacro(id: $id, input: $i) { id name } }`;
const APPLY = `mutation($c: ID!, $m: ID!) { applyMacro(caseId: $c, macroId: $m) { reply case { id assignee { id } status { id } tags { id } } } }`;
const CASE = `query($id: ID!) { case(id: $id) { id status { id } assignee { id } tags { id name } events { type actor { id } data } } }`;

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  agent = await makeUser(server.app, org, "AGENT", { name: "Ada Agent" });
  colleague = await makeUser(server.app, org, "AGENT", { locale: "pl" });
  const outsider = await makeUser(server.app, org, "AGENT");
  const lead = await makeUser(server.app, org, "SUPERVISOR");
  const adminUser = await makeUser(server.app, org, "ADMIN");
  queueId = (await makeQueue(server.app, org, [{ userId: agent.id }, { userId: colleague.id }])).id;
  await makeQueue(server.app, org, [{ userId: outsider.id }]);
  await makeTeam(server.app, org, [{ userId: lead.id, lead: true }, { userId: agent.id }]);
  const otherOrg = await makeOrg(server.app);
  const stranger = await makeUser(server.app, otherOrg, "AGENT");
  const strangerAdminUser = await makeUser(server.app, otherOrg, "ADMIN");
  [admin, agentS, colleagueS, outsiderS, leadS, strangerS, strangerAdmin] = await Promise.all(
    [adminUser, agent, colleague, outsider, lead, stranger, strangerAdminUser].map((u) => session(u.username)),
  );
  statuses = await server.app.db.prisma.caseStatus.findMany({ where: { organizationId: org.id, active: true }, select: { id: true, category: true, name: true } });
});
afterAll(() => server?.close());

describe("the tag list", () => {
  it("admins keep it: names unique whatever their case, translated, archived rather than deleted (audited)", async () => {
    const billing = (await admin.ok(SAVE_TAG, { i: { name: "Billing", color: "#2563eb", translations: { pl: "Płatności" } } })).saveTag;
    expect(billing).toMatchObject({ name: "Billing", defaultName: "Billing", active: true });
    const dup = await admin.gql(SAVE_TAG, { i: { name: "  BILLING ", color: "#000000" } });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", fields: [{ path: "input.name", code: "taken" }] });
    // Each organisation has its own list: the same name elsewhere is fine.
    await strangerAdmin.ok(SAVE_TAG, { i: { name: "billing", color: "#000000" } });
    // Agents see the list (in their language) but may not change it.
    expect((await agentS.gql(SAVE_TAG, { i: { name: "Mine", color: "#000000" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const names = (await agentS.ok(`{ tags { name } }`)).tags.map((t: { name: string }) => t.name);
    expect(names).toEqual(["Billing"]);
    const audit = await server.app.db.prisma.auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "tag." } } });
    expect(audit.map((a) => a.action)).toEqual(["tag.created"]);
  });
});

describe("tags on cases", () => {
  let billing: string;
  let urgent: string;
  let archived: string;
  let kase: { id: string; number: number };
  let other: { id: string; number: number };

  beforeAll(async () => {
    billing = (await admin.ok(`{ tags { id name } }`)).tags.find((t: { name: string }) => t.name === "Billing").id;
    urgent = (await admin.ok(SAVE_TAG, { i: { name: "Urgent", color: "#dc2626" } })).saveTag.id;
    archived = (await admin.ok(SAVE_TAG, { i: { name: "Old", color: "#64748b" } })).saveTag.id;
    kase = await newCase(agent.id);
    other = await newCase(colleague.id, "Parcel lost");
  });

  it("an agent tags a case they work; the timeline says who and when; other inboxes hear of it", async () => {
    const ws = colleagueS.ws();
    const feed = subscribe(ws, `subscription { inboxChanged { caseId } }`);
    await new Promise((r) => setTimeout(r, 300));
    const r = await agentS.ok(SET_TAGS, { c: kase.id, add: [billing, urgent, billing] });
    expect(r.setCaseTags.tags.map((t: { name: string }) => t.name)).toEqual(["Billing", "Urgent"]);
    let e = await feed.next();
    while (e.data?.inboxChanged.caseId !== kase.id) e = await feed.next();
    feed.dispose();
    await ws.dispose();
    const c = (await agentS.ok(CASE, { id: kase.id })).case;
    expect(c.events.map((ev: { type: string; actor: { id: string }; data: { name: string } }) => [ev.type, ev.actor.id, ev.data.name]).sort()).toEqual([
      ["tag_added", agent.id, "Billing"],
      ["tag_added", agent.id, "Urgent"],
    ]);
    // A colleague of the queue works it too; removing a tag it lacks changes nothing.
    await colleagueS.ok(SET_TAGS, { c: kase.id, remove: [urgent] });
    await colleagueS.ok(SET_TAGS, { c: kase.id, remove: [urgent] });
    const after = (await agentS.ok(CASE, { id: kase.id })).case;
    expect(after.tags.map((t: { id: string }) => t.id)).toEqual([billing]);
    expect(after.events.filter((ev: { type: string }) => ev.type === "tag_removed")).toEqual([{ type: "tag_removed", actor: { id: colleague.id }, data: { tagId: urgent, name: "Urgent" } }]);
    await agentS.ok(SET_TAGS, { c: kase.id, add: [urgent] });
    // A Polish colleague reads the tag, on the case and on its timeline, by its Polish name.
    const pl = (await colleagueS.ok(`query($id: ID!) { case(id: $id) { tags { name } events { type label } } }`, { id: kase.id })).case;
    expect(pl.tags[0].name).toBe("Płatności");
    expect(pl.events).toContainEqual({ type: "tag_added", label: "Płatności" });
  });

  it("filters the inbox by one or more tags (every one must be there)", async () => {
    await agentS.ok(SET_TAGS, { c: other.id, add: [billing] });
    const inbox = async (tagIds: string[]) =>
      (await agentS.ok(`query($t: [ID!]) { inbox(scope: ALL, tagIds: $t) { number tags { name } } }`, { t: tagIds })).inbox.map((c: { number: number }) => c.number);
    expect((await inbox([billing])).sort()).toEqual([kase.number, other.number].sort());
    expect(await inbox([billing, urgent])).toEqual([kase.number]);
    expect(await inbox([archived])).toEqual([]);
  });

  it("an archived tag stays on its cases but is no longer put on any", async () => {
    await agentS.ok(SET_TAGS, { c: other.id, add: [archived] });
    await admin.ok(SAVE_TAG, { id: archived, i: { name: "Old", color: "#64748b", active: false } });
    expect((await agentS.ok(`{ tags { id } }`)).tags.map((t: { id: string }) => t.id)).not.toContain(archived);
    expect((await agentS.ok(CASE, { id: other.id })).case.tags.map((t: { id: string }) => t.id)).toContain(archived);
    const r = await agentS.gql(SET_TAGS, { c: kase.id, add: [archived] });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("refuses a lead who only watches, an agent of another queue, and another organisation", async () => {
    // The lead sees the case of the agent they lead, read-only.
    expect((await leadS.ok(CASE, { id: kase.id })).case.id).toBe(kase.id);
    expect((await leadS.gql(SET_TAGS, { c: kase.id, remove: [billing] })).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "READ_ONLY" });
    expect((await outsiderS.gql(SET_TAGS, { c: kase.id, remove: [billing] })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await strangerS.gql(SET_TAGS, { c: kase.id, remove: [billing] })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    // Nor may another organisation's tag be put on a case.
    const theirs = (await strangerAdmin.ok(`{ tags { id } }`)).tags[0].id;
    expect((await agentS.gql(SET_TAGS, { c: kase.id, add: [theirs] })).errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    expect((await agentS.ok(CASE, { id: kase.id })).case.tags.map((t: { id: string }) => t.id).sort()).toEqual([billing, urgent].sort());
    // Their inbox does not reveal our tagged cases either.
    expect((await strangerS.ok(`query($t: [ID!]) { inbox(scope: ALL, tagIds: $t) { id } }`, { t: [billing] })).inbox).toEqual([]);
  });
});

describe("macros", () => {
  let solved: { id: string };
  let refund: string;
  let urgent: string;
  let macroId: string;

  beforeAll(async () => {
    solved = statuses.find((s) => s.category === "RESOLVED")!;
    const tags = (await admin.ok(`{ tags { id name } }`)).tags as { id: string; name: string }[];
    urgent = tags.find((t) => t.name === "Urgent")!.id;
    refund = (await admin.ok(SAVE_TAG, { i: { name: "Refund", color: "#16a34a" } })).saveTag.id;
    macroId = (
      await admin.ok(SAVE_MACRO, {
        i: { name: "Refund issued", body: "Hello {first_name}, case {case_number}: your refund is on its way. {agent_name}", statusId: solved.id, assign: "ME", addTagIds: [refund], removeTagIds: [urgent] },
      })
    ).saveMacro.id;
  });

  it("admins keep them (audited); agents may not", async () => {
    expect((await agentS.gql(SAVE_MACRO, { i: { name: "Mine" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const both = await admin.gql(SAVE_MACRO, { i: { name: "Both", body: "x", cannedReplyId: "00000000-0000-7000-8000-000000000000" } });
    expect(both.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    expect(await server.app.db.prisma.auditLog.count({ where: { organizationId: org.id, action: "macro.created", targetId: macroId } })).toBe(1);
    expect((await agentS.ok(`{ macros { name addTags { name } removeTags { name } status { id } assign } }`)).macros).toEqual([
      { name: "Refund issued", addTags: [{ name: "Refund" }], removeTags: [{ name: "Urgent" }], status: { id: solved.id }, assign: "ME" },
    ]);
  });

  it("takes an unassigned case, solves it, swaps the tags in one step and hands back the reply unsent", async () => {
    const kase = await newCase(null);
    await agentS.ok(SET_TAGS, { c: kase.id, add: [urgent] });
    const messagesBefore = await server.app.db.prisma.message.count({ where: { caseId: kase.id } });
    const r = (await agentS.ok(APPLY, { c: kase.id, m: macroId })).applyMacro;
    expect(r.reply).toBe(`Hello , case ${kase.number}: your refund is on its way. Ada Agent`);
    expect(r.case).toEqual({ id: kase.id, assignee: { id: agent.id }, status: { id: solved.id }, tags: [{ id: refund }] });
    expect(await server.app.db.prisma.message.count({ where: { caseId: kase.id } })).toBe(messagesBefore);
    const row = await server.app.db.prisma.case.findUniqueOrThrow({ where: { id: kase.id } });
    expect(row.closedAt).not.toBeNull();
    const events = (await agentS.ok(CASE, { id: kase.id })).case.events.map((e: { type: string; data: { name: string } }) => `${e.type}:${e.data.name}`);
    expect(events).toEqual(expect.arrayContaining(["macro_applied:Refund issued", "tag_added:Refund", "tag_removed:Urgent"]));
  });

  it("changes nothing when any part is refused", async () => {
    const kase = await newCase(colleague.id);
    await colleagueS.ok(SET_TAGS, { c: kase.id, add: [urgent] });
    // The agent works the queue's case, but it is the colleague's: taking it and solving it is refused whole.
    const r = await agentS.gql(APPLY, { c: kase.id, m: macroId });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "MACRO_NOT_ASSIGNEE", part: "assignee" });
    const c = (await colleagueS.ok(CASE, { id: kase.id })).case;
    expect(c.assignee.id).toBe(colleague.id);
    expect(c.tags.map((t: { id: string }) => t.id)).toEqual([urgent]);
    expect(c.events.map((e: { type: string }) => e.type)).toEqual(["tag_added"]);
  });

  it("refuses a lead who only watches, an agent of another queue, and another organisation", async () => {
    const kase = await newCase(agent.id);
    expect((await leadS.gql(APPLY, { c: kase.id, m: macroId })).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "READ_ONLY" });
    expect((await outsiderS.gql(APPLY, { c: kase.id, m: macroId })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await strangerS.gql(APPLY, { c: kase.id, m: macroId })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    // Another organisation's macro is no macro here.
    const theirMacro = (await strangerAdmin.ok(SAVE_MACRO, { i: { name: "Theirs", assign: "UNASSIGN" } })).saveMacro.id;
    expect((await agentS.gql(APPLY, { c: kase.id, m: theirMacro })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await server.app.db.prisma.case.findUniqueOrThrow({ where: { id: kase.id } })).assigneeId).toBe(agent.id);
    expect(await server.app.db.prisma.caseEvent.count({ where: { caseId: kase.id } })).toBe(0);
  });
});
