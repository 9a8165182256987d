// npm run bench:fax — fax calls with the product's fax media (media/fax): spandsp T.30 helpers
// driven by FaxRtpEndpoint, the way a media node carries them.
//  0. listening for fax machines (a voice number's CNG detection, domain/fax/cng.ts): how soon the
//     calling tone of the real sending modem is heard, and the detector's CPU per second of audio;
//  1. unpaced: one sender and one receiver back to back as fast as the CPU allows: CPU per page
//     (the helpers' own) for the 3-page test document (text, dense text, halftone) at fine resolution;
//  2. simultaneous calls in real time: CALLS sender/receiver pairs (default 8, so 16 fax
//     endpoints on one event loop, as on one media node) over loopback RTP through a relay that
//     loses LOSS of the packets (default 0.1 %) and delays them up to JITTER_MS (default 20 ms);
//     PAGES pages each (default 3; RESOLUTION fine or standard): how many went through, pages a
//     minute, CPU per call (the helpers' and this process's share), clock stalls, filled-in
//     frames, memory.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pdfToFaxTiff, type FaxResolution } from "../media/fax/fax-documents.ts";
import { CngDetector } from "../domain/fax/cng.ts";
import { FaxRtpEndpoint, type FaxRtpResult } from "../media/fax/fax-line.ts";
import { FAX_FRAME_BYTES, FAX_SILENCE, FaxModem } from "../media/fax/fax-modem.ts";
import { decode } from "../media/phone/g711.ts";
import { faxBackToBack, faxModemBinary, lossyRelay, makeTestPdf, pixelDifferences } from "../tests/support/fax.ts";
import { summary, table } from "./stats.ts";

const CALLS = Number(process.env.CALLS ?? 8);
const PAGES = Number(process.env.PAGES ?? 3);
const RESOLUTION = (process.env.RESOLUTION ?? "fine") as FaxResolution;
const LOSS = Number(process.env.LOSS ?? 0.001);
const JITTER_MS = Number(process.env.JITTER_MS ?? 20);

const dir = await mkdtemp(path.join(os.tmpdir(), "centrala-bench-fax-"));
try {
  const binary = faxModemBinary();
  const fine3 = path.join(dir, "doc-fine-3.tif");
  await pdfToFaxTiff(await makeTestPdf(dir, 3), fine3, "fine");
  const document = path.join(dir, `doc-${RESOLUTION}-${PAGES}.tif`);
  await pdfToFaxTiff(await makeTestPdf(dir, PAGES), document, RESOLUTION);

  // 0. listening for fax machines
  {
    // The sending modem as a calling machine: fed silence (nobody answers), it sends CNG.
    const frames: Uint8Array[] = [];
    const caller = new FaxModem({ binary, mode: "send", file: fine3, ident: "+48 22 000 00 09" }, (frame) => frames.push(frame));
    for (let i = 0; i < 400; i++) caller.write(new Uint8Array(FAX_FRAME_BYTES).fill(FAX_SILENCE.alaw));
    await new Promise((r) => setTimeout(r, 1000));
    caller.kill();
    await caller.done;
    const detector = new CngDetector();
    const pcm = new Int32Array(FAX_FRAME_BYTES);
    const toneAt = frames.findIndex((f) => f.some((b) => b !== FAX_SILENCE.alaw));
    const heardAt = frames.findIndex((f) => (decode("alaw", f, pcm), detector.push(pcm)));
    // CPU: an hour of a caller's audio (noise and tones) through the detector, as 20 ms packets.
    const packets = Array.from({ length: 500 }, (_, i) =>
      Int32Array.from({ length: FAX_FRAME_BYTES }, (_, j) => Math.round(3000 * Math.sin((i * 160 + j) * 0.37) + 800 * Math.sin((i * 160 + j) * 1.9))),
    );
    const cpu = process.cpuUsage();
    const listener = new CngDetector();
    for (let i = 0; i < 180_000; i++) listener.push(packets[i % packets.length]!);
    const used = process.cpuUsage(cpu);
    console.log("\n0. listening for fax machines (CNG)");
    table([
      {
        "modem's first tone": toneAt < 0 ? "none" : `${toneAt * 20} ms`,
        "heard at": heardAt < 0 ? "not heard" : `${heardAt * 20} ms`,
        "after the tone began": heardAt < 0 || toneAt < 0 ? "—" : `${(heardAt - toneAt) * 20} ms`,
        "CPU per hour of audio": `${((used.user + used.system) / 1000).toFixed(0)} ms`,
        "CPU per 30 s listened": `${((used.user + used.system) / 1000 / 120).toFixed(2)} ms`,
      },
    ]);
  }

  // 1. unpaced
  const started = performance.now();
  const b2b = await faxBackToBack({ document: fine3, received: path.join(dir, "b2b.tif") });
  const unpacedMs = performance.now() - started;
  console.log("\n1. back to back, unpaced: 3 fine pages");
  table([
    {
      ok: String(b2b.receiver.ok),
      pages: b2b.receiver.pages,
      "call audio": `${b2b.receiver.audioSeconds.toFixed(0)} s`,
      wall: `${(unpacedMs / 1000).toFixed(1)} s`,
      "sender CPU": `${b2b.sender.cpuMs} ms`,
      "receiver CPU": `${b2b.receiver.cpuMs} ms`,
      "CPU / page (both ends)": `${(((b2b.sender.cpuMs ?? 0) + (b2b.receiver.cpuMs ?? 0)) / Math.max(1, b2b.receiver.pages)).toFixed(0)} ms`,
    },
  ]);

  // 2. simultaneous calls in real time
  console.log(`\n2. ${CALLS} simultaneous fax calls in real time, ${PAGES} ${RESOLUTION} page(s) each, loss ${LOSS * 100} %, jitter ≤ ${JITTER_MS} ms`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rssMax = 0;
  const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 1000);
  const calls = await Promise.all(
    Array.from({ length: CALLS }, async (_, i) => {
      const received = path.join(dir, `rx-${i}.tif`);
      const relay = await lossyRelay({ loss: LOSS, jitterMs: JITTER_MS, seed: i + 1 });
      const sender = await FaxRtpEndpoint.open({ binary, mode: "send", file: document, ident: `+48 22 000 01 ${String(i).padStart(2, "0")}` });
      const receiver = await FaxRtpEndpoint.open({ binary, mode: "receive", file: received, ident: "+48 22 000 00 02" });
      relay.attach(sender.port, receiver.port);
      sender.connect({ host: "127.0.0.1", port: relay.portForA });
      receiver.connect({ host: "127.0.0.1", port: relay.portForB });
      const [tx, rx] = await Promise.all([
        sender.start().then((r) => (receiver.hangup(), r)),
        receiver.start().then((r) => (sender.hangup(), r)),
      ]);
      relay.close();
      const differences = rx.ok ? await pixelDifferences(document, received) : null;
      return { tx, rx, exact: !!differences && differences.every((d) => d === 0), seconds: (performance.now() - t0) / 1000 };
    }),
  );
  clearInterval(rssTimer);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000;
  const ok = calls.filter((c) => c.tx.ok && c.rx.ok);
  const pages = calls.reduce((n, c) => n + c.rx.pages, 0);
  const helperMs = (r: FaxRtpResult) => r.cpuMs ?? 0;
  const durations = summary(calls.map((c) => c.seconds));
  table([
    {
      calls: CALLS,
      "went through": ok.length,
      "pixel-exact": calls.filter((c) => c.exact).length,
      pages,
      wall: `${wall.toFixed(0)} s`,
      "call p50 / max": `${durations.p50.toFixed(0)} / ${durations.max.toFixed(0)} s`,
      "pages / min": (pages / (wall / 60)).toFixed(1),
    },
  ]);
  table([
    {
      "helpers' CPU / call": `${(calls.reduce((n, c) => n + helperMs(c.tx) + helperMs(c.rx), 0) / CALLS).toFixed(0)} ms`,
      "Node CPU / call (both ends)": `${(nodeCpuMs / CALLS).toFixed(0)} ms`,
      "CPU share / call": `${(((nodeCpuMs + calls.reduce((n, c) => n + helperMs(c.tx) + helperMs(c.rx), 0)) / CALLS / (durations.p50 * 1000)) * 100).toFixed(2)} % of a core`,
      "clock stalls > 100 ms": calls.reduce((n, c) => n + c.tx.rtp.stalls + c.rx.rtp.stalls, 0),
      "lost → filled in": calls.reduce((n, c) => n + c.rx.rtp.jitter.lost + c.tx.rtp.jitter.lost, 0),
      "ECM repeats": calls.reduce((n, c) => n + c.rx.ecmRetries, 0),
      "RSS max": `${(rssMax / 1048576).toFixed(0)} MB`,
    },
  ]);
  for (const c of calls.filter((x) => !x.rx.ok || !x.tx.ok))
    console.log(`  failed: sender "${c.tx.reason}" (${c.tx.pages} pages), receiver "${c.rx.reason}" (${c.rx.pages} pages)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
