// Fax test equipment: a 3-page test document (a text page, a dense 9 pt text page and a halftone
// page, the worst case for a fax), a pixel comparison of two fax files, two fax modems wired back
// to back through a simulated phone line (G.711, packet loss, faster than real time), and a UDP
// relay that drops and delays RTP packets between two real-time endpoints.
import { execFile } from "node:child_process";
import dgram from "node:dgram";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { FAX_FRAME_BYTES, FAX_SILENCE, FaxModem, type FaxModemOptions } from "../../media/fax/fax-modem.ts";
import { findFaxModem } from "../../media/fax/fax-modem-binary.ts";
import { blackBits, readTiffPages } from "../../media/fax/tiff.ts";
import type { FaxOutcome } from "../../media/fax/t30.ts";
import { seededRandom } from "./seeded-random.ts";

const run = promisify(execFile);

export function faxModemBinary(): string {
  const found = findFaxModem({
    faxModemBin: process.env.FAX_MODEM_BIN,
    cacheDir: process.env.CENTRALA_CACHE ?? path.join(os.homedir(), ".cache", "centrala"),
  });
  if (found.path === null) throw new Error(found.reason);
  return found.path;
}

/** The test document as a PDF of `pages` pages (1–3): text, dense text, halftone. */
export async function makeTestPdf(dir: string, pages = 3): Promise<string> {
  const gray: string[] = [];
  for (let y = 0; y < 128; y++) {
    for (let x = 0; x < 128; x++) {
      const r = Math.hypot(x - 64, y - 64);
      gray.push(
        Math.round(127.5 + 127.5 * Math.sin(r / 6 + x / 20))
          .toString(16)
          .padStart(2, "0"),
      );
    }
  }
  const dense = Array.from(
    { length: 76 },
    (_, i) =>
      `36 ${800 - i * 10} moveto (${String(i + 1).padStart(2, "0")} Zamowienie 12345/2026 - pozycja, ilosc, cena netto 1 234,56 PLN; Zakaz 789 ABCDEFGHIJ) show`,
  ).join("\n");
  const ps = [
    "%!PS",
    "<< /PageSize [595 842] >> setpagedevice",
    "/Helvetica-Bold findfont 26 scalefont setfont 72 740 moveto (Centrala - fax test) show",
    "/Helvetica findfont 13 scalefont setfont",
    "72 700 moveto (Page 1 of 3: a normal letter. Dzien dobry, zdravstvuyte.) show",
    "72 680 moveto (Numer klienta: 000123   Data: 2026-12-06   Strona: 1) show",
    "4 setlinewidth 72 600 moveto 520 600 lineto stroke",
    "showpage",
    "/Courier findfont 9 scalefont setfont",
    dense,
    "showpage",
    "gsave 60 180 translate 475 475 scale",
    `128 128 8 [128 0 0 -128 0 128] <${gray.join("")}> image`,
    "grestore /Helvetica findfont 14 scalefont setfont 72 120 moveto (Page 3: halftone) show showpage",
  ];
  const ends = ps.flatMap((line, i) => (line === "showpage" || line.endsWith("showpage") ? [i] : []));
  const source = path.join(dir, "doc.ps");
  await writeFile(source, ps.slice(0, ends[pages - 1]! + 1).join("\n") + "\n");
  const pdf = path.join(dir, `doc-${pages}.pdf`);
  await run("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", `-sOutputFile=${pdf}`, source]);
  return pdf;
}

/** Page `index` (from 0) of a fax file, alone in `out`. */
export async function faxPageFile(file: string, index: number, out: string): Promise<string> {
  await run("tiffcp", [`${file},${index}`, out]);
  return out;
}

/** Differing pixels per page between two fax files (null: page counts or sizes differ); `headerRows`:
 * rows the sending modem printed its header line in above each page of `b`, left out. */
export async function pixelDifferences(a: string, b: string, headerRows = 0): Promise<number[] | null> {
  const bits = async (file: string) => {
    const plain = `${file}.plain.tif`;
    await run("tiffcp", ["-c", "none", file, plain]);
    const data = await readFile(plain);
    return readTiffPages(data).map((page) => ({ page, bits: blackBits(data, page) }));
  };
  const [pa, pb] = await Promise.all([bits(a), bits(b)]);
  if (pa.length !== pb.length) return null;
  const out: number[] = [];
  for (let i = 0; i < pa.length; i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x.page.width !== y.page.width || x.page.length + headerRows !== y.page.length) return null;
    const skip = (headerRows * y.page.width) / 8;
    let differing = 0;
    for (let k = 0; k < x.bits.length; k++) {
      let v = x.bits[k]! ^ y.bits[k + skip]!;
      for (; v; v &= v - 1) differing++;
    }
    out.push(differing);
  }
  return out;
}

/** Black pixels in each row of a fax file's first page (where on the page something was printed). */
export async function blackPerRow(file: string): Promise<number[]> {
  const plain = `${file}.plain.tif`;
  await run("tiffcp", ["-c", "none", `${file},0`, plain]);
  const data = await readFile(plain);
  const page = readTiffPages(data)[0]!;
  const bits = blackBits(data, page);
  const rowBytes = Math.ceil(page.width / 8);
  return Array.from({ length: page.length }, (_, r) => {
    let n = 0;
    for (let k = r * rowBytes; k < (r + 1) * rowBytes; k++) for (let v = bits[k]!; v; v &= v - 1) n++;
    return n;
  });
}

export type BackToBack = { sender: FaxOutcome; receiver: FaxOutcome };

/**
 * A sender and a receiver wired back to back, faster than real time: every frame one modem writes
 * is what the other hears next, or is lost with probability `loss` (marked lost: fill-in). When
 * one has finished, the other hears a quiet line for up to 10 s and then the hang-up.
 */
export async function faxBackToBack(o: {
  document: string;
  received: string;
  loss?: number;
  seed?: number;
  sender?: Partial<FaxModemOptions>;
  receiver?: Partial<FaxModemOptions>;
  /** The sender hangs up (stops) after this many seconds of call. */
  senderHangsUpAt?: number;
}): Promise<BackToBack> {
  const binary = faxModemBinary();
  const random = seededRandom(o.seed ?? 1);
  const quiet = Buffer.alloc(FAX_FRAME_BYTES, FAX_SILENCE.alaw);
  const line = (frame: Buffer) => (o.loss && random() < o.loss ? ("lost" as const) : frame);
  let senderEnded = false;
  let receiverEnded = false;
  let senderFrames = 0;
  let quietFrames = 0;
  // after the far end is gone, a modem answering a frame gets a quiet frame back, then the hang-up
  const afterFarEnd = (modem: FaxModem) => (++quietFrames < 500 ? modem.write(quiet) : modem.hangup());
  const sender: FaxModem = new FaxModem({ binary, mode: "send", file: o.document, ident: "+48 22 000 00 01", ...o.sender }, (frame) => {
    senderFrames++;
    if (o.senderHangsUpAt && senderFrames === o.senderHangsUpAt * 50) sender.kill();
    if (receiverEnded) afterFarEnd(sender);
    else receiver.write(line(frame));
  });
  const receiver: FaxModem = new FaxModem({ binary, mode: "receive", file: o.received, ident: "+48 22 000 00 02", ...o.receiver }, (frame) =>
    senderEnded ? afterFarEnd(receiver) : sender.write(line(frame)),
  );
  void sender.done.then(() => {
    senderEnded = true;
    receiver.write(quiet);
  });
  void receiver.done.then(() => {
    receiverEnded = true;
    sender.write(quiet);
  });
  sender.write(quiet);
  receiver.write(quiet);
  const [s, r] = await Promise.all([sender.done, receiver.done]);
  return { sender: s, receiver: r };
}

/** A UDP relay between two endpoints: packets from one go to the other, some dropped or delayed. */
export async function lossyRelay(o: { loss: number; jitterMs: number; seed?: number }) {
  const random = seededRandom(o.seed ?? 7);
  const open = async () => {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    return socket;
  };
  const a = await open();
  const b = await open();
  const peers: { a?: number; b?: number } = {};
  let dropped = 0;
  let closed = false;
  const forward = (to: dgram.Socket, port: () => number | undefined) => (packet: Buffer) => {
    const target = port();
    if (target === undefined) return;
    if (random() < o.loss) {
      dropped++;
      return;
    }
    const send = () => closed || to.send(packet, target, "127.0.0.1", () => {});
    if (o.jitterMs) setTimeout(send, random() * o.jitterMs);
    else send();
  };
  a.on(
    "message",
    forward(b, () => peers.b),
  );
  b.on(
    "message",
    forward(a, () => peers.a),
  );
  return {
    /** The relay's side facing endpoint A (A sends here) and its port, and likewise for B. */
    portForA: a.address().port,
    portForB: b.address().port,
    /** Where the relay delivers to: A's and B's own ports. */
    attach(portOfA: number, portOfB: number) {
      peers.a = portOfA;
      peers.b = portOfB;
    },
    get dropped() {
      return dropped;
    },
    close() {
      closed = true;
      a.close();
      b.close();
    },
  };
}
