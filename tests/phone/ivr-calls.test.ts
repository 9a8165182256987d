// Callers meeting an IVR flow through the real telephone path (Janus, SIPp callers pressing keys by
// RFC 2833 and SIP INFO, prompts spoken by espeak-ng into the call): two menus deep to the right
// queue with what they entered shown to the agent, a wrong customer number refused until the flow
// hangs up, a caller who gives up in a menu recorded as abandoned there, and voicemail — kept on a
// case as a WAV file and mailed (to a real SMTP server in this process) — finished by # or by
// hanging up; and a call-back asked for by a key, offered to an agent and dialled (to SIPp).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { hangUp } from "../../domain/voice/calls.ts";
import { asViewer, makeQueue, makeUser, ready } from "../factories/index.ts";
import { ivrCaller } from "../support/phone/ivr-caller.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { publishedFlow } from "../support/ivr-flows.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";

const DID = "+48221239999";
const VOICEMAIL_DID = "+48221239998";
const CALLBACK_DID = "+48221239997";
const QUEUE_DID = "+48221239996";
const NOBODY_DID = "+48221239995";
let line: PhoneLine;
let smtp: SmtpSink;
const mails = () => smtp.mails;
let support: { id: string };
let sales: { id: string };
const db = () => line.server.app.db.prisma;
const say = (pl: string, en: string) => ({ text: { pl, en } });

beforeAll(async () => {
  smtp = await startSmtpSink();
  line = await startPhoneLine(DID, { SMTP_URL: smtp.url });
  const { server, org } = line;
  const agent = await makeUser(server.app, org, "AGENT");
  support = await makeQueue(server.app, org, [{ userId: agent.id }]);
  sales = await makeQueue(server.app, org, [{ userId: agent.id }]);
  await ready(server.app, org, agent.id);
  const flow = {
    language: "pl",
    start: "language",
    operator: { key: "0", node: "support" },
    nodes: {
      language: { type: "language", prompt: say("Polski: jeden.", "English: two."), options: { "1": "pl", "2": "en" }, timeoutSeconds: 4, next: "main" },
      main: { type: "menu", prompt: say("Sprzedaż: jeden. Pomoc: dwa.", "Sales: one. Help: two."), options: { "1": "sales", "2": "help" }, timeoutSeconds: 4, onFail: "support" },
      help: { type: "menu", prompt: say("Konto: cztery. Powrót: gwiazdka.", "Your account: four. Back: star."), options: { "4": "account", "*": "main" }, timeoutSeconds: 4, onFail: "support" },
      account: {
        type: "collect",
        prompt: say("Podaj numer klienta i krzyżyk.", "Your customer number, then hash."),
        invalidPrompt: say("Nie znamy tego numeru.", "We do not know that number."),
        variable: "account",
        caseField: "customerNumber",
        minDigits: 4,
        maxDigits: 6,
        timeoutSeconds: 5,
        verify: { kind: "contact_field", field: "customerNumber" },
        next: "support",
        onFail: "goodbye",
      },
      goodbye: { type: "hangup", prompt: say("Do widzenia.", "Goodbye.") },
      sales: { type: "queue", queueId: sales.id },
      support: { type: "queue", queueId: support.id, priority: 5 },
    },
  };
  await db().entryPoint.update({ where: { id: line.entryPointId }, data: { ivrFlowId: await publishedFlow(db(), org.id, "Hotline", flow) } });
  // Opening hours with no day open: every call is after hours, and goes to voicemail.
  const voicemail = {
    start: "hours",
    nodes: {
      hours: { type: "hours", hours: { enabled: true, days: {} }, open: "open", closed: "vm" },
      open: { type: "queue", queueId: support.id },
      vm: { type: "voicemail", prompt: say("Jesteśmy zamknięci. Zostaw wiadomość.", "We are closed. Leave a message."), maxSeconds: 30, email: "office@example.com" },
    },
  };
  await line.addNumber(VOICEMAIL_DID, support.id, voicemail);
  const contact = await db().contact.create({ data: { organizationId: org.id, firstName: "Iga", lastName: "Ivr", fields: { customerNumber: "4412" } } });
  await db().contactIdentity.create({ data: { organizationId: org.id, contactId: contact.id, kind: "PHONE", value: "+48601239001" } });
}, 60_000);
afterAll(async () => {
  await line?.close();
  await smtp?.close();
});

const callOf = (caller: string) => until("the call", () => db().call.findFirst({ where: { remoteNumber: caller } }));
const steps = async (interactionId: string) =>
  (await db().interactionEvent.findMany({ where: { interactionId, type: "ivr" }, orderBy: { at: "asc" } })).map((e) => e.data as { node: string; what: string; value?: string });

describe("an IVR flow on a number", () => {
  it("takes a caller two menus deep, checks their customer number, and queues them with it for the agent", async () => {
    const caller = ivrCaller(
      line.target(),
      DID,
      "+48601239001",
      [{ pause: 1500 }, { info: "2" }, { pause: 1200 }, { rfc2833: "2" }, { pause: 1200 }, { rfc2833: "4" }, { pause: 1200 }, ...[..."4412#"].map((k) => ({ info: k }))],
      { hangUpAfterMs: 4000 },
    );
    const call = await callOf("+48601239001");
    expect(call.ivr).toBe(true);
    const item = await until("the caller in the support queue", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, queueId: support.id } }), 30_000);
    expect(item.priority).toBeGreaterThanOrEqual(5);
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } });
    expect(interaction.data).toMatchObject({ ivrFields: { customerNumber: "4412" }, language: "en" });
    const log = await steps(interaction.id);
    expect(log.filter((s) => s.what === "chose").map((s) => `${s.node}:${s.value ?? ""}`)).toEqual(["language:2", "main:2", "help:4"]);
    expect(log.some((s) => s.node === "account" && s.what === "verified")).toBe(true);
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).ivr).toBe(false);
    expect(await caller.done).toBe(0);
  }, 60_000);

  it("refuses a wrong customer number, asks again, then says goodbye and hangs up", async () => {
    const wrong = [..."9999#"].map((k) => ({ info: k }));
    const caller = ivrCaller(
      line.target(),
      DID,
      "+48601239002",
      [{ pause: 1500 }, { info: "1" }, { pause: 1200 }, { info: "2" }, { pause: 1200 }, { info: "4" }, { pause: 1000 }, ...wrong, { pause: 2500 }, ...wrong, { pause: 2500 }, ...wrong],
      "waits for our BYE",
    );
    const call = await callOf("+48601239002");
    expect(await caller.done).toBe(0); // we hung up on it
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("IVR");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ENDED");
    const log = await steps(call.interactionId!);
    expect(log.filter((s) => s.node === "account").map((s) => s.what)).toEqual(["entered", "not_verified", "not_verified", "not_verified", "gave_up"]);
  }, 60_000);

  it("a caller who hangs up in a menu is abandoned there, after the choices they made", async () => {
    const caller = ivrCaller(line.target(), DID, "+48601239003", [{ pause: 1500 }, { info: "1" }], { hangUpAfterMs: 1500 });
    const call = await callOf("+48601239003");
    expect(await caller.done).toBe(0);
    await until("the end", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "ENDED");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ABANDONED");
    const log = await steps(call.interactionId!);
    expect(log.at(-1)).toMatchObject({ node: "main", what: "entered" });
    expect(log.filter((s) => s.what === "chose").map((s) => s.value)).toEqual(["1"]);
  }, 30_000);

  it("after hours, takes a voicemail until # and keeps it on a case in the queue, mailed as a WAV file with the caller's number", async () => {
    const caller = ivrCaller(line.target(), VOICEMAIL_DID, "+48601239004", [{ pause: 6000 }, { info: "#" }], "waits for our BYE");
    expect(await caller.done).toBe(0); // we hung up after the #
    const call = await callOf("+48601239004");
    const interaction = await until("the message", async () => {
      const i = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! }, include: { case: true, messages: { include: { attachments: true } } } });
      return i.messages.length > 0 && i;
    });
    expect(interaction.state).toBe("LEFT_MESSAGE");
    expect(interaction.case.queueId).toBe(support.id);
    const [file] = interaction.messages[0].attachments;
    expect(file).toMatchObject({ contentType: "audio/wav" });
    // Some seconds of the caller's audio (16-bit PCM at 8 kHz: 16 000 bytes a second).
    expect(file.size).toBeGreaterThan(16_000);
    const wav = await line.server.app.deps.files.read(file.storageKey);
    expect(wav.subarray(0, 4).toString()).toBe("RIFF");
    const mail = await until("the mail", async () => mails().find((m) => m.to.includes("office@example.com")));
    expect(mail.raw).toContain("+48601239004 left a message");
    expect(mail.raw).toMatch(/Content-Type: audio\/wav/i);
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).endReason).toBe("VOICEMAIL");
    expect((await steps(interaction.id)).filter((l) => l.node === "hours").map((l) => l.value ?? l.what)).toEqual(["entered", "closed"]);
  }, 40_000);

  it("a caller who hangs up after speaking has left their message all the same", async () => {
    const caller = ivrCaller(line.target(), VOICEMAIL_DID, "+48601239005", [{ pause: 5000 }], { hangUpAfterMs: 500 });
    expect(await caller.done).toBe(0);
    const call = await callOf("+48601239005");
    const interaction = await until("the message", async () => {
      const i = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! }, include: { messages: { include: { attachments: true } } } });
      return i.messages.length > 0 && i;
    });
    expect(interaction.state).toBe("LEFT_MESSAGE");
    expect(interaction.messages[0].attachments[0].size).toBeGreaterThan(8_000);
  }, 30_000);

  it("queues a call-back asked for by a key; the agent who takes it is put through to the caller's number", async () => {
    const { server, org } = line;
    const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
    const out = await db().sipTrunk.create({
      data: { organizationId: org.id, name: "Calls back", host: `127.0.0.1:${trunkSide.port}`, username: "centrala", register: false, callerIds: [CALLBACK_DID] },
    });
    server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: out.id });
    const flow = { start: "cb", nodes: { cb: { type: "callback", prompt: say("Oddzwonimy.", "We will call you back."), queueId: sales.id, trunkId: out.id } } };
    await line.addNumber(CALLBACK_DID, sales.id, flow);

    const caller = ivrCaller(line.target(), CALLBACK_DID, "+48601239006", [{ pause: 500 }], "waits for our BYE");
    expect(await caller.done).toBe(0); // told, and hung up on
    const first = await callOf("+48601239006");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: first.interactionId! } })).state).toBe("ENDED");
    const item = await until("the call-back offered", () =>
      db().queueItem.findFirst({ where: { queueId: sales.id, offeredToId: { not: null }, interaction: { direction: "OUTBOUND" } }, include: { interaction: true } }),
    );
    expect(item.interaction.data).toMatchObject({ callback: true, phone: "+48601239006" });
    const viewer = await asViewer(server.app, item.offeredToId!);
    await acceptOffer(viewer, item.id, server.app.deps);
    const back = await until("the call back answered", async () => {
      const c = await db().call.findFirst({ where: { interactionId: item.interactionId } });
      return c?.state === "ACTIVE" && c;
    });
    expect(back).toMatchObject({ remoteNumber: "+48601239006", localNumber: CALLBACK_DID, trunkId: out.id });
    await hangUp(viewer, back.id, server.app.deps);
    expect(await trunkSide.done).toBe(0);
  }, 40_000);

  it("a caller blocked with words hears them and is hung up on; no call or case is kept", async () => {
    await db().blockedNumber.create({ data: { organizationId: line.org.id, number: "+48601239007", dids: [DID], message: "Twój numer jest zablokowany." } });
    const caller = ivrCaller(line.target(), DID, "+48601239007", [], "waits for our BYE");
    expect(await caller.done).toBe(0); // answered (200 OK), then our BYE once the words were said
    expect(caller.messages()).toMatch(/SIP\/2\.0 200 OK/);
    expect(await db().call.count({ where: { remoteNumber: "+48601239007" } })).toBe(0);
  }, 30_000);

  it("tells a caller waiting in a queue their place, in the organisation's language, every so often", async () => {
    const { org } = line;
    await db().queue.update({ where: { id: sales.id }, data: { announceEverySeconds: 10 } });
    await line.addNumber(QUEUE_DID, sales.id);
    await db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "WRAP_UP", wrapUpUntil: new Date(Date.now() + 600_000) } });
    const caller = ivrCaller(line.target(), QUEUE_DID, "+48601239008", [{ pause: 13_000 }], { hangUpAfterMs: 500 });
    const call = await callOf("+48601239008");
    const told = await until("the announcement", () => db().interactionEvent.findFirst({ where: { interactionId: call.interactionId!, type: "position_announced" } }), 20_000);
    expect(told.data).toMatchObject({ place: 1 });
    expect(await caller.done).toBe(0);
    await db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "READY", wrapUpUntil: null } });
  }, 40_000);

  it("a flow that sends the caller to a queue nobody works tells them so before hanging up", async () => {
    const { server, org } = line;
    const empty = await makeQueue(server.app, org, []);
    const flow = { start: "q", nodes: { q: { type: "queue", queueId: empty.id } } };
    await line.addNumber(NOBODY_DID, empty.id, flow);
    const caller = ivrCaller(line.target(), NOBODY_DID, "+48601239009", [], "waits for our BYE");
    expect(await caller.done).toBe(0);
    const call = await callOf("+48601239009");
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("NO_AGENTS");
    // The words (a few seconds of speech) came before our BYE.
    expect(ended.endedAt!.getTime() - ended.createdAt.getTime()).toBeGreaterThan(2000);
  }, 30_000);
});
