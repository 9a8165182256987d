// A fax into a case on both databases (domain/fax/receive-fax.ts, as the fax line hands it over
// when a call is over): whole, partial and empty faxes are each kept on a new case of the fax
// number's queue, routed on the FAX channel, with the pages attached and the sender matched to a
// contact; a fax case is answered by SMS to the number the fax came from; and a fax whose node
// died before writing its case is put on one from the files it left.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveFax, type FaxArrival, type FaxResult } from "../../domain/fax/receive-fax.ts";
import { replyBySms } from "../../domain/sms/reply-by-sms.ts";
import { pdfToFaxTiff } from "../../media/fax/fax-documents.ts";
import { reconcileFaxFiles } from "../../media/phone/fax-calls.ts";
import { makeTestPdf } from "../support/fax.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let queueId: string;
let agentId: string;
let arrival: FaxArrival;
const db = () => server.app.db.prisma;
const deps = () => server.app.deps;

const whole: FaxResult = { ok: true, pages: 2, reason: "OK", remoteIdent: " +48 22 555 01 01 ", bitRate: 14400, ecm: true, badRows: 0, audioSeconds: 61.4 };
const documents = { pdf: Buffer.from("%PDF-1.4\n% fax pages\n"), tiff: Buffer.from("II*\0fax") };

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  agentId = (await makeUser(server.app, org, "AGENT")).id;
  queueId = (await makeQueue(server.app, org, [{ userId: agentId }], { channels: ["FAX", "SMS"] })).id;
  const trunk = await db().sipTrunk.create({ data: { organizationId: org.id, name: "Carrier", host: "sip.example.test", username: "c", secret: "" } });
  const entry = await db().entryPoint.create({
    data: { organizationId: org.id, kind: "PHONE", name: "Fax", key: "+48221230099", queueId, trunkId: trunk.id, fax: true },
  });
  arrival = { organizationId: org.id, entryPointId: entry.id, queueId, entryName: "Fax", caller: "+48225550101", dialled: "+48221230099", displayName: "" };
}, 60_000);
afterAll(() => server?.close());

describe("a fax into a case", () => {
  it("opens a new FAX case on the number's queue, routed, with the pages and what the call said", async () => {
    const { caseId, messageId, state } = await receiveFax(arrival, whole, documents, deps());
    expect(state).toBe("RECEIVED");
    const kase = await db().case.findUniqueOrThrow({ where: { id: caseId }, include: { contact: { include: { identities: true } } } });
    expect(kase).toMatchObject({ channel: "FAX", queueId, subject: "+48 22 555 01 01 → Fax" });
    const fax = await db().faxMessage.findUniqueOrThrow({ where: { id: messageId }, include: { message: { include: { attachments: true } } } });
    expect(fax).toMatchObject({
      state: "RECEIVED",
      pages: 2,
      remoteIdent: "+48 22 555 01 01",
      bitRate: 14400,
      ecm: true,
      seconds: 61,
      reason: "",
      direction: "INBOUND",
    });
    expect(fax.message.attachments.map((a) => [a.fileName.slice(-4), a.contentType]).sort()).toEqual([
      [".pdf", "application/pdf"],
      [".tif", "application/octet-stream"],
    ]);
    const item = await db().queueItem.findFirstOrThrow({ where: { interaction: { caseId } }, include: { interaction: true } });
    expect(item.interaction).toMatchObject({ channel: "FAX", state: "QUEUED" });
    // a second fax from the same machine is a new case (a fax is a document, not a conversation)
    const again = await receiveFax(arrival, whole, documents, deps());
    expect(again.caseId).not.toBe(caseId);
  });

  it("keeps a partial fax with its reason, and a call that brought no page", async () => {
    const partial = await receiveFax(arrival, { ...whole, ok: false, pages: 1, reason: "Timer T2 expired while waiting for fax page" }, documents, deps());
    expect(await db().faxMessage.findUniqueOrThrow({ where: { id: partial.messageId } })).toMatchObject({
      state: "PARTIAL",
      pages: 1,
      reason: "Timer T2 expired while waiting for fax page",
    });
    const none = await receiveFax(
      { ...arrival, caller: "anonymous" },
      { ...whole, ok: false, pages: 0, remoteIdent: "", bitRate: null, ecm: null, reason: "Timer T1 expired" },
      null,
      deps(),
    );
    const empty = await db().faxMessage.findUniqueOrThrow({ where: { id: none.messageId }, include: { message: { include: { attachments: true } } } });
    expect(empty).toMatchObject({ state: "FAILED", pages: 0, reason: "Timer T1 expired" });
    expect(empty.message.attachments).toEqual([]);
    // still on the queue: someone can ring back
    expect(await db().queueItem.count({ where: { interaction: { caseId: none.caseId } } })).toBe(1);
  });

  it("is answered by SMS to the number the fax came from", async () => {
    const account = await db().smsAccount.create({
      data: { organizationId: org.id, name: "SMSC", host: "127.0.0.1", port: 1, systemId: "c", secret: deps().secrets.seal("x"), ratePerSecond: 10 },
    });
    await db().entryPoint.create({ data: { organizationId: org.id, kind: "SMS", name: "SMS", key: "+48221230098", queueId, smsAccountId: account.id } });
    const { caseId } = await receiveFax({ ...arrival, caller: "+48601555888" }, whole, documents, deps());
    await db().case.update({ where: { id: caseId }, data: { assigneeId: agentId } });
    const viewer = await asViewer(server.app, agentId);
    const reply = await replyBySms(viewer, { caseId, body: "Faks dotarł, dziękujemy." }, deps());
    expect(await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({
      customerNumber: "+48601555888",
      ownNumber: "+48221230098",
      state: "QUEUED",
    });
  });

  it("puts a fax a dead node left behind on a case, with the pages its file has and how its call ended", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "centrala-fax-left-"));
    try {
      const file = path.join(dir, "0190e0e0-0000-7000-8000-000000000001.tif");
      await pdfToFaxTiff(await makeTestPdf(dir, 1), file, "standard");
      await writeFile(`${file}.json`, JSON.stringify({ ...arrival, caller: "+48225550999" }));
      const fresh = path.join(dir, "0190e0e0-0000-7000-8000-000000000002.tif.json");
      await writeFile(fresh, JSON.stringify(arrival));
      // a modem killed while writing a page directory: its file cannot be read, and is kept as it is
      const broken = path.join(dir, "0190e0e0-0000-7000-8000-000000000003.tif");
      await writeFile(broken, Buffer.from([0x49, 0x49, 42, 0, 0xff, 0xff, 0, 0, 1, 2, 3]));
      await writeFile(`${broken}.json`, JSON.stringify({ ...arrival, caller: "+48225550998" }));
      // a fax whose call ended (the modem said how) but whose case could not be written then
      const ended = path.join(dir, "0190e0e0-0000-7000-8000-000000000004.tif");
      await pdfToFaxTiff(await makeTestPdf(dir, 1), ended, "standard");
      await writeFile(`${ended}.json`, JSON.stringify({ ...arrival, caller: "+48225550997", result: whole }));
      const log = server.app.log;
      // a call that may still be running is left alone
      expect(await reconcileFaxFiles(dir, deps(), log, 60_000)).toBe(0);
      expect(await reconcileFaxFiles(dir, deps(), log, 0)).toBe(4);
      expect(await db().faxMessage.findFirstOrThrow({ where: { customerNumber: "+48225550997" } })).toMatchObject({
        state: "RECEIVED",
        pages: 1,
        reason: "",
        bitRate: 14400,
        ecm: true,
        remoteIdent: "+48 22 555 01 01",
      });
      const fax = await db().faxMessage.findFirstOrThrow({
        where: { customerNumber: "+48225550999" },
        include: { message: { include: { attachments: true } } },
      });
      expect(fax).toMatchObject({ state: "PARTIAL", pages: 1, reason: "the fax call was cut off: the server handling it stopped" });
      expect(fax.message.attachments).toHaveLength(2);
      const damaged = await db().faxMessage.findFirstOrThrow({
        where: { customerNumber: "+48225550998" },
        include: { message: { include: { attachments: true } } },
      });
      expect(damaged).toMatchObject({ state: "FAILED", pages: 0 });
      expect(damaged.reason).toContain("damaged");
      expect(damaged.message.attachments.map((a) => [a.fileName.slice(-4), a.size])).toEqual([[".tif", 11]]);
      // the one with no pages is a FAILED case; nothing is left in the folder
      expect(await readdir(dir)).toEqual(["doc-1.pdf", "doc.ps"]);
      expect(await reconcileFaxFiles(dir, deps(), log, 0)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
