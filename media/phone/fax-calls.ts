// Calls to fax numbers on this node: answered with a fax modem on the telephone's leg (its audio
// in through the leg's tap, ordered and filled in by the fax line; what the phone hears is the
// modem alone), received into a file under DATA_DIR/fax, made into a PDF, and handed to the
// domain as a case once the call is over (domain/fax/receive-fax.ts). The far machine hanging up,
// T.30 ending, the 15-minute limit and this node stopping all end the fax the same way: the
// modem finishes with the pages it has, and those are kept.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { receiveFax, type FaxArrival, type FaxDocuments, type FaxResult } from "../../domain/fax/receive-fax.ts";
import type { Deps } from "../../domain/ports.ts";
import { faxPages, faxTiffToPdf } from "../fax/fax-documents.ts";
import { FaxLine } from "../fax/fax-line.ts";
import { findFaxModem } from "../fax/fax-modem-binary.ts";
import type { MediaService } from "../media-service.ts";
import type { IncomingCall } from "./phone-gateway.ts";
import type { PhoneLegOptions } from "./phone-leg.ts";

/** No fax call runs longer (about 50 dense fine pages). */
const MAX_FAX_SECONDS = 15 * 60;
/** A fax file whose call would have ended by now, with no case written, is put on one. */
const LEFT_OVER_MS = (MAX_FAX_SECONDS + 60) * 1000;
const RECONCILE_EVERY_MS = 60_000;
/** Fax calls one node carries at once at most, whatever the trunks allow (each is a modem process
 * and a 20 ms clock on the event loop: bench:fax). */
export const MAX_FAX_CALLS = 40;

export class FaxCalls {
  private readonly live = new Set<FaxLine>();
  /** Fax calls answered and not yet over, by trunk. */
  private readonly lines = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private reconciling: NodeJS.Timeout | null = null;

  constructor(
    private readonly media: MediaService,
    private readonly deps: Deps,
    private readonly settings: { faxModemBin?: string; cacheDir: string; workDir: string },
    private readonly hangUp: (trunkId: string, sipCallId: string) => Promise<void> | undefined,
    private readonly log: Logger,
  ) {}

  /** Answers a call to a fax number and receives the fax; settles once the call is answered.
   * `freeLines`: the trunk's lines other calls leave; a call beyond them (or beyond this node's
   * MAX_FAX_CALLS) is refused busy (486), as a fax machine expects and redials. */
  async take(sip: IncomingCall, arrival: FaxArrival, freeLines: number, leg: Omit<PhoneLegOptions, "onDigit">) {
    const onTrunk = this.lines.get(sip.trunkId) ?? 0;
    const total = [...this.lines.values()].reduce((n, v) => n + v, 0);
    if (onTrunk >= freeLines || total >= MAX_FAX_CALLS) {
      this.log.info({ to: sip.to, onTrunk, freeLines, total }, "a fax call refused (486): no line free");
      await sip.decline(486);
      return;
    }
    this.lines.set(sip.trunkId, onTrunk + 1);
    let running: { done: Promise<void> } | null = null;
    try {
      running = await this.receive(sip, arrival, leg);
    } finally {
      if (running) void running.done.finally(() => this.release(sip.trunkId));
      else this.release(sip.trunkId);
    }
  }

  private release(trunkId: string) {
    const n = (this.lines.get(trunkId) ?? 1) - 1;
    if (n > 0) this.lines.set(trunkId, n);
    else this.lines.delete(trunkId);
  }

  /** Returns once the call is answered: the fax running (settling when it is on a case), or null
   * when the call was refused or never got going. */
  private async receive(sip: IncomingCall, arrival: FaxArrival, leg: Omit<PhoneLegOptions, "onDigit">): Promise<{ done: Promise<void> } | null> {
    const modem = findFaxModem(this.settings);
    if (modem.path === null) {
      this.log.warn({ to: sip.to, why: modem.reason }, "a fax call refused (503): fax is off on this node");
      await sip.decline(503);
      return null;
    }
    if (!sip.offer) {
      // A delayed offer would need our offer in the 200 OK; trunks send fax calls with an offer.
      this.log.warn({ to: sip.to }, "a fax call without an SDP offer refused (488)");
      await sip.decline(488);
      return null;
    }
    const roomId = randomUUID();
    const partyId = randomUUID();
    await mkdir(this.settings.workDir, { recursive: true });
    const file = path.join(this.settings.workDir, `${partyId}.tif`);
    // Who called, beside the pages: a fax this node could not put on a case (it died, the database
    // was away) is put on one later from these two files (reconcileFaxFiles).
    await writeFile(`${file}.json`, JSON.stringify(arrival));
    let hungUp = false;
    let line: FaxLine | null = null;
    try {
      const answer = await this.media.addPhoneLeg(roomId, partyId, { ...leg, onDigit: () => {}, offer: sip.offer });
      await sip.accept(answer, {
        ended: () => {
          hungUp = true;
          line?.hangup();
        },
        infoDigit: () => {},
        transferResult: () => {},
      });
    } catch (err) {
      this.media.closeRoom(roomId);
      await rm(`${file}.json`, { force: true });
      throw err;
    }
    const phone = this.media.phones.fax(roomId, partyId, (packet) => line?.receive(packet));
    if (!phone) {
      this.log.error({ to: sip.to }, "a fax call's audio never started; hung up");
      await this.hangUp(sip.trunkId, sip.sipCallId);
      this.media.closeRoom(roomId);
      await rm(`${file}.json`, { force: true });
      return null;
    }
    const faxLine = new FaxLine({ binary: modem.path, mode: "receive", file, law: phone.law, ident: arrival.dialled, maxSeconds: MAX_FAX_SECONDS }, (frame) =>
      phone.send(frame),
    );
    line = faxLine;
    this.live.add(faxLine);
    const done = faxLine.start();
    if (hungUp) faxLine.hangup();
    const run = done
      .then(async (result) => {
        this.live.delete(faxLine);
        phone.stop();
        if (!hungUp) await this.hangUp(sip.trunkId, sip.sipCallId)?.catch(() => {});
        this.media.closeRoom(roomId);
        this.log.info(
          {
            from: arrival.caller,
            to: arrival.dialled,
            ok: result.ok,
            pages: result.pages,
            reason: result.reason,
            seconds: result.audioSeconds,
            rtp: result.rtp,
          },
          "fax call over",
        );
        await putOnCase(file, arrival, result, this.deps);
      })
      .catch((err) => {
        // The pages stay in the fax folder for an administrator: nothing that arrived is dropped.
        this.log.error({ err, file, from: arrival.caller, to: arrival.dialled }, "a received fax could not be put on a case; its file is kept");
      });
    const tracked = run.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return { done: tracked };
  }

  /** Puts faxes left in the fax folder on cases now and every minute (this node's earlier run died
   * mid-fax, or the database was away when one ended). */
  startReconciling() {
    const run = () =>
      void reconcileFaxFiles(this.settings.workDir, this.deps, this.log).catch((err) => this.log.error({ err }, "putting left-over faxes on cases failed"));
    run();
    this.reconciling = setInterval(run, RECONCILE_EVERY_MS);
    this.reconciling.unref();
  }

  /** This node stops: each fax ends with the pages it has, which are kept. */
  async stop() {
    if (this.reconciling) clearInterval(this.reconciling);
    for (const line of this.live) line.hangup();
    await Promise.race([Promise.all(this.running), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
}

/** The pages as a PDF beside the fax file, both on the case; the files go once the case holds them. */
async function putOnCase(file: string, arrival: FaxArrival, result: FaxResult, deps: Deps, damaged = false) {
  let documents: FaxDocuments | null = null;
  if (result.pages > 0) {
    await faxTiffToPdf(file, `${file}.pdf`);
    documents = { pdf: await readFile(`${file}.pdf`), tiff: await readFile(file) };
  } else if (damaged) {
    documents = { pdf: null, tiff: await readFile(file) };
  }
  await receiveFax(arrival, result, documents, deps);
  await Promise.all([file, `${file}.pdf`, `${file}.json`].map((f) => rm(f, { force: true })));
}

/**
 * Faxes in `dir` whose calls are long over and which no case holds yet: each goes on a case with
 * the pages its file has (a file a dying modem left unreadable is attached as it is, no PDF).
 * Returns how many were put on cases.
 */
export async function reconcileFaxFiles(dir: string, deps: Deps, log: Logger, olderThanMs = LEFT_OVER_MS): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let done = 0;
  for (const name of names.filter((n) => n.endsWith(".tif.json"))) {
    const json = path.join(dir, name);
    const file = json.slice(0, -".json".length);
    try {
      if (Date.now() - (await stat(json)).mtimeMs < olderThanMs) continue;
      const arrival = JSON.parse(await readFile(json, "utf8")) as FaxArrival;
      let damaged = false;
      const pages = await faxPages(file).catch(() => {
        damaged = true;
        return [];
      });
      const result: FaxResult = {
        ok: false,
        pages: pages.length,
        reason: `the fax call was cut off: the server handling it stopped${damaged ? " (its fax file is damaged: kept as it is)" : ""}`,
        remoteIdent: pages[0]?.description ?? "",
        bitRate: null,
        ecm: null,
        badRows: 0,
        audioSeconds: 0,
      };
      await putOnCase(file, arrival, result, deps, damaged);
      log.warn({ from: arrival.caller, to: arrival.dialled, pages: pages.length }, "a fax left by an earlier run put on a case");
      done++;
    } catch (err) {
      log.error({ err, file }, "a left-over fax could not be put on a case; its file is kept");
    }
  }
  return done;
}
