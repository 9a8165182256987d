// Phone callers a queue cannot keep, through the real telephone path (Janus, SIPp, espeak-ng): a
// full queue that takes messages answers with the words and the tone and keeps the voicemail on a
// case in the queue, mailed to the queue's address (a real SMTP server in this process); a queue
// whose callers waited its longest offers a call-back (1) — queued for its agents — or, to a caller
// who stays silent, puts them back in the queue ahead of newcomers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeQueue, makeUser, ready } from "../factories/index.ts";
import { ivrCaller } from "../support/phone/ivr-caller.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";

const FULL_DID = "+48221238999";
const SLOW_DID = "+48221238998";
let line: PhoneLine;
let smtp: SmtpSink;
const mails = () => smtp.mails;
let full: { id: string };
let slow: { id: string };
const db = () => line.server.app.db.prisma;

beforeAll(async () => {
  smtp = await startSmtpSink();
  line = await startPhoneLine(FULL_DID, { SMTP_URL: smtp.url });
  const { server, org } = line;
  const agent = await makeUser(server.app, org, "AGENT");
  full = await makeQueue(server.app, org, [{ userId: agent.id }]);
  slow = await makeQueue(server.app, org, [{ userId: agent.id }]);
  await db().queue.update({ where: { id: full.id }, data: { maxQueueLength: 0, overflowAction: "VOICEMAIL", voicemailEmail: "queue@example.com" } });
  await db().queue.update({ where: { id: slow.id }, data: { maxWaitSeconds: 10, overflowAction: "CALLBACK" } });
  await db().entryPoint.update({ where: { id: line.entryPointId }, data: { queueId: full.id } });
  await line.addNumber(SLOW_DID, slow.id);
  await ready(server.app, org, agent.id);
  // Staffed, but busy for the whole file: every caller waits.
  await db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "WRAP_UP", wrapUpUntil: new Date(Date.now() + 3_600_000) } });
}, 60_000);
afterAll(async () => {
  await line?.close();
  await smtp?.close();
});

const callOf = (caller: string) => until("the call", () => db().call.findFirst({ where: { remoteNumber: caller } }));
const eventsOf = async (interactionId: string, type: string) => (await db().interactionEvent.findMany({ where: { interactionId, type }, orderBy: { at: "asc" } })).map((e) => e.data);

describe("a queue that cannot keep a phone caller", () => {
  it("full, it takes their message: words, tone, voicemail on a case in the queue, mailed to the queue's address", async () => {
    const caller = ivrCaller(line.target(), FULL_DID, "+48601238001", [{ pause: 10_000 }, { info: "#" }], "waits for our BYE");
    expect(await caller.done).toBe(0); // we hung up after the #
    const call = await callOf("+48601238001");
    const interaction = await until("the message", async () => {
      const i = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! }, include: { case: true, messages: { include: { attachments: true } } } });
      return i.messages.length > 0 && i;
    });
    expect(interaction.state).toBe("LEFT_MESSAGE");
    expect(interaction.case.queueId).toBe(full.id);
    expect(interaction.messages[0].attachments[0]).toMatchObject({ contentType: "audio/wav" });
    expect(await eventsOf(interaction.id, "overflowed")).toEqual([{ reason: "MAX_LENGTH", to: "VOICEMAIL" }]);
    expect(await eventsOf(interaction.id, "ivr_started")).toEqual([{ overflow: "VOICEMAIL", reason: "MAX_LENGTH" }]);
    const mail = await until("the mail", async () => mails().find((m) => m.to.includes("queue@example.com")));
    expect(mail.raw).toContain("+48601238001 left a message");
    expect(await db().queueItem.count({ where: { interactionId: interaction.id } })).toBe(0);
  }, 40_000);

  it("after its longest wait, a caller pressing 1 is called back instead: the call-back is queued, the call ends", async () => {
    // 10 s in the queue, then the offer (a few seconds of words; the key may come while it plays).
    const caller = ivrCaller(line.target(), SLOW_DID, "+48601238002", [{ pause: 13_000 }, { info: "1" }], "waits for our BYE");
    expect(await caller.done).toBe(0);
    const call = await callOf("+48601238002");
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("CALLBACK");
    expect(await eventsOf(call.interactionId!, "overflowed")).toEqual([{ reason: "MAX_WAIT", to: "CALLBACK" }]);
    const back = await db().interaction.findFirstOrThrow({ where: { direction: "OUTBOUND", data: { path: ["phone"], equals: "+48601238002" } }, include: { queueItem: true } });
    expect(back.data).toMatchObject({ callback: true, phone: "+48601238002", callerId: SLOW_DID });
    expect(back.queueItem).toMatchObject({ queueId: slow.id, state: "WAITING" });
    const chose = (await eventsOf(call.interactionId!, "ivr")) as { node: string; what: string; value?: string }[];
    expect(chose.find((s) => s.what === "chose")).toMatchObject({ node: "offer", value: "1" });
  }, 40_000);

  it("a caller who says nothing to the offer goes back into the queue ahead of newcomers", async () => {
    const caller = ivrCaller(line.target(), SLOW_DID, "+48601238003", [{ pause: 40_000 }], { hangUpAfterMs: 500 });
    const call = await callOf("+48601238003");
    const item = await until(
      "back in the queue",
      async () => {
        const i = await db().queueItem.findFirst({ where: { interactionId: call.interactionId!, state: "WAITING" } });
        const again = await db().interactionEvent.count({ where: { interactionId: call.interactionId!, type: "ivr_started" } });
        return again === 1 && i && i;
      },
      45_000,
    );
    const queue = await db().queue.findUniqueOrThrow({ where: { id: slow.id } });
    expect(item.priority).toBe(queue.priority + 1);
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).ivr).toBe(false);
    expect(await caller.done).toBe(0);
    await until("abandoned", async () => (await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state === "ABANDONED");
  }, 70_000);
});
