// Faxes sent from a case over the trunk: an agent faxes a case's PDF after a cover page; Centrala
// calls from its fax number through Janus, and a fax machine (the test's own FaxMachine: spandsp
// T.30 on an RTP socket named in the SIPp trunk's answer, in a process of its own) receives the cover page and the
// document, the document pixel for pixel under the header line our modem prints. A busy number is
// tried again later, and a number that does not exist fails at once, with the reason on the case.
// Fax-on-demand: a caller's fax machine dials a number whose IVR flow faxes a document back on the
// same call; the pages arrive and the call's case shows what was sent.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendFax } from "../../domain/fax/send-fax.ts";
import { FAX_RETRY_MINUTES } from "../../domain/fax/fax-rules.ts";
import { pdfToFaxTiff } from "../../media/fax/fax-documents.ts";
import { asViewer, makeQueue, makeUser } from "../factories/index.ts";
import { caseWithDocument } from "../support/fax-case.ts";
import { FaxMachine } from "../support/fax-machine.ts";
import { faxModemBinary, faxPageFile, makeTestPdf, pixelDifferences } from "../support/fax.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";

const VOICE_DID = "+48221238000";
const ON_DEMAND_DID = "+48221238050";
/** Each test's fax number (on its own trunk). */
let faxNumbers = 0;
/** The rows our modem's header line takes above each page (spandsp, fine resolution). */
const HEADER_ROWS = 32;
let line: PhoneLine;
let dir: string;
let pdf: string;
let document: string;
const db = () => line.server.app.db.prisma;

/** A trunk straight to a SIPp "network" (no registration), with the fax number on it answering `queueId`. */
async function faxTrunk(trunkPort: number, queueId: string) {
  const FAX_DID = `+4822123801${faxNumbers++}`;
  const trunk = await db().sipTrunk.create({
    data: {
      organizationId: line.org.id,
      name: `Fax out ${trunkPort}`,
      host: `127.0.0.1:${trunkPort}`,
      username: "centrala",
      register: false,
      callerIds: [FAX_DID],
      maxCalls: 2,
    },
  });
  await db().entryPoint.create({
    data: { organizationId: line.org.id, kind: "PHONE", name: `Fax ${trunkPort}`, key: FAX_DID, queueId, trunkId: trunk.id, fax: true },
  });
  line.server.app.deps.events.publish("trunk.changed", { organizationId: line.org.id, trunkId: trunk.id });
  return { ...trunk, number: FAX_DID };
}

async function agentCase() {
  const queue = await makeQueue(line.server.app, line.org, []);
  const agent = await makeUser(line.server.app, line.org, "AGENT");
  const viewer = await asViewer(line.server.app, agent.id);
  const kase = await caseWithDocument(line.server.app, { organizationId: line.org.id, queueId: queue.id, assigneeId: agent.id, pdf });
  return { queueId: queue.id, viewer, ...kase };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "centrala-fax-out-"));
  pdf = await makeTestPdf(dir, 1);
  document = path.join(dir, "doc.tif");
  await pdfToFaxTiff(pdf, document, "fine");
  line = await startPhoneLine(VOICE_DID);
}, 60_000);
afterAll(async () => {
  await line?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a fax sent from a case", () => {
  it("calls from the fax number and delivers the cover page and the document; the case shows it sent", async () => {
    const { queueId, viewer, caseId, documentId } = await agentCase();
    const received = path.join(dir, "received.tif");
    const machine = await FaxMachine.open({ binary: faxModemBinary(), mode: "receive", file: received, ident: "+48 22 555 02 01" });
    const network = sipp("trunk-answers.xml", { audio: { codecs: ["PCMA"], port: machine.port } });
    const trunk = await faxTrunk(network.port, queueId);
    const receiving = machine.start();

    const message = await sendFax(
      viewer,
      { caseId, to: "+48 22 555 02 01", attachmentIds: [documentId], cover: true, note: "Zamówienie nr 17 — proszę o potwierdzenie. Спасибо!" },
      line.server.app.deps,
    );
    expect(await db().faxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      direction: "OUTBOUND",
      state: "QUEUED",
      customerNumber: "+48225550201",
      ownNumber: trunk.number,
      trunkId: trunk.id,
    });

    const got = await receiving;
    expect(got, got.reason).toMatchObject({ ok: true, pages: 2, remoteIdent: trunk.number });
    expect(await network.done).toBe(0); // we hung up once the fax was through
    const fax = await until(
      "the fax sent",
      async () => {
        const f = await db().faxMessage.findUniqueOrThrow({ where: { id: message.id } });
        return f.state === "SENT" && f;
      },
      30_000,
    );
    expect(fax).toMatchObject({ pages: 2, attempts: 1, reason: "", remoteIdent: "+48 22 555 02 01", ecm: true });
    expect(fax.sentAt).not.toBeNull();
    // page 2 is the document, exact under the header line; page 1 the cover
    const page2 = await faxPageFile(received, 1, path.join(dir, "received-2.tif"));
    expect(await pixelDifferences(document, page2, HEADER_ROWS)).toEqual([0]);
    // the uploaded document now belongs to the fax's message
    expect((await db().attachment.findUniqueOrThrow({ where: { id: documentId } })).messageId).toBe(message.id);
  }, 180_000);

  it("tries a busy number again later, and fails a number that does not exist at once, saying why", async () => {
    const { queueId, viewer, caseId, documentId } = await agentCase();
    const busy = sipp("trunk-refuses.xml", { fill: { code: "486", reason: "Busy Here" } });
    await faxTrunk(busy.port, queueId);
    const first = await sendFax(viewer, { caseId, to: "+48225550202", attachmentIds: [documentId], cover: false }, line.server.app.deps);
    const retrying = await until("the busy attempt", async () => {
      const f = await db().faxMessage.findUniqueOrThrow({ where: { id: first.id } });
      return f.attempts === 1 && f.reason !== "" && f;
    });
    expect(retrying).toMatchObject({ state: "QUEUED", reason: "the number was busy (486 Busy Here)" });
    const wait = retrying.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan((FAX_RETRY_MINUTES[0]! - 0.5) * 60_000);
    expect(await busy.done).toBe(0);

    const unknown = sipp("trunk-refuses.xml", { fill: { code: "404", reason: "Not Found" } });
    await db().sipTrunk.updateMany({ where: { organizationId: line.org.id, host: `127.0.0.1:${busy.port}` }, data: { host: `127.0.0.1:${unknown.port}` } });
    line.server.app.deps.events.publish("trunk.changed", { organizationId: line.org.id, trunkId: retrying.trunkId! });
    // the retry falls due now
    await db().faxMessage.update({ where: { id: first.id }, data: { nextAttemptAt: new Date() } });
    const failed = await until("the fax failed", async () => {
      const f = await db().faxMessage.findUniqueOrThrow({ where: { id: first.id } });
      return f.state === "FAILED" && f;
    });
    expect(failed).toMatchObject({ attempts: 2, reason: "the number does not exist (404 Not Found)", nextAttemptAt: null });
    expect(await unknown.done).toBe(0);
  }, 120_000);
});

describe("fax-on-demand", () => {
  it("faxes the flow's document to the caller's machine on the same call, and puts what went on the case", async () => {
    const doc = await db().faxDocument.create({
      data: { organizationId: line.org.id, name: "Cennik 2027", pdf: await readFile(pdf), pages: 1, originalName: "cennik.pdf", originalBytes: 1 },
    });
    await line.addNumber(ON_DEMAND_DID, line.queueId, {
      language: "pl",
      start: "send",
      nodes: { send: { type: "fax", prompt: { text: { pl: "Proszę nacisnąć Start." } }, documentId: doc.id } },
    });
    const caller = "+48225550401";
    const received = path.join(dir, "on-demand.tif");
    // the caller's machine: it dialled and pressed Start, so it receives, answering our T.30 call
    const machine = await FaxMachine.open({ binary: faxModemBinary(), mode: "receive", role: "answerer", file: received, ident: "+48 22 555 04 01" });
    const call = sipp("caller-echo.xml", {
      target: line.target(),
      keys: { caller },
      audio: { codecs: ["PCMA"], port: machine.port },
      args: ["-s", ON_DEMAND_DID],
    });
    const got = await machine.start();
    expect(got, got.reason).toMatchObject({ ok: true, pages: 1, remoteIdent: ON_DEMAND_DID });
    expect(await call.done).toBe(0); // we hung up once it was through
    const page = path.join(dir, "on-demand-1.tif");
    await faxPageFile(received, 0, page);
    expect(await pixelDifferences(document, page)).toEqual([0]);

    const fax = await until("the fax on the call's case", () =>
      db().faxMessage.findFirst({ where: { direction: "OUTBOUND", customerNumber: caller }, include: { message: { include: { attachments: true } } } }),
    );
    expect(fax).toMatchObject({ state: "SENT", pages: 1, ownNumber: ON_DEMAND_DID, remoteIdent: "+48 22 555 04 01", reason: "" });
    expect(fax.message.body).toBe("Fax-on-demand: Cennik 2027");
    expect(fax.message.attachments.map((a) => a.fileName)).toEqual(["Cennik 2027.pdf"]);
    const ended = await until("the call ended", async () => {
      const c = await db().call.findFirst({ where: { remoteNumber: caller } });
      return c?.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("FAX");
  }, 120_000);
});
