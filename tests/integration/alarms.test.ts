// Alarms on the real server with its own evaluator and clock: raised as events arrive (a queue
// left with too few agents, a trunk's registration failing) and by the steady tick (a wait that
// grows), cleared once the figure has been back for a while, e-mailed to the chosen people in
// their language (a real SMTP server), and kept in a history with their worst value.
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { changeAgentState } from "../../domain/agents/set-agent-state.ts";
import { startChat } from "../../domain/chat/start-chat.ts";
import { endInteraction } from "../../domain/routing/end-interaction.ts";
import { alarmHistory, raisedAlarms } from "../../domain/wallboard/raised-alarms.ts";
import { saveAlarm } from "../../domain/wallboard/save-alarm.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, makeWidget } from "../factories/index.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url, ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const db = () => server.app.db.prisma;
const open = async (name: string) => (await raisedAlarms(org.id, db())).filter((a) => a.name === name);
const state = (userId: string, s: "BREAK" | "READY" | "OFFLINE") =>
  changeAgentState({ userId, organizationId: org.id, state: s, source: "AGENT", changedById: null, seen: true }, server.app.deps);

describe("alarms", () => {
  it("raise, clear after a steady while, mail the chosen people and keep a history", { timeout: 60_000 }, async () => {
    const lead = await makeUser(server.app, org, "SUPERVISOR", { locale: "pl" });
    const ann = await makeUser(server.app, org, "AGENT");
    const bob = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: ann.id }, { userId: bob.id }]);
    const widget = await makeWidget(server.app, org, queue.id);
    // Bob is finishing a call that needs a disposition: signed in, staffing the queue, taking nothing.
    await db().agentPresence.upsert({
      where: { userId: bob.id },
      create: { userId: bob.id, organizationId: org.id, state: "WRAP_UP" },
      update: { state: "WRAP_UP", wrapUpUntil: null },
    });
    const trunk = await db().sipTrunk.create({
      data: { organizationId: org.id, name: "Provider", host: "sip.example.com", username: "acct", status: "REGISTERED" },
    });
    const viewer = await asViewer(server.app, lead.id);
    const define = (name: string, kind: "SIGNED_IN_AT_MOST" | "LONGEST_WAIT_ABOVE" | "TRUNK_UNREGISTERED", threshold: number) =>
      saveAlarm(viewer, null, { name, kind, queueId: kind === "TRUNK_UNREGISTERED" ? null : queue.id, threshold, recipientIds: [lead.id] }, server.app.deps);

    // Only Bob signed in: "one agent or fewer" is raised as soon as it is defined.
    await define("Few agents", "SIGNED_IN_AT_MOST", 1);
    await define("Long wait", "LONGEST_WAIT_ABOVE", 2);
    await define("Trunk down", "TRUNK_UNREGISTERED", 0);
    await vi.waitFor(async () => expect(await open("Few agents")).toHaveLength(1), { timeout: 5000 });
    expect(await open("Long wait")).toEqual([]);

    // Ann signs in (on a break): two agents; the alarm clears after the figure stays fine.
    await state(ann.id, "BREAK");
    // A customer waits (nobody takes it): the tick raises the wait alarm, though no event came.
    const chat = await startChat(widget.key, { name: "Waiting", email: "w@example.com", message: "Hello" }, server.app.deps);
    expect(chat.state).toBe("QUEUED");
    await vi.waitFor(async () => expect(await open("Long wait")).toHaveLength(1), { timeout: 8000, interval: 250 });
    // The trunk's registration fails: raised by its event.
    await db().sipTrunk.update({ where: { id: trunk.id }, data: { status: "FAILED", statusAt: new Date() } });
    server.app.deps.events.publish("trunk.status_changed", { organizationId: org.id, trunkId: trunk.id, status: "FAILED" });
    await vi.waitFor(async () => expect(await open("Trunk down")).toHaveLength(1), { timeout: 5000 });
    expect((await open("Trunk down"))[0].subjectName).toBe("Provider");

    await vi.waitFor(async () => expect(await open("Few agents")).toEqual([]), { timeout: 20_000, interval: 500 });
    // The customer gives up: the wait is over, and its alarm clears a while later with its worst wait kept.
    const visitorId = server.app.deps.tokens.verify(chat.token)!.slice("visitor:".length);
    const interaction = await db().interaction.findFirstOrThrow({ where: { visitorId } });
    await endInteraction(interaction.id, "CONTACT", server.app.deps);
    await db().sipTrunk.update({ where: { id: trunk.id }, data: { status: "REGISTERED", statusAt: new Date() } });
    server.app.deps.events.publish("trunk.status_changed", { organizationId: org.id, trunkId: trunk.id, status: "REGISTERED" });
    await vi.waitFor(async () => expect(await raisedAlarms(org.id, db())).toEqual([]), { timeout: 20_000, interval: 500 });

    const history = await alarmHistory(org.id, 10, db());
    expect(history.map((h) => h.name).sort()).toEqual(["Few agents", "Long wait", "Trunk down"]);
    for (const h of history) expect(h.clearedAt!.getTime()).toBeGreaterThanOrEqual(h.raisedAt.getTime() + 10_000);
    expect(history.find((h) => h.name === "Few agents")!.peakValue).toBe(1);
    expect(history.find((h) => h.name === "Long wait")!.peakValue).toBeGreaterThanOrEqual(3);

    // Raised and cleared, three times over, to the lead, in Polish.
    await vi.waitFor(() => expect(smtp.mails.filter((m) => m.to.includes(lead.email))).toHaveLength(6), { timeout: 5000 });
    const mails = await Promise.all(smtp.mails.map((m) => simpleParser(m.raw)));
    const subjects = mails.map((m) => m.subject ?? "");
    expect(subjects.filter((x) => x.startsWith("Alarm: ")).sort()).toEqual([
      "Alarm: Few agents — " + queue.name,
      "Alarm: Long wait — " + queue.name,
      "Alarm: Trunk down — Provider",
    ]);
    expect(subjects.filter((x) => x.startsWith("Alarm ustał: "))).toHaveLength(3);
    expect(mails.find((m) => m.subject?.startsWith("Alarm: Few agents"))!.text).toContain("zalogowanych agentów: 1 lub mniej");
  });

  it("lets only those allowed define alarms, on their own organisation's queues", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    await expect(
      saveAlarm(await asViewer(server.app, agent.id), null, { name: "X", kind: "READY_AT_MOST", threshold: 0 }, server.app.deps),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await makeOrg(server.app);
    const foreign = await makeQueue(server.app, other, []);
    const lead = await makeUser(server.app, org, "SUPERVISOR");
    await expect(
      saveAlarm(await asViewer(server.app, lead.id), null, { name: "X", kind: "READY_AT_MOST", queueId: foreign.id, threshold: 0 }, server.app.deps),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveAlarm(await asViewer(server.app, lead.id), null, { name: "X", kind: "SERVICE_LEVEL_BELOW", threshold: 150 }, server.app.deps),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
