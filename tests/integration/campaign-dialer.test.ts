// The dialer against the real database and router, without a phone network: the calls it places
// fail as a server with no phone gateway fails them (503), which is itself a path to get right —
// each contact tried once, then again after the network-error delay. The do-not-call list is
// checked again at the moment of dialling, a closed calling window dials nobody, and a call-back an
// agent promises comes back to that agent alone when it is due. (tests/phone/campaign-calls.test.ts
// places real calls through Janus and SIPp.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignContextOfCase, scheduleCampaignCallback } from "../../domain/campaigns/dialer/agent-side.ts";
import { connectDeadline } from "../../domain/campaigns/dialer/campaign-calls.ts";
import { Dialer } from "../../domain/campaigns/dialer/dialer.ts";
import { openAttempt } from "../../domain/campaigns/dialer/place-calls.ts";
import { PendingEvents } from "../../domain/shared/pending-events.ts";
import { hangUp } from "../../domain/voice/calls.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, ready } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";
import { until } from "../support/until.ts";

let server: TestServer;
let org: TestOrg;
const db = () => server.app.db.prisma;
const deps = () => server.app.deps;

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "200" });
  org = await makeOrg(server.app);
  await db().sipTrunk.create({ data: { organizationId: org.id, name: "Out", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"] } });
});
afterAll(() => server?.close());

let n = 0;
async function campaignOf(phones: string[], settings: Record<string, unknown> = {}) {
  n++;
  const agent = await makeUser(server.app, org, "AGENT");
  const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
  const list = await db().contactList.create({
    data: {
      organizationId: org.id,
      name: `List ${n}`,
      status: "READY",
      fieldNames: ["debt"],
      entries: { create: phones.map((phone, i) => ({ row: i + 2, phone, name: `Person ${i}`, fields: { debt: `${100 * (i + 1)} zł` } })) },
    },
    include: { entries: true },
  });
  const campaign = await db().campaign.create({
    data: {
      organizationId: org.id,
      name: `Campaign ${n}`,
      queueId: queue.id,
      mode: "PROGRESSIVE",
      lists: { create: [{ listId: list.id, enrolledAt: new Date() }] },
      contacts: { create: list.entries.map((e, i) => ({ entryId: e.id, phone: e.phone, sortKey: i })) },
      ...settings,
    },
  });
  return { agent, queue, campaign };
}
/** An attempt at the campaign's first contact whose call a person answered (and no agent took). */
async function answeredAttempt(campaign: { id: string; name: string }, queueId: string) {
  const contact0 = await db().campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id } });
  const opened = await db().$transaction((tx) =>
    openAttempt(
      tx,
      { id: campaign.id, organizationId: org.id, name: campaign.name, mode: "PROGRESSIVE", queueId, trunkId: "", callerId: "" },
      { ...contact0, callback: false },
      "ACTIVE",
      new Date(),
      new PendingEvents(),
    ),
  );
  const call = await db().call.create({
    data: {
      organizationId: org.id,
      interactionId: opened.interactionId,
      state: "ACTIVE",
      answeredAt: new Date(),
      remoteNumber: contact0.phone,
      parties: { create: [{ role: "CALLEE", phone: contact0.phone, joinedAt: new Date() }] },
    },
  });
  await db().campaignAttempt.update({ where: { id: opened.attemptId }, data: { callId: call.id, answeredAt: new Date() } });
  return { opened, call };
}
const run = (id: string) => db().campaign.update({ where: { id }, data: { status: "RUNNING", startedAt: new Date() } });

describe("the dialer", () => {
  it("tries each contact once when the network refuses, and schedules them again after the network-error delay", async () => {
    const { agent, campaign } = await campaignOf(["+48601100001", "+48601100002", "+48601100003"]);
    await ready(server.app, org, agent.id);
    await run(campaign.id);
    const contacts = await until("all tried and settled", async () => {
      const all = await db().campaignContact.findMany({ where: { campaignId: campaign.id } });
      return all.every((c) => c.lastOutcome) && all;
    });
    for (const c of contacts) {
      expect(c).toMatchObject({ state: "WAITING", attempts: 1, lastOutcome: "NETWORK_ERROR" });
      expect(c.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
    }
    const attempts = await db().campaignAttempt.findMany({ where: { campaignId: campaign.id } });
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.sipCode === 503 && a.outcome === "NETWORK_ERROR" && a.endedAt)).toBe(true);
    // One agent: never more than one call at a time (progressive), so the calls followed each other.
    const starts = attempts.map((a) => a.startedAt.getTime()).sort();
    expect(new Set(starts).size).toBe(3);
  });

  it("sets aside a number put on the do-not-call list after the list was imported, and dials nobody outside the window", async () => {
    const { agent, campaign } = await campaignOf(["+48601100011", "+48601100012"], {
      // Closed every day: no interval at all.
      callingHours: { enabled: true, days: {} },
    });
    await db().doNotCallNumber.create({ data: { organizationId: org.id, number: "+48601100011" } });
    await ready(server.app, org, agent.id);
    await run(campaign.id);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await db().campaignAttempt.count({ where: { campaignId: campaign.id } })).toBe(0);
    // The window opens: the barred number is set aside, the other dialled.
    await db().campaign.update({ where: { id: campaign.id }, data: { callingHours: { enabled: false, days: {} } } });
    const barred = await until("set aside", () => db().campaignContact.findFirst({ where: { campaignId: campaign.id, phone: "+48601100011", state: "DONE" } }));
    expect(barred).toMatchObject({ done: "DO_NOT_CALL", attempts: 0 });
    await until("the other dialled", () => db().campaignAttempt.findFirst({ where: { campaignId: campaign.id } }));
    expect(await db().campaignAttempt.count({ where: { contact: { phone: "+48601100011" } } })).toBe(0);
  });

  it("a call-back the agent promises comes back to that agent alone when due; the agent sees the contact's fields and attempts", async () => {
    const { agent, queue, campaign } = await campaignOf(["+48601100021"], { mode: "PREVIEW" });
    const colleague = await makeUser(server.app, org, "AGENT");
    await db().queueMember.create({ data: { queueId: queue.id, userId: colleague.id } });
    // Not Ready: no preview is queued for the agent; the call below is theirs.
    await run(campaign.id);
    const viewer = await asViewer(server.app, agent.id);
    const contact0 = await db().campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id } });
    await db().campaignContact.update({ where: { id: contact0.id }, data: { state: "DIALLING" } });
    // The agent on a live call to the contact (as an accepted preview leaves it; no network here).
    const events = new PendingEvents();
    const opened = await db().$transaction((tx) =>
      openAttempt(
        tx,
        { id: campaign.id, organizationId: org.id, name: campaign.name, mode: "PREVIEW", queueId: queue.id, trunkId: "", callerId: "" },
        { ...contact0, callback: false },
        "QUEUED",
        new Date(),
        events,
      ),
    );
    await db().interaction.update({ where: { id: opened.interactionId }, data: { state: "ACTIVE", agentId: agent.id } });
    await db().case.update({ where: { id: opened.caseId }, data: { assigneeId: agent.id } });
    const call = await db().call.create({
      data: {
        organizationId: org.id,
        interactionId: opened.interactionId,
        state: "ACTIVE",
        answeredAt: new Date(),
        remoteNumber: contact0.phone,
        parties: {
          create: [
            { role: "CALLER", userId: agent.id, joinedAt: new Date() },
            { role: "CALLEE", phone: contact0.phone, joinedAt: new Date() },
          ],
        },
      },
    });
    const attempt = await db().campaignAttempt.update({
      where: { id: opened.attemptId },
      data: { callId: call.id, agentId: agent.id, connectedAt: new Date() },
    });
    const offer = { interactionId: opened.interactionId };

    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: offer.interactionId } });
    const context = await campaignContextOfCase(viewer, interaction.caseId, deps());
    expect(context).toMatchObject({ name: "Person 0", fields: [{ name: "debt", value: "100 zł" }] });
    expect(context!.contact.phone).toBe("+48601100021");
    expect(context!.attempts).toHaveLength(1);
    // A colleague who never handled it does not see the case.
    const outsider = await makeUser(server.app, org, "AGENT");
    await expect(campaignContextOfCase(await asViewer(server.app, outsider.id), interaction.caseId, deps())).rejects.toMatchObject({ code: "NOT_FOUND" });

    const at = new Date(Date.now() + 3600_000);
    await expect(scheduleCampaignCallback(viewer, offer.interactionId, { at: new Date(Date.now() - 1000) }, deps())).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await scheduleCampaignCallback(viewer, offer.interactionId, { at, toMe: true }, deps());
    await hangUp(viewer, attempt.callId!, deps());
    const contact = await until("settled as a call-back", async () => {
      const c = await db().campaignContact.findUniqueOrThrow({ where: { id: attempt.contactId } });
      return c.lastOutcome === "CALLBACK" && c;
    });
    expect(contact).toMatchObject({ state: "WAITING", callback: true, callbackAgentId: agent.id });
    expect(contact.nextAttemptAt!.getTime()).toBe(at.getTime());

    // Due now: offered to the agent who promised it, and to nobody else.
    await ready(server.app, org, agent.id, colleague.id);
    await db().campaignContact.update({ where: { id: contact.id }, data: { nextAttemptAt: new Date() } });
    const item = await until("the call-back queued", () => db().queueItem.findFirst({ where: { queueId: queue.id, targetAgentId: agent.id } }));
    const offered = await until("offered", async () => {
      const i = await db().queueItem.findUniqueOrThrow({ where: { id: item.id } });
      return i.offeredToId ? i : null;
    });
    expect(offered.offeredToId).toBe(agent.id);
  });

  it("the abandon message is said with the contact's own fields filled in", async () => {
    const { queue, campaign } = await campaignOf(["+48601100041"], { abandonMessage: "Sorry {name}, about {debt}{missing}: we will call again." });
    const { opened, call } = await answeredAttempt(campaign, queue.id);
    expect(await connectDeadline(call.id, deps())).toEqual({
      action: "MESSAGE",
      audioId: null,
      text: "Sorry Person 0, about 100 zł: we will call again.",
      language: campaign.language,
      afterGreeting: false,
    });
    expect(await db().campaignAttempt.findUniqueOrThrow({ where: { id: opened.attemptId } })).toMatchObject({ outcome: "ABANDONED" });
  });

  it("a recorded abandon message is played as it is, with the text kept to say should the recording go", async () => {
    const prompt = await db().audioFile.create({
      data: { organizationId: org.id, name: "Sorry (recorded)", kind: "PROMPT", alaw: Buffer.alloc(1600, 0xd5), opus: Buffer.alloc(0), durationMs: 200, originalName: "sorry.wav", originalBytes: 3244 },
    });
    const { queue, campaign } = await campaignOf(["+48601100042"], { abandonMessage: "Sorry {name}.", abandonAudioId: prompt.id });
    const { call } = await answeredAttempt(campaign, queue.id);
    expect(await connectDeadline(call.id, deps())).toEqual({ action: "MESSAGE", audioId: prompt.id, text: "Sorry Person 0.", language: campaign.language, afterGreeting: false });
  });

  it("previews waiting when a campaign is paused are taken back, so nothing stays queued for a campaign that does not run", async () => {
    const { agent, queue, campaign } = await campaignOf(["+48601100031"], { mode: "PREVIEW" });
    await ready(server.app, org, agent.id);
    await run(campaign.id);
    const offer = await until("the preview offered", () => db().queueItem.findFirst({ where: { queueId: queue.id, offeredToId: agent.id } }));
    await db().campaign.update({ where: { id: campaign.id }, data: { status: "PAUSED" } });
    await until("taken back", async () => (await db().queueItem.findUniqueOrThrow({ where: { id: offer.id } })).state === "DONE");
    expect(await db().interaction.findUniqueOrThrow({ where: { id: offer.interactionId } })).toMatchObject({ state: "ENDED" });
    expect(await db().campaignAttempt.count({ where: { campaignId: campaign.id } })).toBe(0);
    expect(await db().campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id } })).toMatchObject({
      state: "WAITING",
      nextAttemptAt: null,
      attempts: 0,
    });
  });

  it("a pacer started on another node recalls the campaign's past calls and paces predictively at once", async () => {
    const { agent, campaign } = await campaignOf(["+48601100041", "+48601100042"], { mode: "PREDICTIVE", status: "PAUSED", startedAt: new Date(Date.now() - 2 * 3600_000) });
    const { campaign: newer } = await campaignOf(["+48601100043"], { mode: "PREDICTIVE", status: "PAUSED", startedAt: new Date() });
    await db().queueMember.create({ data: { queueId: newer.queueId, userId: agent.id } });
    // An hour and a half of calls: 60 people talked to an agent, 180 did not answer.
    const contact = await db().campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id } });
    const at = (min: number, sec = 0) => new Date(Date.now() - 100 * 60_000 + min * 60_000 + sec * 1000);
    await db().campaignAttempt.createMany({
      data: Array.from({ length: 240 }, (_, i) => {
        const min = Math.floor(i / 3);
        const human = i % 4 === 0;
        return {
          organizationId: org.id,
          campaignId: campaign.id,
          contactId: contact.id,
          mode: "PREDICTIVE" as const,
          startedAt: at(min),
          answeredAt: human ? at(min, 9) : null,
          connectedAt: human ? at(min, 10) : null,
          endedAt: human ? at(min, 10 + 120 + (i % 60)) : at(min, 25),
          outcome: human ? ("REACHED" as const) : ("NO_ANSWER" as const),
          agentId: human ? agent.id : null,
        };
      }),
    });
    // The dialer here is a new one, as on a node the job has just moved to (the server's own
    // dialer sees both campaigns paused until now).
    const dialer = new Dialer(deps());
    await ready(server.app, org, agent.id);
    await db().campaign.updateMany({ where: { id: { in: [campaign.id, newer.id] } }, data: { status: "RUNNING" } });
    await dialer.pass();
    expect(dialer.pacerState(campaign.id)).toMatchObject({ phase: "PREDICTIVE" });
    // Without a past it learns first, dialling progressively.
    expect(dialer.pacerState(newer.id)).toMatchObject({ phase: "LEARNING" });
    await db().campaign.updateMany({ where: { id: { in: [campaign.id, newer.id] } }, data: { status: "STOPPED" } });
  });
});
