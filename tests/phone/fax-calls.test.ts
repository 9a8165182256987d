// Faxes over the trunk: a fax machine (the test's own FaxMachine: spandsp T.30 on an RTP socket
// named in SIPp's SDP, in a process of its own) calls the fax number through the registrar, Janus and the media
// engine; Centrala answers with its fax modem. The fax arrives on a new case of the number's queue
// with the pages as a PDF and the original fax file, pixel for pixel what was sent.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfToFaxTiff } from "../../media/fax/fax-documents.ts";
import { makeUser, ready } from "../factories/index.ts";
import { FaxMachine } from "../support/fax-machine.ts";
import { faxModemBinary, makeTestPdf, pixelDifferences } from "../support/fax.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";

const VOICE_DID = "+48221237000";
const FAX_DID = "+48221237009";
let line: PhoneLine;
let dir: string;
let document: string;
let threePages: string;
const db = () => line.server.app.db.prisma;
/** The caller's call once it has ended, with what happened on its interaction. */
const endedCall = (remoteNumber: string) =>
  until("the call ended", async () => {
    const c = await db().call.findFirst({ where: { remoteNumber } });
    if (c?.state !== "ENDED") return null;
    const events = await db().interactionEvent.findMany({ where: { interactionId: c.interactionId! }, select: { type: true } });
    return { ...c, kinds: events.map((e) => e.type) };
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "centrala-fax-call-"));
  document = path.join(dir, "doc.tif");
  await pdfToFaxTiff(await makeTestPdf(dir, 1), document, "fine");
  threePages = path.join(dir, "doc-3.tif");
  await pdfToFaxTiff(await makeTestPdf(dir, 3), threePages, "fine");
  line = await startPhoneLine(VOICE_DID);
  // Nobody works the queue: a fax is taken all the same, and waits on its case.
  await db().entryPoint.create({
    data: { organizationId: line.org.id, kind: "PHONE", name: "Fax", key: FAX_DID, queueId: line.queueId, trunkId: line.trunk.id, fax: true },
  });
}, 60_000);
afterAll(async () => {
  await line?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a fax number", () => {
  it("answers with the fax modem, and the fax becomes a case with its PDF and the exact pages", async () => {
    const caller = "+48225550101";
    const machine = await FaxMachine.open({ binary: faxModemBinary(), mode: "send", file: document, ident: "+48 22 555 01 01" });
    const call = sipp("caller-echo.xml", { target: line.target(), keys: { caller }, audio: { codecs: ["PCMA"], port: machine.port }, args: ["-s", FAX_DID] });
    const sent = await machine.start();
    // our modem answers as the fax number
    expect(sent, `${sent.reason}; the machine's clock stalled ${sent.rtp.stalls} times`).toMatchObject({ ok: true, pages: 1, remoteIdent: FAX_DID });
    // we hang up once the fax is through
    expect(await call.done).toBe(0);

    const fax = await until(
      "the fax on a case",
      () => db().faxMessage.findFirst({ where: { customerNumber: caller }, include: { message: { include: { attachments: true, case: true } } } }),
      30_000,
    );
    expect(fax).toMatchObject({
      direction: "INBOUND",
      ownNumber: FAX_DID,
      state: "RECEIVED",
      pages: 1,
      remoteIdent: "+48 22 555 01 01",
      ecm: true,
      reason: "",
    });
    expect(fax.message.case.subject).toBe("Caller → Fax"); // the network's display name, as for a voice call
    const pdf = fax.message.attachments.find((a) => a.contentType === "application/pdf");
    const tiff = fax.message.attachments.find((a) => a.fileName.endsWith(".tif"));
    expect(pdf && tiff).toBeTruthy();
    const files = line.server.app.deps.files;
    expect((await files.read(pdf!.storageKey)).subarray(0, 5).toString()).toBe("%PDF-");
    const received = path.join(dir, "received.tif");
    await writeFile(received, await files.read(tiff!.storageKey));
    expect(await pixelDifferences(document, received)).toEqual([0]);

    // routed like any written contact: a FAX interaction waiting in the number's queue
    const item = await until("the queue item", () =>
      db().queueItem.findFirst({ where: { interaction: { caseId: fax.message.caseId } }, include: { interaction: true } }),
    );
    expect(item.interaction.channel).toBe("FAX");
    expect(sent.rtp.jitter.received).toBeGreaterThan(500);
  }, 120_000);

  it("keeps the pages that arrived when the machine hangs up mid-fax, with the reason", async () => {
    const caller = "+48225550102";
    const machine = await FaxMachine.open({ binary: faxModemBinary(), mode: "send", file: threePages, ident: "+48 22 555 01 02" });
    // page 1 is through ~17 s into the call; page 2 (dense text) would need ~37 s more
    const call = sipp("fax-machine-hangs-up.xml", {
      target: line.target(),
      keys: { caller },
      audio: { codecs: ["PCMA"], port: machine.port },
      args: ["-s", FAX_DID, "-d", "30000"],
    });
    const sending = machine.start();
    expect(await call.done).toBe(0);
    machine.hangup();
    expect((await sending).pages).toBe(1);
    const fax = await until(
      "the partial fax on a case",
      () => db().faxMessage.findFirst({ where: { customerNumber: caller }, include: { message: { include: { attachments: true } } } }),
      30_000,
    );
    expect(fax).toMatchObject({ state: "PARTIAL", pages: 1, remoteIdent: "+48 22 555 01 02" });
    expect(fax.reason).not.toBe("");
    const tiff = fax.message.attachments.find((a) => a.fileName.endsWith(".tif"))!;
    const received = path.join(dir, "partial.tif");
    await writeFile(received, await line.server.app.deps.files.read(tiff.storageKey));
    expect(await pixelDifferences(document, received)).toEqual([0]);
  }, 120_000);

  it("takes no more fax calls than the trunk has lines free: the next machine hears busy", async () => {
    await db().sipTrunk.update({ where: { id: line.trunk.id }, data: { maxCalls: 1 } });
    try {
      const machine = await FaxMachine.open({ binary: faxModemBinary(), mode: "send", file: document, ident: "+48 22 555 01 03" });
      const first = sipp("caller-echo.xml", {
        target: line.target(),
        keys: { caller: "+48225550103" },
        audio: { codecs: ["PCMA"], port: machine.port },
        args: ["-s", FAX_DID],
      });
      const sending = machine.start();
      await until("the first fax under way", async () => machine.stats().sent > 50);
      const second = sipp("caller-refused.xml", {
        target: line.target(),
        keys: { caller: "+48225550104" },
        fill: { code: "486" },
        args: ["-s", FAX_DID, "-timeout", "10s", "-timeout_error"],
      });
      expect(await second.done).toBe(0);
      expect((await sending).ok).toBe(true);
      expect(await first.done).toBe(0);
    } finally {
      await db().sipTrunk.update({ where: { id: line.trunk.id }, data: { maxCalls: 4 } });
    }
  }, 120_000);
});

describe("a voice number that listens for fax machines", () => {
  const SHARED_DID = "+48221237010";
  const menu = {
    language: "pl",
    start: "menu",
    nodes: {
      menu: {
        type: "menu",
        prompt: { text: { pl: "Dzień dobry, tu biuro obsługi klienta. Sprzedaż: jeden. Reklamacje: dwa. Pozostałe sprawy: proszę czekać na linii." } },
        options: { "1": "bye", "2": "bye" },
        timeoutSeconds: 5,
        onFail: "bye",
      },
      bye: { type: "hangup", prompt: { text: { pl: "Do widzenia." } } },
    },
  };
  beforeAll(async () => {
    await line.addNumber(SHARED_DID, line.queueId, menu);
    await db().entryPoint.updateMany({ where: { key: SHARED_DID }, data: { faxDetect: true } });
  });

  it("hears a fax machine over the flow's greeting: the fax modem answers on the call, and the fax is a case", async () => {
    const caller = "+48225550111";
    // A machine dialling the number: it sends CNG and waits for an answering fax.
    const machine = await FaxMachine.open({ binary: faxModemBinary(), mode: "send", file: document, ident: "+48 22 555 01 11" });
    const call = sipp("caller-echo.xml", {
      target: line.target(),
      keys: { caller },
      audio: { codecs: ["PCMA"], port: machine.port },
      args: ["-s", SHARED_DID],
    });
    const sent = await machine.start();
    expect(sent, `${sent.reason}; the machine's clock stalled ${sent.rtp.stalls} times`).toMatchObject({ ok: true, pages: 1 });
    expect(await call.done).toBe(0); // we hang up once the fax is through

    const fax = await until(
      "the fax on a case",
      () => db().faxMessage.findFirst({ where: { customerNumber: caller }, include: { message: { include: { attachments: true } } } }),
      30_000,
    );
    expect(fax).toMatchObject({ direction: "INBOUND", ownNumber: SHARED_DID, state: "RECEIVED", pages: 1, remoteIdent: "+48 22 555 01 11" });
    const tiff = fax.message.attachments.find((a) => a.fileName.endsWith(".tif"))!;
    const received = path.join(dir, "shared.tif");
    await writeFile(received, await line.server.app.deps.files.read(tiff.storageKey));
    expect(await pixelDifferences(document, received)).toEqual([0]);
    // The voice call ended as a fax, and its case says a fax machine was heard.
    const ended = await endedCall(caller);
    expect(ended.endReason).toBe("FAX");
    expect(ended.kinds).toContain("fax_detected");
  }, 120_000);

  it("does not take a caller's voice for a fax machine", async () => {
    const caller = "+48225550112";
    // Its phone sends back what it hears: the greeting's speech comes back the whole way through.
    const call = sipp("caller-talks.xml", { target: line.target(), keys: { caller }, args: ["-s", SHARED_DID, "-d", "12000", "-rtp_echo"] });
    expect(await call.done).toBe(0);
    const ended = await endedCall(caller);
    expect(ended.kinds).toContain("ivr");
    expect(ended.kinds).not.toContain("fax_detected");
    expect(ended.endReason).not.toBe("FAX");
    expect(await db().faxMessage.count({ where: { customerNumber: caller } })).toBe(0);
  }, 60_000);
});

describe("a voice number without a flow that listens for fax machines", () => {
  const QUEUED_DID = "+48221237011";
  beforeAll(async () => {
    await line.addNumber(QUEUED_DID, line.queueId);
    await db().entryPoint.updateMany({ where: { key: QUEUED_DID }, data: { faxDetect: true } });
  });

  it("hears a fax machine while its call rings an agent: the offer is withdrawn, the fax modem answers, and the fax is a case", async () => {
    // Someone works the queue (else the call is refused), but lets the offer ring.
    const agent = await makeUser(line.server.app, line.org, "AGENT");
    await db().queueMember.create({ data: { queueId: line.queueId, userId: agent.id } });
    await ready(line.server.app, line.org, agent.id);
    try {
      const caller = "+48225550121";
      const machine = await FaxMachine.open({ binary: faxModemBinary(), mode: "send", file: document, ident: "+48 22 555 01 21" });
      const call = sipp("caller-echo.xml", { target: line.target(), keys: { caller }, audio: { codecs: ["PCMA"], port: machine.port }, args: ["-s", QUEUED_DID] });
      const sent = await machine.start();
      expect(sent, `${sent.reason}; the machine's clock stalled ${sent.rtp.stalls} times`).toMatchObject({ ok: true, pages: 1 });
      expect(await call.done).toBe(0);

      const ended = await endedCall(caller);
      expect(ended.endReason).toBe("FAX");
      // Offered to the agent, then taken back when the machine was heard; never answered.
      expect(ended.kinds).toEqual(expect.arrayContaining(["queued", "offered", "offer_cancelled", "fax_detected"]));
      expect(ended.kinds).not.toContain("accepted");
      expect(await db().queueItem.count({ where: { interactionId: ended.interactionId! } })).toBe(0);
      const fax = await until("the fax on a case", () => db().faxMessage.findFirst({ where: { customerNumber: caller } }), 30_000);
      expect(fax).toMatchObject({ direction: "INBOUND", ownNumber: QUEUED_DID, state: "RECEIVED", pages: 1 });
    } finally {
      await db().agentPresence.update({ where: { userId: agent.id }, data: { state: "OFFLINE" } });
    }
  }, 120_000);
});
