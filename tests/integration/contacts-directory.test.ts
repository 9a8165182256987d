// The contacts directory over the API: search by name words, e-mail and phone however typed,
// wildcards taken literally, pages by cursor in last-contact order (kept by the database), each
// contact's history limited to the cases the viewer may open, and one organisation never seeing
// another's contacts. Runs on PostgreSQL and on PGlite.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
let admin: TestSession;
let agent: TestSession;
let outsider: TestSession;
let nobody: TestSession;
let agentQueue: string;
let foreignQueue: string;
const db = () => server.app.db.prisma;
/** A word only this run's contacts have, so searches are not disturbed by other data. */
const tag = `t${randomBytes(3).toString("hex")}`;

const DIRECTORY = `query($search: String, $after: String, $first: Int) {
  contactDirectory(search: $search, after: $after, first: $first) {
    nextCursor
    contacts { id firstName lastName vip lastContactAt caseCount identities { kind value } }
  }
}`;
const CONTACT = `query($id: ID!) { contact(id: $id) { id caseCount history { caseId number channel callback queueName statusName createdAt closedAt } } }`;

async function contact(firstName: string, lastName: string, identities: { kind: "EMAIL" | "PHONE" | "EXTERNAL_ID"; value: string }[] = [], orgId = org.id) {
  return db().contact.create({
    data: { organizationId: orgId, firstName, lastName, identities: { create: identities.map((i) => ({ ...i, organizationId: orgId })) } },
  });
}

async function caseOf(contactId: string, queueId: string | null, at: Date, extra: { channel?: "CHAT" | "EMAIL" | "VOICE"; contactVerified?: boolean } = {}) {
  return createCase(db(), {
    organizationId: org.id,
    channel: extra.channel ?? "CHAT",
    subject: "Help",
    contactId,
    contactVerified: extra.contactVerified,
    queueId,
    now: at,
  });
}

const names = async (s: TestSession, search: string) =>
  ((await s.ok(DIRECTORY, { search })).contactDirectory.contacts as { firstName: string; lastName: string }[])
    .map((c) => `${c.firstName} ${c.lastName}`)
    .sort();

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  other = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "ADMIN");
  const g = await makeUser(server.app, org, "AGENT");
  const o = await makeUser(server.app, other, "ADMIN");
  const role = await db().role.create({ data: { organizationId: org.id, name: `No contacts ${tag}`, permissions: ["agents.work"] } });
  const n = await makeUser(server.app, { ...org, roles: { ...org.roles, AGENT: role.id } }, "AGENT");
  [admin, agent, outsider, nobody] = [new TestSession(server.url), new TestSession(server.url), new TestSession(server.url), new TestSession(server.url)];
  await admin.signIn(a.username, PASSWORD);
  await agent.signIn(g.username, PASSWORD);
  await outsider.signIn(o.username, PASSWORD);
  await nobody.signIn(n.username, PASSWORD);
  agentQueue = (await makeQueue(server.app, org, [{ userId: g.id }])).id;
  foreignQueue = (await makeQueue(server.app, org, [])).id;
});
afterAll(() => server?.close());

describe("contacts directory search", () => {
  it("finds words of a name in any order, part of an e-mail, and a phone however it is written", async () => {
    await contact("Jan", `Kowalski${tag}`, [
      { kind: "EMAIL", value: `jan.${tag}@example.pl` },
      { kind: "PHONE", value: "+48601234567" },
    ]);
    await contact("Anna", `Nowak${tag}`, [{ kind: "PHONE", value: "+48221234567" }]);
    expect(await names(agent, `kowalski${tag} JAN`)).toEqual([`Jan Kowalski${tag}`]);
    expect(await names(agent, `jan.${tag}@EXAMPLE`)).toEqual([`Jan Kowalski${tag}`]);
    expect(await names(agent, tag)).toEqual([`Anna Nowak${tag}`, `Jan Kowalski${tag}`]);
    for (const typed of ["+48 601 234 567", "0048-601-234-567", "601234567", "0601 234 567", "(48) 601.234.567"])
      expect(await names(agent, typed), typed).toContain(`Jan Kowalski${tag}`);
    expect(await names(agent, "+48 601 234 567")).not.toContain(`Anna Nowak${tag}`);
  });

  it("takes %, _ and \\ in a search literally", async () => {
    await contact(`Pro%cent${tag}`, "Literal", [{ kind: "EMAIL", value: `under_score${tag}@x.pl` }]);
    await contact(`ProXcent${tag}`, "Other", [{ kind: "EMAIL", value: `underXscore${tag}@x.pl` }]);
    expect(await names(agent, `pro%cent${tag}`)).toEqual([`Pro%cent${tag} Literal`]);
    expect(await names(agent, `under_score${tag}`)).toEqual([`Pro%cent${tag} Literal`]);
    expect(await names(agent, `%${tag}`)).toEqual([]);
    expect(await names(agent, "\\")).toEqual([]);
    // Nothing typed but wildcards matches nothing rather than everything.
    const all = await agent.ok(DIRECTORY, { search: "%_%", first: 100 });
    expect(all.contactDirectory.contacts.every((c: { firstName: string }) => c.firstName.includes("%_%"))).toBe(true);
  });

  it("finds a contact by a new name once it is edited", async () => {
    const c = await contact("Old", `Name${tag}`);
    await admin.ok(`mutation($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) { id } }`, {
      id: c.id,
      input: { firstName: "Renamed", lastName: `Person${tag}`, identities: [] },
    });
    expect(await names(agent, `renamed person${tag}`)).toEqual([`Renamed Person${tag}`]);
    expect(await names(agent, `old name${tag}`)).toEqual([]);
  });
});

describe("contacts directory order and pages", () => {
  it("lists by last contact, newest first, and moves a contact up when a case of theirs moves", async () => {
    const word = `Page${tag}`;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await contact(`P${i}`, word));
    // Cases on different (later) days: P2 newest, then P0, P4, P1; P3 has none: when it was made counts, today.
    const day = (d: number) => new Date(Date.UTC(2030, 0, d));
    await caseOf(made[1].id, agentQueue, day(1));
    await caseOf(made[4].id, agentQueue, day(2));
    await caseOf(made[0].id, agentQueue, day(3));
    await caseOf(made[2].id, agentQueue, day(4));
    // A visitor who only typed P1's e-mail does not make P1 recent.
    await caseOf(made[1].id, agentQueue, day(9), { contactVerified: false });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const r: { contactDirectory: { contacts: { firstName: string }[]; nextCursor: string | null } } = await agent.ok(DIRECTORY, {
        search: word,
        first: 2,
        after,
      });
      seen.push(...r.contactDirectory.contacts.map((c) => c.firstName));
      after = r.contactDirectory.nextCursor;
      pages++;
    } while (after);
    expect(seen).toEqual(["P2", "P0", "P4", "P1", "P3"]);
    expect(pages).toBe(3);
    // Activity in P1's case (a message, say) makes P1 the latest.
    const p1case = await db().case.findFirstOrThrow({ where: { contactId: made[1].id, contactVerified: true } });
    await db().case.update({ where: { id: p1case.id }, data: { lastActivityAt: new Date(Date.UTC(2031, 0, 1)) } });
    const first = await agent.ok(DIRECTORY, { search: word, first: 1 });
    expect(first.contactDirectory.contacts[0]).toMatchObject({ firstName: "P1", lastContactAt: "2031-01-01T00:00:00.000Z" });
  });

  it("refuses a cursor it did not give, and a page larger than 100", async () => {
    const bad = await agent.gql(DIRECTORY, { after: "bm90IGEgY3Vyc29y" });
    expect(bad.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    const big = await agent.gql(DIRECTORY, { first: 1000 });
    expect(big.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
  });
});

describe("contact history", () => {
  it("lists only the cases the viewer may open, newest first, and counts the same", async () => {
    const c = await contact("History", `Person${tag}`);
    const mine = await caseOf(c.id, agentQueue, new Date(Date.UTC(2030, 1, 1)), { channel: "EMAIL" });
    const hidden = await caseOf(c.id, foreignQueue, new Date(Date.UTC(2030, 1, 2)), { channel: "VOICE" });
    const callback = await caseOf(c.id, agentQueue, new Date(Date.UTC(2030, 1, 3)), { channel: "VOICE" });
    await db().interaction.create({ data: { organizationId: org.id, caseId: callback.id, channel: "VOICE", data: { callback: true, phone: "+48601000000" } } });
    await caseOf(c.id, agentQueue, new Date(Date.UTC(2030, 1, 4)), { contactVerified: false });

    const asAgent = (await agent.ok(CONTACT, { id: c.id })).contact;
    expect(asAgent.history.map((h: { caseId: string }) => h.caseId)).toEqual([callback.id, mine.id]);
    expect(asAgent.caseCount).toBe(2);
    expect(asAgent.history[0]).toMatchObject({ channel: "VOICE", callback: true, createdAt: "2030-02-03T00:00:00.000Z", closedAt: null });
    expect(asAgent.history[1]).toMatchObject({ channel: "EMAIL", callback: false, number: mine.number });
    expect(JSON.stringify(asAgent)).not.toContain(hidden.id);
    const listed = (await agent.ok(DIRECTORY, { search: `history person${tag}` })).contactDirectory.contacts[0];
    expect(listed.caseCount).toBe(2);

    // Whoever reads every case (the administrator) sees the other queue's case too.
    const asAdmin = (await admin.ok(CONTACT, { id: c.id })).contact;
    expect(asAdmin.history.map((h: { caseId: string }) => h.caseId)).toEqual([callback.id, hidden.id, mine.id]);
    expect(asAdmin.caseCount).toBe(3);
    // The case the agent cannot see cannot be opened either.
    const open = await agent.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: hidden.id });
    expect(open.errors?.[0]?.extensions?.code ?? (open.data?.case === null ? "NOT_FOUND" : "visible")).toBe("NOT_FOUND");
  });
});

describe("contacts across organisations and roles", () => {
  it("never shows another organisation's contacts", async () => {
    const theirs = await contact("Foreign", `Contact${tag}`, [{ kind: "EMAIL", value: `foreign${tag}@x.pl` }], other.id);
    expect(await names(agent, `foreign${tag}`)).toEqual([]);
    expect(await names(agent, `contact${tag}`)).toEqual([]);
    expect((await agent.ok(CONTACT, { id: theirs.id })).contact).toBeNull();
    expect(await names(outsider, `foreign${tag}`)).toEqual([`Foreign Contact${tag}`]);
    expect(await names(outsider, `kowalski${tag}`)).toEqual([]);
    // A cursor naming a position is no way in either.
    const r = await outsider.ok(DIRECTORY, { search: tag, first: 100 });
    expect(r.contactDirectory.contacts.map((c: { firstName: string }) => c.firstName)).toEqual(["Foreign"]);
  });

  it("is closed to a role without contacts.read, and to nobody signed in", async () => {
    expect((await nobody.gql(DIRECTORY, {})).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await new TestSession(server.url).gql(DIRECTORY, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("shows no secret field's value in the directory", async () => {
    const c = await contact("Secret", `Keeper${tag}`);
    await admin.ok(`mutation($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) { id } }`, {
      id: c.id,
      input: { firstName: "Secret", lastName: `Keeper${tag}`, identities: [], secrets: [{ name: "pin", value: "918273" }] },
    });
    const r = await agent.ok(`query($s: String) { contactDirectory(search: $s) { contacts { id fields secretFieldsSet notes } } }`, { s: `keeper${tag}` });
    expect(r.contactDirectory.contacts[0].secretFieldsSet).toEqual(["pin"]);
    expect(JSON.stringify(r)).not.toContain("918273");
    expect(await names(agent, "918273")).toEqual([]);
  });
});
