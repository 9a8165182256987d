// Fax calls on this node, each a fax modem on a telephone's leg (its audio in through the leg's
// tap, ordered and filled in by the fax line; what the phone hears is the modem alone).
//
// In: calls to fax numbers are answered, received into a file under DATA_DIR/fax, made into a PDF,
// and handed to the domain as a case once the call is over (domain/fax/receive-fax.ts). The far
// machine hanging up, T.30 ending, the 15-minute limit and this node stopping all end the fax the
// same way: the modem finishes with the pages it has, and those are kept.
//
// On a voice number that listens for fax machines, a flow's caller whose line carries a calling
// fax machine's tone is answered the same way on their call (listenForFax).
//
// Out: faxes agents queued (domain/fax/send-fax.ts) are claimed while the trunk has lines free,
// their documents made into fax pages (a cover page first when asked), the number called from the
// fax number and, once it answers, the pages sent as the calling machine. Each attempt's end —
// refused, unanswered, T.30's result, or documents that would not render — goes back to the
// domain, which sends again later or records the result on the case.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import type { FaxAttempt } from "../../domain/fax/fax-rules.ts";
import { receiveFax, type FaxArrival, type FaxDocuments, type FaxResult } from "../../domain/fax/receive-fax.ts";
import { claimDueFaxes, faxAttemptEnded, type FaxAttemptDetails, type FaxToSend } from "../../domain/fax/send-fax.ts";
import { faxOnDemandDocument, faxOnDemandEnded } from "../../domain/fax/fax-on-demand.ts";
import type { Deps } from "../../domain/ports.ts";
import { coverPagePostScript, type CoverLanguage } from "../fax/cover-page.ts";
import { FaxDocumentError, faxPages, faxTiffToPdf, joinFaxFiles, pdfToFaxTiff } from "../fax/fax-documents.ts";
import { CngDetector } from "../../domain/fax/cng.ts";
import { FaxLine, type FaxLineOptions, type FaxRtpResult } from "../fax/fax-line.ts";
import { findFaxModem } from "../fax/fax-modem-binary.ts";
import type { MediaService } from "../media-service.ts";
import { RtpPcm } from "./amd-tap.ts";
import type { IncomingCall, PhoneGateway } from "./phone-gateway.ts";
import type { PhoneLegOptions } from "./phone-leg.ts";

/** No fax call runs longer (about 50 dense fine pages). */
const MAX_FAX_SECONDS = 15 * 60;
/** A fax file whose call would have ended by now, with no case written, is put on one. */
const LEFT_OVER_MS = (MAX_FAX_SECONDS + 60) * 1000;
const RECONCILE_EVERY_MS = 60_000;
/** The outbox is looked at this often (and at once when a fax is queued). */
const OUTBOX_EVERY_MS = 15_000;
/** A call out's audio starts a moment after the answer; waited for this long. */
const AUDIO_WAIT_MS = 3000;
/** A flow's caller is listened to for a fax machine this long after the answer (a calling machine
 * sends CNG until T.30's T1, 35 s, runs out). */
const LISTEN_SECONDS = 30;
/** Fax calls one node carries at once at most, whatever the trunks allow (each is a modem process
 * and a 20 ms clock on the event loop: bench:fax). */
export const MAX_FAX_CALLS = 40;

export class FaxCalls {
  private readonly live = new Set<FaxLine>();
  /** Faxes running on IVR calls (fax-on-demand, or a fax machine heard), by call. */
  private readonly onCalls = new Map<string, FaxLine>();
  /** IVR calls listened to for a fax machine's tone: stopping each, by call. */
  private readonly listening = new Map<string, () => void>();
  /** Fax calls answered and not yet over, by trunk. */
  private readonly lines = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private reconciling: NodeJS.Timeout | null = null;
  private outbox: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly media: MediaService,
    private readonly deps: Deps,
    private readonly settings: { faxModemBin?: string; cacheDir: string; workDir: string; ringSeconds: number },
    private readonly gateway: () => PhoneGateway | null,
    /** The trunks' free lines as the domain counts them (live calls against each trunk's limit). */
    private readonly freeLines: (trunkId: string) => Promise<number>,
    private readonly legOptions: (trunkId: string) => Omit<PhoneLegOptions, "onDigit">,
    private readonly log: Logger,
  ) {}

  private hangUp(trunkId: string, sipCallId: string) {
    return this.gateway()?.hangUp(trunkId, sipCallId);
  }

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
        await keepReceived(file, arrival, result, this.deps);
      })
      .catch((err) => {
        // The pages stay in the fax folder for an administrator: nothing that arrived is dropped.
        this.log.error({ err, file, from: arrival.caller, to: arrival.dialled }, "a received fax could not be put on a case; its file is kept");
      });
    const tracked = run.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return { done: tracked };
  }

  /** Sends queued faxes now and every OUTBOX_EVERY_MS (retries fall due in between). */
  startSending() {
    this.outbox = setInterval(() => this.sendDue(), OUTBOX_EVERY_MS);
    this.outbox.unref();
    this.sendDue();
  }

  /** Claims the faxes due on this node's trunks, as many as their lines allow, and sends each. One
   * look at a time: a look asked for meanwhile runs after it. */
  sendDue() {
    this.sending = this.sending.then(() => this.claimAndSend()).catch((err) => this.log.error({ err }, "looking at the fax outbox failed"));
    return this.sending;
  }

  private async claimAndSend() {
    const gateway = this.gateway();
    if (this.stopping || !gateway) return;
    const modem = findFaxModem(this.settings);
    if (modem.path === null) return; // fax is off on this node: another node (or a later run) sends
    for (const trunkId of gateway.dialable()) {
      const total = [...this.lines.values()].reduce((n, v) => n + v, 0);
      const free = Math.min(await this.freeLines(trunkId), MAX_FAX_CALLS - total) - (this.lines.get(trunkId) ?? 0);
      if (free <= 0) continue;
      for (const fax of await claimDueFaxes([trunkId], free, this.deps)) {
        this.lines.set(trunkId, (this.lines.get(trunkId) ?? 0) + 1);
        const run = this.sendOne(fax, modem.path)
          .catch((err) => {
            // The fax stays queued: its claim runs out and it is tried again.
            this.log.error({ err, fax: fax.id }, "sending a fax failed");
          })
          .finally(() => {
            this.release(trunkId);
            this.running.delete(run);
          });
        this.running.add(run);
      }
    }
  }

  private async sendOne(fax: FaxToSend, binary: string) {
    const dir = path.join(this.settings.workDir, `out-${fax.id}`);
    await mkdir(dir, { recursive: true });
    try {
      const prepared = await this.prepare(fax, dir).catch((err: unknown) => {
        if (err instanceof FaxDocumentError) return { error: err.message };
        throw err;
      });
      if ("error" in prepared) return void (await this.attemptEnded(fax, { kind: "document", reason: prepared.error }, {}));
      const { attempt, details } = await this.call(fax, binary, prepared.file, prepared.pages);
      await this.attemptEnded(fax, attempt, details);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async attemptEnded(fax: FaxToSend, attempt: FaxAttempt, details: FaxAttemptDetails) {
    const verdict = await faxAttemptEnded(fax.id, attempt, details, this.deps);
    this.log.info({ fax: fax.id, to: fax.to, attempt: fax.attempt, ended: attempt, verdict: verdict?.state }, "a fax attempt ended");
  }

  /** The pages to send, as one fax file: the documents, after the cover page when asked. */
  private async prepare(fax: FaxToSend, dir: string): Promise<{ file: string; pages: number }> {
    if (fax.missing) throw new FaxDocumentError(`${fax.missing} of its documents were deleted from the case`);
    const pdfs: string[] = [];
    for (const [i, doc] of fax.documents.entries()) {
      const file = path.join(dir, `document-${i}.pdf`);
      await writeFile(file, await this.deps.files.read(doc.storageKey));
      pdfs.push(file);
    }
    const documents = path.join(dir, "documents.tif");
    const pages = pdfs.length ? (await pdfToFaxTiff(pdfs, documents)).length : 0;
    if (!fax.cover) return { file: documents, pages };
    const org = await this.deps.db.organization.findUniqueOrThrow({ where: { id: fax.organizationId }, select: { locale: true } });
    const language = (["pl", "en", "ru"].includes(org.locale) ? org.locale : "en") as CoverLanguage;
    const coverPs = path.join(dir, "cover.ps");
    await writeFile(
      coverPs,
      coverPagePostScript({
        organization: fax.cover.organization,
        sender: fax.cover.sender,
        to: fax.to,
        from: fax.from,
        date: new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: fax.cover.timezone }).format(fax.cover.createdAt),
        pages,
        note: fax.cover.note,
        language,
        letterhead: fax.cover.letterhead,
      }),
    );
    const cover = path.join(dir, "cover.tif");
    await pdfToFaxTiff([], cover, "fine", coverPs);
    if (!pages) return { file: cover, pages: 1 };
    const all = path.join(dir, "fax.tif");
    await joinFaxFiles([cover, documents], all);
    return { file: all, pages: pages + 1 };
  }

  /** Calls the number and sends the pages as the calling machine; resolves with how it ended. */
  private call(fax: FaxToSend, binary: string, file: string, pages: number): Promise<{ attempt: FaxAttempt; details: FaxAttemptDetails }> {
    const gateway = this.gateway();
    if (!gateway) return Promise.resolve({ attempt: { kind: "call", code: 503, words: "the phone gateway stopped" }, details: {} });
    const roomId = randomUUID();
    const partyId = randomUUID();
    const trunkId = fax.trunkId;
    return new Promise((resolve) => {
      let sipCallId = "";
      let answered = false;
      let hungUp = false;
      let line: FaxLine | null = null;
      let settled = false;
      const timers = new Set<NodeJS.Timeout>();
      const later = (ms: number, fn: () => void) => {
        const t = setTimeout(() => {
          timers.delete(t);
          fn();
        }, ms);
        t.unref();
        timers.add(t);
      };
      const finish = (attempt: FaxAttempt, details: FaxAttemptDetails = {}) => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        if (!hungUp && sipCallId) void this.hangUp(trunkId, sipCallId)?.catch(() => {});
        this.media.closeRoom(roomId);
        resolve({ attempt, details });
      };
      const startFax = (waitedMs = 0) => {
        if (settled || line) return;
        const phone = this.media.phones.fax(roomId, partyId, (packet) => line?.receive(packet));
        if (!phone) {
          if (waitedMs >= AUDIO_WAIT_MS) return finish({ kind: "fax", ok: false, pages: 0, reason: "the call's audio never started" });
          return later(50, () => startFax(waitedMs + 50));
        }
        const faxLine = new FaxLine(
          { binary, mode: "send", file, law: phone.law, ident: fax.from, header: fax.cover?.organization ?? "", maxSeconds: MAX_FAX_SECONDS },
          (frame) => phone.send(frame),
        );
        line = faxLine;
        this.live.add(faxLine);
        void faxLine.start().then((result) => {
          this.live.delete(faxLine);
          phone.stop();
          this.log.info({ fax: fax.id, to: fax.to, ok: result.ok, pages: result.pages, of: pages, reason: result.reason, rtp: result.rtp }, "fax call over");
          const sent = sentOutcome(result, pages);
          finish({ kind: "fax", ok: sent.ok, pages: sent.pages, reason: sent.reason }, sent);
        });
        if (hungUp) faxLine.hangup();
      };
      void (async () => {
        try {
          const offer = await this.media.addPhoneLeg(roomId, partyId, { ...this.legOptions(trunkId), onDigit: () => {} });
          sipCallId = await gateway.dial(
            trunkId,
            fax.to,
            offer,
            {
              media: (sdp) =>
                void this.media.phoneAnswered(roomId, partyId, sdp).catch((err) => {
                  this.log.warn({ err, fax: fax.id }, "the fax machine's answer could not be used");
                  finish({ kind: "call", code: 488, words: "the fax machine's audio could not be used" });
                }),
              accepted: () => {
                answered = true;
                startFax();
              },
              ended: (code, words) => {
                hungUp = true;
                if (line) line.hangup();
                else finish(answered ? { kind: "fax", ok: false, pages: 0, reason: "the far end hung up" } : { kind: "call", code, words });
              },
            },
            fax.from,
          );
          if (settled) void this.hangUp(trunkId, sipCallId)?.catch(() => {});
          later(this.settings.ringSeconds * 1000, () => {
            if (!answered) finish({ kind: "call", code: 408, words: `no answer within ${this.settings.ringSeconds} s` });
          });
        } catch (err) {
          finish({ kind: "call", code: 503, words: (err as Error).message });
        }
      })();
    });
  }

  /**
   * Fax-on-demand: faxes a document to the caller's own machine on their call (`partyId`: their
   * telephone) — our modem the T.30 caller, sending, though we answered: the caller pressed Start
   * and their machine receives. What went is written on the call's case. Never throws.
   */
  async faxOnCall(callId: string, partyId: string, documentId: string): Promise<void> {
    this.listening.get(callId)?.();
    const dir = path.join(this.settings.workDir, `on-call-${randomUUID()}`);
    let outcome: { ok: boolean; reason: string } & FaxAttemptDetails = { ok: false, reason: "" };
    try {
      const modem = findFaxModem(this.settings);
      const doc = await faxOnDemandDocument(callId, documentId, this.deps);
      if (modem.path === null) outcome.reason = `fax is off on this server (${modem.reason})`;
      else if (!doc) outcome.reason = "the document was deleted";
      else {
        await mkdir(dir, { recursive: true });
        const pdf = path.join(dir, "document.pdf");
        const file = path.join(dir, "document.tif");
        await writeFile(pdf, doc.pdf);
        const pages = (await pdfToFaxTiff(pdf, file)).length;
        outcome = await this.sendOnLeg(callId, partyId, { binary: modem.path, file, ident: doc.ident, pages });
      }
    } catch (err) {
      this.log.error({ err, callId }, "a fax-on-demand could not be sent");
      outcome = { ok: false, reason: err instanceof FaxDocumentError ? `the document could not be faxed: ${err.message}` : "the fax could not be sent" };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    this.log.info({ callId, documentId, ok: outcome.ok, pages: outcome.pages, reason: outcome.reason }, "fax-on-demand over");
    await faxOnDemandEnded(callId, documentId, outcome, this.deps).catch((err) =>
      this.log.error({ err, callId }, "a fax-on-demand could not be put on its case"),
    );
  }

  private async sendOnLeg(
    callId: string,
    partyId: string,
    o: { binary: string; file: string; ident: string; pages: number },
  ): Promise<{ ok: boolean; reason: string } & FaxAttemptDetails> {
    const result = await this.faxOnLeg(callId, partyId, { binary: o.binary, mode: "send", role: "caller", file: o.file, ident: o.ident });
    return result ? sentOutcome(result, o.pages) : { ok: false, reason: "the call's audio had stopped" };
  }

  /** A fax modem on an IVR call's telephone until the fax is over (the caller hanging up ends it:
   * callEnded); null when the call's audio had already stopped. */
  private async faxOnLeg(callId: string, partyId: string, o: Omit<FaxLineOptions, "law" | "maxSeconds">): Promise<FaxRtpResult | null> {
    let line: FaxLine | null = null;
    const phone = this.media.phones.fax(callId, partyId, (packet) => line?.receive(packet));
    if (!phone) return null;
    const faxLine = new FaxLine({ ...o, law: phone.law, maxSeconds: MAX_FAX_SECONDS }, (frame) => phone.send(frame));
    line = faxLine;
    this.live.add(faxLine);
    this.onCalls.set(callId, faxLine);
    try {
      return await faxLine.start();
    } finally {
      this.live.delete(faxLine);
      this.onCalls.delete(callId);
      phone.stop();
    }
  }

  /** The call is over (the caller hung up): its fax, if one runs, ends with it. */
  callEnded(callId: string) {
    this.listening.get(callId)?.();
    this.onCalls.get(callId)?.hangup();
  }

  /**
   * Listens to an IVR call's telephone `partyId` for a calling fax machine (its CNG tone,
   * domain/fax/cng.ts) for the first LISTEN_SECONDS. When one is heard, `heard` stops the flow and
   * says whether the call is still the flow's; if so the modem answers on the same call and
   * receives the fax, `over` ends the call, and the fax goes on a case like a fax number's (the
   * `.json` beside its pages, so a crash meanwhile loses nothing). Never throws.
   */
  listenForFax(callId: string, partyId: string, arrival: FaxArrival, hooks: { heard: () => Promise<boolean>; over: () => Promise<void> }) {
    const modem = findFaxModem(this.settings);
    if (modem.path === null) return void this.log.warn({ callId, why: modem.reason }, "fax machines are not listened for on this node: fax is off");
    const detector = new CngDetector();
    let tap: { stop: () => void } | null = null;
    let heard = false;
    const stop = () => {
      clearInterval(attaching);
      clearTimeout(limit);
      tap?.stop();
      if (this.listening.get(callId) === stop) this.listening.delete(callId);
    };
    const attach = () => {
      if (tap) return;
      let pcm: RtpPcm | null = null;
      const tapped = this.media.phones.tap(callId, partyId, (packet) => pcm?.push(packet));
      if (!tapped) return; // its audio has not started yet
      tap = tapped;
      clearInterval(attaching);
      pcm = new RtpPcm(tapped.law, (samples) => {
        if (heard || !detector.push(samples)) return;
        heard = true;
        stop();
        void this.faxHeard(callId, partyId, arrival, modem.path!, hooks);
      });
    };
    const attaching = setInterval(attach, 200);
    attaching.unref();
    const limit = setTimeout(stop, LISTEN_SECONDS * 1000);
    limit.unref();
    this.listening.set(callId, stop);
    attach();
  }

  private async faxHeard(
    callId: string,
    partyId: string,
    arrival: FaxArrival,
    binary: string,
    hooks: { heard: () => Promise<boolean>; over: () => Promise<void> },
  ) {
    try {
      if (!(await hooks.heard())) return void this.log.info({ callId }, "a fax tone heard after the caller left the flow: ignored");
      this.log.info({ callId, from: arrival.caller, to: arrival.dialled }, "a fax machine heard on a voice number: the fax modem answers");
      const run = this.receiveOnCall(callId, partyId, arrival, binary, hooks.over).catch((err) =>
        this.log.error({ err, callId }, "a fax heard on a call could not be received"),
      );
      const tracked = run.finally(() => this.running.delete(tracked));
      this.running.add(tracked);
    } catch (err) {
      this.log.error({ err, callId }, "taking a fax machine's call failed");
    }
  }

  /** Receives a fax on an IVR call's telephone (our modem the answerer), ends the call, and puts
   * the fax on a case. */
  private async receiveOnCall(callId: string, partyId: string, arrival: FaxArrival, binary: string, over: () => Promise<void>) {
    await mkdir(this.settings.workDir, { recursive: true });
    const file = path.join(this.settings.workDir, `${randomUUID()}.tif`);
    await writeFile(`${file}.json`, JSON.stringify(arrival));
    const result = await this.faxOnLeg(callId, partyId, { binary, mode: "receive", file, ident: arrival.dialled });
    if (!result) {
      await rm(`${file}.json`, { force: true });
      return over();
    }
    await over().catch((err) => this.log.error({ err, callId }, "ending a fax machine's call failed"));
    this.log.info({ callId, from: arrival.caller, ok: result.ok, pages: result.pages, reason: result.reason, rtp: result.rtp }, "fax call over");
    await keepReceived(file, arrival, result, this.deps);
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
    this.stopping = true;
    if (this.reconciling) clearInterval(this.reconciling);
    if (this.outbox) clearInterval(this.outbox);
    for (const stopListening of [...this.listening.values()]) stopListening();
    for (const line of this.live) line.hangup();
    await Promise.race([Promise.all(this.running), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
}

/** A received fax's end: how it ended written beside the pages first (a case written later, the
 * database being away, still says it), then the pages and that on a case. */
async function keepReceived(file: string, arrival: FaxArrival, r: FaxRtpResult, deps: Deps) {
  const ended: FaxResult = {
    ok: r.ok,
    pages: r.pages,
    reason: r.reason,
    remoteIdent: r.remoteIdent,
    bitRate: r.bitRate,
    ecm: r.ecm,
    badRows: r.badRows,
    audioSeconds: r.audioSeconds,
  };
  await writeFile(`${file}.json`, JSON.stringify({ ...arrival, result: ended } satisfies LeftFax));
  await putOnCase(file, arrival, ended, deps);
}

/** What a sending modem's end means: through only when T.30 ended well with every page we had. */
function sentOutcome(result: FaxRtpResult, pages: number): { ok: boolean; reason: string; pages: number } & FaxAttemptDetails {
  return {
    ok: result.ok && result.pages >= pages,
    reason: result.reason || (result.ok ? "" : "the fax broke off"),
    pages: result.pages,
    remoteIdent: result.remoteIdent,
    bitRate: result.bitRate,
    ecm: result.ecm,
    seconds: Math.round(result.audioSeconds),
  };
}

/** What `<id>.tif.json` holds beside a received fax's pages until a case has them: who called, and
 * once the call is over, how it ended. */
type LeftFax = FaxArrival & { result?: FaxResult };

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
      const { result: ended, ...arrival } = JSON.parse(await readFile(json, "utf8")) as LeftFax;
      let damaged = false;
      const pages = await faxPages(file).catch(() => {
        damaged = true;
        return [];
      });
      // The call's own ending when it came to one (the case could not be written then); else it
      // was cut off with this node.
      const result: FaxResult =
        ended && !damaged
          ? { ...ended, pages: pages.length }
          : {
              ok: false,
              pages: pages.length,
              reason: `the fax call was cut off: the server handling it stopped${damaged ? " (its fax file is damaged: kept as it is)" : ""}`,
              remoteIdent: ended?.remoteIdent ?? pages[0]?.description ?? "",
              bitRate: ended?.bitRate ?? null,
              ecm: ended?.ecm ?? null,
              badRows: 0,
              audioSeconds: ended?.audioSeconds ?? 0,
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
