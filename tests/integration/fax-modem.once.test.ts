// The fax modem against itself: real spandsp T.30 on both sides, real Ghostscript and libtiff.
// Back to back (faster than real time) for the document and loss cases, and over RTP in real
// time through a relay that drops and delays packets, as on a call.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaxDocumentError, faxPages, faxTiffToPdf, pdfToFaxTiff } from "../../media/fax/fax-documents.ts";
import { FaxModem } from "../../media/fax/fax-modem.ts";
import { FaxRtpEndpoint } from "../../media/fax/fax-line.ts";
import { faxBackToBack, faxModemBinary, lossyRelay, makeTestPdf, pixelDifferences } from "../support/fax.ts";

let dir: string;
let fine: string;
let standardOnePage: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "centrala-fax-"));
  fine = path.join(dir, "doc-fine.tif");
  expect(await pdfToFaxTiff(await makeTestPdf(dir, 3), fine, "fine")).toHaveLength(3);
  standardOnePage = path.join(dir, "doc-std-1.tif");
  await pdfToFaxTiff(await makeTestPdf(dir, 1), standardOnePage, "standard");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fax documents", () => {
  it("makes a PDF into fax pages (A4, 1728 dots, fine or standard) and pages back into a PDF", async () => {
    const pages = await faxPages(fine);
    expect(pages.map((p) => [p.width, p.length, p.compression])).toEqual([
      [1728, 2292, 4],
      [1728, 2292, 4],
      [1728, 2292, 4],
    ]);
    expect((await faxPages(standardOnePage)).map((p) => [p.width, p.length, p.compression])).toEqual([[1728, 1146, 3]]);
    const pdf = path.join(dir, "back.pdf");
    await faxTiffToPdf(fine, pdf);
    const text = (await readFile(pdf)).toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text.match(/\/Type\s*\/Page\b/g)).toHaveLength(3);
  });

  it("refuses what is not a PDF, or a broken one, in words", async () => {
    const notPdf = path.join(dir, "note.pdf");
    await writeFile(notPdf, "hello");
    await expect(pdfToFaxTiff(notPdf, path.join(dir, "x.tif"))).rejects.toThrow("the document is not a PDF");
    const broken = path.join(dir, "broken.pdf");
    await writeFile(broken, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    await expect(pdfToFaxTiff(broken, path.join(dir, "y.tif"))).rejects.toBeInstanceOf(FaxDocumentError);
    expect(await faxPages(path.join(dir, "nothing-arrived.tif"))).toEqual([]);
  });
});

describe("two fax modems back to back", () => {
  it("a 3-page fine document arrives pixel-identical with ECM through 0.1 % packet loss", async () => {
    const received = path.join(dir, "rx-loss.tif");
    const { sender, receiver } = await faxBackToBack({ document: fine, received, loss: 0.001, seed: 3 });
    expect(sender).toMatchObject({ ok: true, pages: 3, remoteIdent: "+48 22 000 00 02" });
    expect(receiver).toMatchObject({ ok: true, pages: 3, ecm: true, bitRate: 14400, remoteIdent: "+48 22 000 00 01", badRows: 0 });
    expect(receiver.filledFrames).toBeGreaterThan(0);
    expect(await pixelDifferences(fine, received)).toEqual([0, 0, 0]);
    // the received file carries the sender's ident, as agents will see it on the case
    expect((await faxPages(received))[0]!.description).toContain("+48 22 000 00 01");
  });

  it("a µ-law line without ECM still delivers every page", async () => {
    const received = path.join(dir, "rx-ulaw.tif");
    const { receiver } = await faxBackToBack({
      document: standardOnePage,
      received,
      sender: { law: "ulaw", ecm: false },
      receiver: { law: "ulaw", ecm: false },
    });
    expect(receiver).toMatchObject({ ok: true, pages: 1, ecm: false });
    expect(await pixelDifferences(standardOnePage, received)).toEqual([0]);
  });

  it("a sender that hangs up mid-document leaves the pages that arrived and the reason", async () => {
    const received = path.join(dir, "rx-partial.tif");
    // page 1 is through by ~17 s of call, page 2 (dense text) needs ~37 s more
    const { receiver } = await faxBackToBack({ document: fine, received, senderHangsUpAt: 30 });
    expect(receiver.ok).toBe(false);
    expect(receiver.pages).toBe(1);
    expect(receiver.reason).not.toBe("");
    const kept = await faxPages(received);
    expect(kept.length).toBe(1);
  });

  it("a receiver that hears no fax at all gives up with a reason, not forever", async () => {
    const received = path.join(dir, "rx-none.tif");
    const modem = new FaxModem({ binary: faxModemBinary(), mode: "receive", file: received, maxSeconds: 60 }, () => modem.write(Buffer.alloc(160, 0xd5)));
    modem.write(Buffer.alloc(160, 0xd5));
    const outcome = await modem.done;
    expect(outcome).toMatchObject({ ok: false, pages: 0 });
    expect(outcome.audioSeconds).toBeLessThanOrEqual(60);
    expect(outcome.reason.length).toBeGreaterThan(3);
  });
});

describe("fax over RTP in real time", () => {
  it("a page goes through a line that loses 0.1 % of packets and delays them up to 30 ms (reordering)", async () => {
    const received = path.join(dir, "rx-rtp.tif");
    const binary = faxModemBinary();
    const relay = await lossyRelay({ loss: 0.001, jitterMs: 30 });
    const sender = await FaxRtpEndpoint.open({ binary, mode: "send", file: standardOnePage, ident: "+48 22 000 00 01" });
    const receiver = await FaxRtpEndpoint.open({ binary, mode: "receive", file: received, ident: "+48 22 000 00 02" });
    relay.attach(sender.port, receiver.port);
    sender.connect({ host: "127.0.0.1", port: relay.portForA });
    receiver.connect({ host: "127.0.0.1", port: relay.portForB });
    const [tx, rx] = await Promise.all([sender.start().then((r) => (receiver.hangup(), r)), receiver.start().then((r) => (sender.hangup(), r))]);
    relay.close();
    expect(tx.ok).toBe(true);
    expect(rx).toMatchObject({ ok: true, pages: 1 });
    expect(rx.rtp.jitter.received).toBeGreaterThan(500);
    expect(await pixelDifferences(standardOnePage, received)).toEqual([0]);
  }, 90_000);
});
