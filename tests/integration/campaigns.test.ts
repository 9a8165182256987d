// Campaigns, the administrator's side, on the real database: two imported lists become a campaign
// with its own queue; starting it enrols one contact per number, leaving out numbers put on the
// do-not-call lists (the organisation's and the campaign's) or blocked since the import, and those
// on both lists; a list added while it runs is enrolled at once; then pause, resume and stop (contacts left become done, STOPPED). Settings are
// checked (predictive needs its message, the abandon cap stays ≤ 3 %, the caller ID is the line's,
// result codes need a kind), a draft without agents or lists does not start, agents may do none of
// it, and every step is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestOrg, makeOrg, makeTeam, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
let agentId: string;
let teamMateId: string;
let agent: TestSession;

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "ADMIN");
  admin = new TestSession(server.url);
  await admin.signIn(a.username, PASSWORD);
  const ag = await makeUser(server.app, org, "AGENT");
  agentId = ag.id;
  agent = new TestSession(server.url);
  await agent.signIn(ag.username, PASSWORD);
  teamMateId = (await makeUser(server.app, org, "AGENT")).id;
  await server.app.db.prisma.sipTrunk.create({
    data: { organizationId: org.id, name: "Out", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"] },
  });
}, 180_000);
afterAll(async () => {
  await server?.close();
});

async function userInput(id: string) {
  const u = await server.app.db.prisma.user.findUniqueOrThrow({ where: { id } });
  return { username: u.username, name: u.name, email: u.email, roleId: u.roleId, locale: u.locale };
}

async function importList(name: string, phones: string[]) {
  const form = new FormData();
  form.append("file", new Blob([["Phone", ...phones].join("\r\n") + "\r\n"]), `${name}.csv`);
  const res = await fetch(`${server.url}/api/contact-lists?${new URLSearchParams({ name, mapping: JSON.stringify({ phone: 0 }) })}`, {
    method: "POST",
    headers: { cookie: admin.cookie, origin: server.url },
    body: form,
  });
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 200; i++) {
    const { contactList } = await admin.ok(`query($id: ID!) { contactList(id: $id) { status imported } }`, { id });
    if (contactList.status === "READY") return { id, imported: contactList.imported as number };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the import did not finish");
}

const CAMPAIGN = `{ id name status mode callerId abandonCapPercent lists { list { name } enrolledAt } doNotCall { number }
  queue { id name channels priority wrapUpSeconds requireDisposition members { user { id } skillLevel } }
  counts { total waiting active done doneBy attempts } }`;
const SAVE = `mutation($id: ID, $input: CampaignInput!) { saveCampaign(id: $id, input: $input) { campaign ${CAMPAIGN} enrolment { enrolled duplicates doNotCall blocked } } }`;
const ACT = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { id status } }`;

describe("campaigns", () => {
  let reachedCode: string;
  let plainCode: string;
  let listA: string;
  let listB: string;

  it("result codes take a kind (reached / retry / failed), shown on the code", async () => {
    const save = `mutation($input: DispositionCodeInput!) { saveDispositionCode(input: $input) { id kind } }`;
    const reached = await admin.ok(save, { input: { name: "Paid", kind: "REACHED" } });
    expect(reached.saveDispositionCode.kind).toBe("REACHED");
    reachedCode = reached.saveDispositionCode.id;
    plainCode = (await admin.ok(save, { input: { name: "Other" } })).saveDispositionCode.id;
    const renamed = await admin.ok(`mutation($id: ID) { saveDispositionCode(id: $id, input: { name: "Paid in full" }) { kind } }`, { id: reachedCode });
    expect(renamed.saveDispositionCode.kind).toBe("REACHED");
  });

  it("refuses settings that break the rules, each on its field", async () => {
    const fieldOf = async (input: Record<string, unknown>) => {
      const r = await admin.gql(SAVE, { input: { name: "Bad", ...input } });
      return r.errors?.[0]?.extensions as { code?: string; reason?: string; fields?: { path: string }[] } | undefined;
    };
    expect((await fieldOf({ mode: "PREDICTIVE" }))?.fields?.[0]?.path).toBe("input.abandonMessage");
    expect((await fieldOf({ abandonCapPercent: 3.5 }))?.fields?.[0]?.path).toBe("input.abandonCapPercent");
    expect((await fieldOf({ machineAction: "MESSAGE" }))?.fields?.[0]?.path).toBe("input.machineMessage");
    expect(await fieldOf({ callerId: "+48 22 999 99 99" })).toMatchObject({ code: "CONFLICT", reason: "CALLER_ID" });
    expect((await fieldOf({ dispositionIds: [plainCode] }))?.fields?.[0]?.path).toBe("input.dispositionIds");
    expect((await fieldOf({ listIds: ["0193a000-0000-7000-8000-000000000001"] }))?.fields?.[0]?.path).toBe("input.listIds");
    expect(await server.app.db.prisma.campaign.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("creates a campaign with its own voice queue, starts it enrolling each number once, pauses, resumes and stops it", async () => {
    listA = (await importList("Debtors A", ["601000011", "601000012", "601000013", "601000014", "601000015"])).id;
    listB = (await importList("Debtors B", ["601000011", "601000016"])).id;
    // Put on the do-not-call list and blocked after the import: enrolment leaves them out.
    await admin.ok(`mutation { addDoNotCallNumbers(numbers: ["601000013"]) { added } }`);
    await admin.ok(`mutation { blockNumber(input: { number: "+48601000014" }) { id } }`);
    const team = await makeTeam(server.app, org, [{ userId: teamMateId }]);

    const created = await admin.ok(SAVE, {
      input: {
        name: "Debts",
        listIds: [listA, listB],
        callerId: "+48 22 123 00 00",
        members: [{ userId: agentId, skillLevel: 7 }],
        teamIds: [team.id],
        dispositionIds: [reachedCode],
        priority: 60,
        wrapUpSeconds: 15,
        abandonCapPercent: 2.5,
      },
    });
    const c = created.saveCampaign.campaign;
    expect(c).toMatchObject({ name: "Debts", status: "DRAFT", mode: "PROGRESSIVE", callerId: "+48221230000", abandonCapPercent: 2.5 });
    expect(c.queue).toMatchObject({ name: "Campaign: Debts", channels: ["VOICE"], priority: 60, wrapUpSeconds: 15, requireDisposition: true });
    expect(c.queue.members.map((m: { user: { id: string }; skillLevel: number }) => [m.user.id, m.skillLevel]).sort()).toEqual(
      [
        [agentId, 7],
        [teamMateId, 5],
      ].sort(),
    );
    expect(c.counts).toMatchObject({ total: 0, attempts: 0 });

    const dnc = await admin.ok(`mutation($id: ID!) { addCampaignDoNotCall(campaignId: $id, number: "601 000 015") { number added contactsDone } }`, {
      id: c.id,
    });
    expect(dnc.addCampaignDoNotCall).toEqual({ number: "+48601000015", added: true, contactsDone: 0 });

    const started = await admin.ok(
      `mutation($id: ID!) { startCampaign(id: $id) { campaign ${CAMPAIGN} enrolment { enrolled duplicates doNotCall blocked } } }`,
      { id: c.id },
    );
    expect(started.startCampaign.enrolment).toEqual({ enrolled: 3, duplicates: 1, doNotCall: 2, blocked: 1 });
    expect(started.startCampaign.campaign).toMatchObject({ status: "RUNNING", counts: { total: 3, waiting: 3, active: 0, done: 0 } });
    expect(started.startCampaign.campaign.lists.every((l: { enrolledAt: string | null }) => l.enrolledAt)).toBe(true);
    const contacts = await server.app.db.prisma.campaignContact.findMany({
      where: { campaignId: c.id },
      orderBy: { sortKey: "asc" },
      select: { phone: true, entry: { select: { listId: true } } },
    });
    expect(contacts.map((x) => [x.phone, x.entry.listId === listA ? "A" : "B"])).toEqual([
      ["+48601000011", "A"],
      ["+48601000012", "A"],
      ["+48601000016", "B"],
    ]);

    // A number put on the campaign's list while it runs: its waiting contact is done.
    const live = await admin.ok(`mutation($id: ID!) { addCampaignDoNotCall(campaignId: $id, number: "+48601000012") { contactsDone } }`, { id: c.id });
    expect(live.addCampaignDoNotCall.contactsDone).toBe(1);

    expect((await admin.ok(ACT("pauseCampaign"), { id: c.id })).pauseCampaign.status).toBe("PAUSED");
    expect((await admin.gql(ACT("pauseCampaign"), { id: c.id })).errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "CAMPAIGN_STATUS" });
    expect((await admin.ok(ACT("resumeCampaign"), { id: c.id })).resumeCampaign.status).toBe("RUNNING");

    // Changing a running campaign takes effect at once (the dialer re-reads it); a list added is enrolled.
    const listC = (await importList("Debtors C", ["601000011", "601000017"])).id;
    const edited = await admin.ok(SAVE, {
      id: c.id,
      input: { name: "Debts", listIds: [listA, listB, listC], members: [{ userId: agentId, skillLevel: 7 }], lineLimit: 4 },
    });
    expect(edited.saveCampaign.enrolment).toEqual({ enrolled: 1, duplicates: 1, doNotCall: 0, blocked: 0 });
    expect(edited.saveCampaign.campaign.counts).toMatchObject({ total: 4, waiting: 3 });
    expect((await server.app.db.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } })).lineLimit).toBe(4);

    expect((await admin.ok(ACT("stopCampaign"), { id: c.id })).stopCampaign.status).toBe("STOPPED");
    const stopped = await admin.ok(`query($id: ID!) { campaign(id: $id) ${CAMPAIGN} }`, { id: c.id });
    expect(stopped.campaign.counts).toMatchObject({ total: 4, waiting: 0, done: 4, doneBy: { DO_NOT_CALL: 1, STOPPED: 3 } });
    expect((await admin.gql(ACT("resumeCampaign"), { id: c.id })).errors?.[0]?.extensions?.reason).toBe("CAMPAIGN_STATUS");
    expect((await admin.gql(`mutation($id: ID!) { deleteCampaign(id: $id) }`, { id: c.id })).errors?.[0]?.extensions?.reason).toBe("CAMPAIGN_STATUS");
    expect((await admin.gql(SAVE, { id: c.id, input: { name: "Debts again" } })).errors?.[0]?.extensions?.reason).toBe("CAMPAIGN_FINISHED");

    // Its list and its queue cannot be deleted from under it.
    expect((await admin.gql(`mutation($id: ID!) { deleteContactList(id: $id) }`, { id: listA })).errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "LIST_IN_CAMPAIGN",
    });
    expect((await admin.gql(`mutation($id: ID!) { deleteQueue(id: $id) }`, { id: c.queue.id })).errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "CAMPAIGN_QUEUE",
    });

    const audit = await admin.ok(`{ auditLog(action: "campaign.") { action } }`);
    expect(new Set(audit.auditLog.map((a: { action: string }) => a.action))).toEqual(
      new Set(["campaign.created", "campaign.updated", "campaign.started", "campaign.paused", "campaign.resumed", "campaign.stopped"]),
    );
  });

  it("does not start a draft without an imported list or without agents; a draft is deleted with its queue", async () => {
    const noList = (await admin.ok(SAVE, { input: { name: "No list", members: [{ userId: agentId, skillLevel: 5 }] } })).saveCampaign.campaign;
    expect((await admin.gql(`mutation($id: ID!) { startCampaign(id: $id) { campaign { id } } }`, { id: noList.id })).errors?.[0]?.extensions?.reason).toBe(
      "CAMPAIGN_NO_LIST",
    );
    const noAgents = (await admin.ok(SAVE, { input: { name: "No agents", listIds: [listA] } })).saveCampaign.campaign;
    expect((await admin.gql(`mutation($id: ID!) { startCampaign(id: $id) { campaign { id } } }`, { id: noAgents.id })).errors?.[0]?.extensions?.reason).toBe(
      "CAMPAIGN_NO_AGENTS",
    );
    expect((await admin.ok(`mutation($id: ID!) { deleteCampaign(id: $id) }`, { id: noAgents.id })).deleteCampaign).toBe(true);
    expect(await server.app.db.prisma.queue.count({ where: { organizationId: org.id, name: "Campaign: No agents" } })).toBe(0);
    expect((await admin.gql(SAVE, { input: { name: "No list" } })).errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("saving a campaign keeps what was set on its queue in Administration → Queues", async () => {
    const c = (await admin.ok(SAVE, { input: { name: "Renewals", members: [{ userId: agentId, skillLevel: 5 }], wrapUpSeconds: 10 } })).saveCampaign.campaign;
    const db = server.app.db.prisma;
    const sla = { firstResponseMinutes: null, resolutionMinutes: 480, channels: {} };
    const setOnQueuesPage = {
      serviceLevelSeconds: 45,
      serviceLevelPercent: 70,
      shortAbandonSeconds: 3,
      offerTimeoutSeconds: 30,
      maxWaitSeconds: 120,
      announceEverySeconds: 60,
      sla,
    };
    await db.queue.update({ where: { id: c.queue.id }, data: setOnQueuesPage });
    const saved = (await admin.ok(SAVE, { id: c.id, input: { name: "Renewals 2027", members: [{ userId: agentId, skillLevel: 5 }], wrapUpSeconds: 20 } }))
      .saveCampaign.campaign;
    expect(saved.queue).toMatchObject({ name: "Campaign: Renewals 2027", wrapUpSeconds: 20 });
    expect(await db.queue.findUniqueOrThrow({ where: { id: c.queue.id } })).toMatchObject(setOnQueuesPage);
    // The audit names what changed, and nothing the save left as it was (agents, teams, priority…).
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "campaign.updated", targetId: c.id } });
    expect(Object.keys((entry.data as { changes: object }).changes).sort()).toEqual(["name", "wrapUpSeconds"]);
  });

  it("follows its teams: who joins a team later works the campaign, who leaves stops; agents named stay; deleting a team takes its members off", async () => {
    const db = server.app.db.prisma;
    const [early, late, named, other] = await Promise.all([1, 2, 3, 4].map(() => makeUser(server.app, org, "AGENT")));
    const TEAM = `mutation($id: ID, $input: TeamInput!) { saveTeam(id: $id, input: $input) { id } }`;
    const team = (
      await admin.ok(TEAM, {
        input: {
          name: "Collections",
          members: [
            { userId: early.id, lead: false },
            { userId: named.id, lead: false },
          ],
        },
      })
    ).saveTeam.id;
    const c = (await admin.ok(SAVE, { input: { name: "Follow-ups", members: [{ userId: named.id, skillLevel: 9 }], teamIds: [team] } })).saveCampaign.campaign;
    const members = async () =>
      Object.fromEntries(
        (await db.queueMember.findMany({ where: { queueId: c.queue.id } })).map((m) => [m.userId, `${m.skillLevel}${m.viaTeam ? " team" : ""}`]),
      );
    expect(await members()).toEqual({ [early.id]: "5 team", [named.id]: "9" });
    const read = await admin.ok(`query($id: ID!) { campaign(id: $id) { teamIds queue { members { user { id } viaTeam } } } }`, { id: c.id });
    expect(read.campaign.teamIds).toEqual([team]);

    // The team changes on the Teams page: one joins, the named one leaves (and stays, being named).
    await admin.ok(TEAM, {
      id: team,
      input: {
        name: "Collections",
        members: [
          { userId: early.id, lead: false },
          { userId: late.id, lead: false },
        ],
      },
    });
    expect(await members()).toEqual({ [early.id]: "5 team", [late.id]: "5 team", [named.id]: "9" });

    // A user's own teams change on the Users page.
    const USER = `mutation($id: ID!, $input: UserInput!) { updateUser(id: $id, input: $input) { id } }`;
    await admin.ok(USER, { id: other.id, input: { ...(await userInput(other.id)), teamIds: [team] } });
    await admin.ok(USER, { id: early.id, input: { ...(await userInput(early.id)), teamIds: [] } });
    expect(await members()).toEqual({ [late.id]: "5 team", [other.id]: "5 team", [named.id]: "9" });

    // Saved again (the editor shows the named agents only): the team's members are not made named.
    await admin.ok(SAVE, { id: c.id, input: { name: "Follow-ups", members: [{ userId: named.id, skillLevel: 9 }], teamIds: [team] } });
    expect(await members()).toEqual({ [late.id]: "5 team", [other.id]: "5 team", [named.id]: "9" });

    // The Queues page saves the whole list as it shows it: a team member left as they were stays the team's.
    const q = await db.queue.findUniqueOrThrow({ where: { id: c.queue.id }, include: { members: true } });
    const QUEUE = `mutation($id: ID, $input: QueueInput!) { saveQueue(id: $id, input: $input) { id } }`;
    await admin.ok(QUEUE, {
      id: q.id,
      input: {
        name: q.name,
        channels: ["VOICE"],
        priority: q.priority,
        offerTimeoutSeconds: q.offerTimeoutSeconds,
        strategy: q.strategy,
        members: q.members.map((m) => ({ userId: m.userId, skillLevel: m.skillLevel })),
      },
    });
    expect(await members()).toEqual({ [late.id]: "5 team", [other.id]: "5 team", [named.id]: "9" });

    await admin.ok(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: team });
    expect(await members()).toEqual({ [named.id]: "9" });
    expect((await admin.ok(`query($id: ID!) { campaign(id: $id) { teamIds } }`, { id: c.id })).campaign.teamIds).toEqual([]);
  });

  it("is refused to an agent", async () => {
    expect((await agent.gql(`{ campaigns { id } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await agent.gql(SAVE, { input: { name: "Mine" } })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
