// Faxes sent from a case, on both databases (domain/fax/send-fax.ts): what an agent may fax and
// from which number, how the outbox hands due faxes out (once each, within the trunk's lines, a
// claimed one not again until its claim runs out), how each attempt's end moves the fax on, and
// "send again" after a failure.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../domain/access/viewer.ts";
import { storeAttachment } from "../../domain/cases/attachments.ts";
import { FAX_RETRY_MINUTES, MAX_FAX_ATTEMPTS } from "../../domain/fax/fax-rules.ts";
import { defaultOutboundRules } from "../../domain/phone/outbound-rules.ts";
import { claimDueFaxes, faxAttemptEnded, retryFax, sendFax } from "../../domain/fax/send-fax.ts";
import { CALL_BACKS_PER_DAY, CALL_BACK_AFTER_MS, FLOW_FAXES_PER_DAY, queueFaxCallBack } from "../../domain/fax/fax-call-back.ts";
import { receivePhoneCall } from "../../domain/phone/inbound-call.ts";
import { publishedFlow } from "../support/ivr-flows.ts";
import { until } from "../support/until.ts";
import { flowSchema } from "../../domain/ivr/flow.ts";
import { IvrSession } from "../../media/ivr/ivr-session.ts";
import pino from "pino";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { caseWithDocument } from "../support/fax-case.ts";
import { makeTestPdf } from "../support/fax.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let queueId: string;
let trunkId: string;
let viewer: Viewer;
let dir: string;
let pdf: string;
const db = () => server.app.db.prisma;
const deps = () => server.app.deps;
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { details?: { reason?: string }; code?: string }) => e.details?.reason ?? e.code,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "centrala-fax-out-"));
  pdf = await makeTestPdf(dir, 1);
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const agent = await makeUser(server.app, org, "AGENT");
  viewer = await asViewer(server.app, agent.id);
  queueId = (await makeQueue(server.app, org, [{ userId: agent.id }], { channels: ["FAX", "EMAIL"] })).id;
  trunkId = (
    await db().sipTrunk.create({
      data: { organizationId: org.id, name: "Carrier", host: "sip.example.test", username: "c", secret: "", callerIds: ["+48221230077"] },
    })
  ).id;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("faxing from a case", () => {
  it("needs a fax number, PDFs of the case, and a number the organisation's rules allow", async () => {
    const { caseId, documentId } = await caseWithDocument(server.app, { organizationId: org.id, queueId, assigneeId: viewer.userId, pdf });
    const send = (input: Partial<Parameters<typeof sendFax>[1]>, as = viewer) =>
      reasonOf(sendFax(as, { caseId, to: "+48225550301", attachmentIds: [documentId], cover: false, ...input }, deps()));
    expect(await send({})).toBe("NO_FAX_NUMBER");
    await db().entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name: "Fax", key: "+48221230077", queueId, trunkId, fax: true } });
    expect(await send({ attachmentIds: [], cover: false })).toBe("INVALID_INPUT");
    // another case's file, and a file that is not a PDF
    const other = await caseWithDocument(server.app, { organizationId: org.id, queueId, assigneeId: viewer.userId, pdf });
    expect(await send({ attachmentIds: [other.documentId] })).toBe("FAX_DOCUMENT_MISSING");
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    const image = await storeAttachment({ organizationId: org.id, caseId, fileName: "scan.png", bytes: png, maxBytes: 1 << 20 }, deps());
    expect(await send({ attachmentIds: [image.id] })).toBe("FAX_NOT_PDF");
    expect(await send({ to: "555" })).toBe("INVALID_NUMBER");
    const rules = defaultOutboundRules("Europe/Warsaw");
    await db().organization.update({ where: { id: org.id }, data: { outboundCalls: { ...rules, blockedPrefixes: ["+4870"] } } });
    expect(await send({ to: "+48 700 123 456" })).toBe("BLOCKED_PREFIX");
    await db().organization.update({ where: { id: org.id }, data: { outboundCalls: rules } });
    const noDialling = { ...viewer, permissions: new Set([...viewer.permissions].filter((p) => p !== "calls.dial_out")) };
    expect(await send({}, noDialling)).toBe("FORBIDDEN");

    const message = await sendFax(viewer, { caseId, to: "+48 22 555 03 01", attachmentIds: [documentId], cover: true, note: "Proszę podpisać." }, deps());
    expect(message.body).toBe("Proszę podpisać.");
    expect(await db().faxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      direction: "OUTBOUND",
      state: "QUEUED",
      customerNumber: "+48225550301",
      ownNumber: "+48221230077",
      trunkId,
      documentIds: [documentId],
      cover: true,
      attempts: 0,
    });
    await db().faxMessage.update({ where: { id: message.id }, data: { state: "SENT", nextAttemptAt: null } });
  });

  it("hands each due fax out once, within the lines asked for, with what it carries", async () => {
    const { caseId, documentId } = await caseWithDocument(server.app, { organizationId: org.id, queueId, assigneeId: viewer.userId, pdf });
    const ids: string[] = [];
    for (const to of ["+48225550311", "+48225550312", "+48225550313"])
      ids.push((await sendFax(viewer, { caseId, to, attachmentIds: [documentId], cover: to.endsWith("1"), note: "Uwaga" }, deps())).id);
    expect(await claimDueFaxes([], 5, deps())).toEqual([]);
    const [a, b] = await Promise.all([claimDueFaxes([trunkId], 2, deps()), claimDueFaxes([trunkId], 2, deps())]);
    const claimed = [...a, ...b];
    expect(claimed.map((f) => f.id).sort()).toEqual([...ids].sort());
    const first = claimed.find((f) => f.id === ids[0])!;
    expect(first).toMatchObject({ to: "+48225550311", from: "+48221230077", attempt: 1, missing: 0, trunkId });
    expect(first.documents).toHaveLength(1);
    expect(first.cover).toMatchObject({ note: "Uwaga", sender: expect.any(String) });
    // claimed: not handed out again until the claim runs out
    expect(await claimDueFaxes([trunkId], 5, deps())).toEqual([]);
    for (const id of ids) await faxAttemptEnded(id, { kind: "fax", ok: true, pages: 2, reason: "OK" }, { pages: 2, ecm: true, remoteIdent: "X" }, deps());
    expect((await db().faxMessage.findMany({ where: { id: { in: ids } } })).map((f) => f.state)).toEqual(["SENT", "SENT", "SENT"]);
  });

  it("tries again after busy and broken-off attempts, fails after the last, and can be sent again", async () => {
    const { caseId, documentId } = await caseWithDocument(server.app, { organizationId: org.id, queueId, assigneeId: viewer.userId, pdf });
    const { id } = await sendFax(viewer, { caseId, to: "+48225550321", attachmentIds: [documentId], cover: false }, deps());
    for (let attempt = 1; attempt <= MAX_FAX_ATTEMPTS; attempt++) {
      await db().faxMessage.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
      const [fax] = await claimDueFaxes([trunkId], 1, deps());
      expect(fax).toMatchObject({ id, attempt });
      const verdict = await faxAttemptEnded(id, { kind: "call", code: 486, words: "Busy Here" }, {}, deps());
      if (attempt < MAX_FAX_ATTEMPTS) {
        expect(verdict).toMatchObject({ state: "QUEUED", reason: "the number was busy (486 Busy Here)" });
        const row = await db().faxMessage.findUniqueOrThrow({ where: { id } });
        expect(row.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan((FAX_RETRY_MINUTES[attempt - 1]! - 0.5) * 60_000);
      } else expect(verdict).toMatchObject({ state: "FAILED" });
    }
    // a late report of an attempt changes nothing once it failed
    expect(await faxAttemptEnded(id, { kind: "fax", ok: true, pages: 1, reason: "OK" }, {}, deps())).toBeNull();
    expect(await db().faxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "FAILED", attempts: MAX_FAX_ATTEMPTS, nextAttemptAt: null });

    await retryFax(viewer, id, deps());
    expect(await db().faxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "QUEUED", attempts: 0, reason: "" });
    expect(await reasonOf(retryFax(viewer, id, deps()))).toBe("FAX_NOT_FAILED");
    // documents deleted since: the attempt fails without a call
    await db().attachment.delete({ where: { id: documentId } });
    const [again] = await claimDueFaxes([trunkId], 1, deps());
    expect(again).toMatchObject({ id, missing: 1, documents: [] });
  });
});

describe("fax-on-demand by call-back", () => {
  /** A one-page PDF in the organisation's fax library. */
  const libraryDocument = async (name: string) =>
    db().faxDocument.create({ data: { organizationId: org.id, name, pdf: await readFile(pdf), pages: 1, originalName: `${name}.pdf`, originalBytes: 1 } });
  /** A number answered by `flow` (published); ringing it from a number gives the call's id. */
  async function numberWithFlow(key: string, name: string, flow: object) {
    const ivrFlowId = await publishedFlow(db(), org.id, name, flow);
    await db().entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name, key, queueId, trunkId, ivrFlowId } });
    return async (from: string) => {
      const d = await receivePhoneCall({ trunkId, from: `sip:${from}@provider.test`, to: `sip:${key}@pbx.test`, displayName: "" }, deps());
      if (d.accept !== true) throw new Error(`refused: ${JSON.stringify(d)}`);
      return d.callId;
    };
  }

  it("queues the document to the number the caller rang from, on the call's case; a withheld number, the rules and the daily limit say no", async () => {
    const doc = await libraryDocument("Cennik");
    const flow = {
      language: "pl",
      start: "fax",
      nodes: { fax: { type: "fax", prompt: { text: { pl: "Prosimy się rozłączyć." } }, documentId: doc.id, delivery: "call_back" } },
    };
    const ring = await numberWithFlow("+48221230088", "Faks zwrotny", flow);
    const callId = await ring("+48225550601");
    const queued = await queueFaxCallBack(callId, doc.id, deps());
    if (!queued.queued) throw new Error(queued.reason);
    const fax = await db().faxMessage.findUniqueOrThrow({ where: { id: queued.faxId }, include: { message: true } });
    const call = await db().call.findUniqueOrThrow({ where: { id: callId } });
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } });
    expect(fax).toMatchObject({ direction: "OUTBOUND", state: "QUEUED", customerNumber: "+48225550601", trunkId, cover: false });
    expect(fax.message).toMatchObject({ caseId: interaction.caseId, authorType: "SYSTEM", body: "Fax-on-demand, called back: Cennik" });
    expect(fax.nextAttemptAt!.getTime() - fax.createdAt.getTime()).toBe(CALL_BACK_AFTER_MS);
    // Not before the caller has had time to hang up; then the outbox takes it like an agent's fax.
    expect((await claimDueFaxes([trunkId], 5, deps())).map((f) => f.id)).not.toContain(queued.faxId);
    await db().faxMessage.update({ where: { id: queued.faxId }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    const claimed = (await claimDueFaxes([trunkId], 5, deps())).find((f) => f.id === queued.faxId);
    expect(claimed).toMatchObject({ to: "+48225550601", cover: null, missing: 0 });
    expect(claimed!.documents.map((d) => d.fileName)).toEqual(["Cennik.pdf"]);

    expect(await queueFaxCallBack(await ring("anonymous"), doc.id, deps())).toEqual({
      queued: false,
      reason: "the caller's number is withheld or not a full number",
    });
    const rules = defaultOutboundRules("Europe/Warsaw");
    await db().organization.update({ where: { id: org.id }, data: { outboundCalls: { ...rules, blockedPrefixes: ["+4870"] } } });
    expect(await queueFaxCallBack(await ring("+48700123456"), doc.id, deps())).toMatchObject({ queued: false });
    await db().organization.update({ where: { id: org.id }, data: { outboundCalls: rules } });
    // A forged caller number cannot have one line faxed over and over.
    for (let i = 1; i < CALL_BACKS_PER_DAY; i++) expect(await queueFaxCallBack(await ring("+48225550601"), doc.id, deps())).toMatchObject({ queued: true });
    expect(await queueFaxCallBack(await ring("+48225550601"), doc.id, deps())).toEqual({
      queued: false,
      reason: `this number was faxed ${CALL_BACKS_PER_DAY} times by the flows today`,
    });
  });

  it("queues the document to the fax number keyed in (national digits after the step's prefix); no number, the rules and the organisation's daily most say no", async () => {
    const doc = await libraryDocument("Katalog");
    const flow = {
      language: "pl",
      start: "number",
      nodes: {
        number: {
          type: "collect",
          prompt: { text: { pl: "Proszę podać numer faksu." } },
          variable: "fax",
          minDigits: 9,
          maxDigits: 16,
          next: "fax",
          onFail: "fax",
        },
        fax: {
          type: "fax",
          prompt: { text: { pl: "Wyślemy go." } },
          documentId: doc.id,
          delivery: "keyed_number",
          numberVariable: "fax",
          nationalPrefix: "+48",
        },
      },
    };
    const ring = await numberWithFlow("+48221230087", "Katalog faksem", flow);
    // A withheld caller may still have it faxed to a number they key in: national, with its 0 dropped...
    const national = await queueFaxCallBack(await ring("anonymous"), doc.id, deps(), { digits: "0225550701", nationalPrefix: "+48" });
    if (!national.queued) throw new Error(national.reason);
    const fax = await db().faxMessage.findUniqueOrThrow({ where: { id: national.faxId }, include: { message: true } });
    expect(fax).toMatchObject({ customerNumber: "+48225550701", state: "QUEUED" });
    expect(fax.message.body).toBe("Fax-on-demand, to the number keyed in, +48225550701: Katalog");
    expect(await queueFaxCallBack(await ring("+48225550702"), doc.id, deps(), { digits: "12", nationalPrefix: null })).toEqual({
      queued: false,
      reason: "the number keyed in (12) is not a full number",
    });
    // The toll-fraud rules hold for a keyed number as for an agent's fax: abroad only where allowed
    // (00 is international), and never to a blocked prefix.
    const rules = defaultOutboundRules("Europe/Warsaw");
    const keyedAbroad = async () => queueFaxCallBack(await ring("+48225550702"), doc.id, deps(), { digits: "00442075550703", nationalPrefix: "+48" });
    expect(await keyedAbroad()).toMatchObject({ queued: false });
    await db().organization.update({
      where: { id: org.id },
      data: { outboundCalls: { ...rules, allowedPrefixes: ["+48", "+44"], blockedPrefixes: ["+4870"] } },
    });
    expect(await keyedAbroad()).toMatchObject({ queued: true });
    expect(await db().faxMessage.count({ where: { customerNumber: "+442075550703" } })).toBe(1);
    expect(await queueFaxCallBack(await ring("+48225550702"), doc.id, deps(), { digits: "700123456", nationalPrefix: "+48" })).toMatchObject({ queued: false });
    await db().organization.update({ where: { id: org.id }, data: { outboundCalls: rules } });
    // However many numbers callers key in, the flows send at most FLOW_FAXES_PER_DAY a day.
    const sent = await db().faxMessage.count({ where: { organizationId: org.id, direction: "OUTBOUND", message: { authorType: "SYSTEM" } } });
    const messages = Array.from({ length: FLOW_FAXES_PER_DAY - sent }, () => ({
      id: crypto.randomUUID(),
      organizationId: org.id,
      caseId: fax.message.caseId,
      authorType: "SYSTEM" as const,
      body: "earlier",
    }));
    await db().message.createMany({ data: messages });
    await db().faxMessage.createMany({
      data: messages.map((m, i) => ({
        id: m.id,
        organizationId: org.id,
        trunkId,
        direction: "OUTBOUND" as const,
        customerNumber: `+4822600${String(i).padStart(4, "0")}`,
        ownNumber: "+48221230087",
        state: "SENT" as const,
      })),
    });
    expect(await queueFaxCallBack(await ring("+48225550702"), doc.id, deps(), { digits: "225550704", nationalPrefix: "+48" })).toEqual({
      queued: false,
      reason: `the flows have queued ${FLOW_FAXES_PER_DAY} faxes today, their daily most`,
    });
    await db().faxMessage.deleteMany({ where: { id: { in: messages.map((m) => m.id) } } });
  });

  it("a flow's call-back step says its words, queues the fax and ends the call", async () => {
    const doc = await libraryDocument("Regulamin");
    const flow = flowSchema.parse({
      language: "pl",
      start: "fax",
      nodes: { fax: { type: "fax", prompt: { text: { pl: "Prosimy się rozłączyć." } }, documentId: doc.id, delivery: "call_back" } },
    });
    const ivrFlowId = await publishedFlow(db(), org.id, "Regulamin faksem", flow);
    await db().entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name: "Regulamin", key: "+48221230089", queueId, trunkId, ivrFlowId } });
    const d = await receivePhoneCall({ trunkId, from: "sip:+48225550611@provider.test", to: "sip:+48221230089@pbx.test", displayName: "" }, deps());
    if (d.accept !== true) throw new Error("refused");
    const said: number[] = [];
    // A stand-in for the caller's telephone: every prompt is heard at once.
    const host = {
      play: (audio: Uint8Array, finished: () => void) => (said.push(audio.length), setImmediate(finished)),
      stopPrompt() {},
      record: () => Promise.reject(new Error("no voicemail here")),
      transfer: async () => {},
      fax: () => Promise.reject(new Error("not on this call")),
    };
    const session = new IvrSession(
      d.callId,
      flow,
      { timezone: "Europe/Warsaw", caller: d.ivr!.caller },
      host,
      { cacheDir: path.join(dir, "tts") },
      deps(),
      pino({ level: "silent" }),
    );
    session.start();
    const ended = await until("the call ended", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: d.callId } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("FAX_CALLBACK");
    expect(said).toHaveLength(1);
    expect(await db().faxMessage.findFirst({ where: { customerNumber: "+48225550611", state: "QUEUED" } })).not.toBeNull();
  });
});
