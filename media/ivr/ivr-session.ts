// One caller in an IVR flow, on the media role: the engine (domain/ivr/engine.ts) says what to do,
// this does it — plays prompts into the caller's telephone (uploaded recordings, or text
// synthesised; both cached), listens for keys (a key stops a prompt that listens: barge-in), times
// out, looks digits up — and feeds back what happened. The domain records every step and hands
// the caller on (queue, number, hang-up).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { type IvrAction, type IvrContext, type IvrEvent, type IvrState, type IvrStep, onEvent, startFlow } from "../../domain/ivr/engine.ts";
import type { IvrFlow, Prompt } from "../../domain/ivr/flow.ts";
import { queueFaxCallBack } from "../../domain/fax/fax-call-back.ts";
import { QUEUE_REFUSED_WORDS, contactFieldMatches, ivrEnds, ivrFailed, ivrToQueue, recordIvrSteps } from "../../domain/ivr/ivr-calls.ts";
import { type Language, fillPrompt } from "../../domain/ivr/speech.ts";
import { overflowIvrOf } from "../../domain/ivr/overflow.ts";
import { lookUpDigits } from "../../domain/ivr/verify-url.ts";
import { voicemailLeft, voicemailStarted } from "../../domain/ivr/voicemail.ts";
import { requestCallbackFromCall } from "../../domain/phone/callbacks.ts";
import type { Deps } from "../../domain/ports.ts";
import { encode } from "../phone/g711.ts";
import type { TrackFormat } from "../track-recorder.ts";
import { promptAudio } from "../uploaded-audio.ts";
import { type SpeechOptions, synthesize } from "./tts.ts";
import { recordingToWav } from "./wav.ts";

/** The tone before a voicemail: 1 kHz for 400 ms, A-law. */
const BEEP = (() => {
  const pcm = new Int32Array(3200).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)));
  const out = new Uint8Array(pcm.length);
  encode("alaw", pcm, out);
  return out;
})();

/** How long callers waited from a key to the next prompt starting (ms), the latest 10 000: what a
 * monitor or bench/ivr.ts reads. */
export const digitToPromptMs: number[] = [];
const record = (ms: number) => {
  digitToPromptMs.push(ms);
  if (digitToPromptMs.length > 10_000) digitToPromptMs.shift();
};

/** What the session needs from the call: the caller's telephone, and a way to pass them on. */
export interface IvrHost {
  play(audio: Uint8Array, done: () => void): void;
  stopPrompt(): void;
  /** Records the caller into `file` until stopped (a voicemail). */
  record(file: string): Promise<{ stop(): Promise<{ format: TrackFormat; seconds: number }> }>;
  /** SIP REFER to the number; resolves when asked (the network's answer comes later). */
  transfer(number: string): Promise<void>;
  /** Faxes the document to the caller's machine on this call; resolves when the fax is over and
   * on the case. A caller with no telephone line (a web caller) has none. */
  fax?(documentId: string): Promise<void>;
}

/** The prompt's words in the caller's language, or in the first language it has; null when it has none. */
function textOf(prompt: Prompt, language: Language): { text: string; language: Language } | null {
  const own = prompt.text[language];
  if (own) return { text: own, language };
  const first = Object.entries(prompt.text)[0] as [Language, string] | undefined;
  return first ? { text: first[1], language: first[0] } : null;
}

export class IvrSession {
  private state: IvrState | null = null;
  private pending: IvrAction[] = [];
  /** The step waits for keys: how long after its prompt (and between keys). */
  private listening: { timeoutSeconds: number } | null = null;
  private playing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ended = false;
  /** Bumped at every step: work started for an earlier step (a prompt still being synthesised)
   * is dropped when it finishes. */
  private generation = 0;
  /** When the key that moved the caller on arrived (for digitToPromptMs). */
  private keyAt: number | null = null;
  /** A voicemail being recorded: # or its time limit or the caller hanging up ends it. */
  private voicemail: { finish: (hangUp: boolean) => Promise<void> } | null = null;
  /** Steps are written in the order they happened. */
  private logged: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly callId: string,
    private flow: IvrFlow,
    private readonly context: Omit<IvrContext, "now">,
    private readonly host: IvrHost,
    private readonly speech: SpeechOptions,
    private readonly deps: Deps,
    private readonly log: Logger,
  ) {}

  private get ctx(): IvrContext {
    return { ...this.context, now: this.deps.now() };
  }

  start() {
    this.guard(() => this.apply(startFlow(this.flow, this.ctx)));
  }

  /** The caller goes on in another flow (a full queue's voicemail / call-back offer): from its start. */
  private restart(flow: IvrFlow) {
    this.clearTimer();
    this.flow = flow;
    this.state = null;
    this.pending = [];
    this.listening = null;
    this.generation++;
    this.ended = false;
    this.start();
  }

  /** A full queue that takes messages or offers call-backs: its flow, for this call. */
  private async overflow() {
    const next = await overflowIvrOf(this.deps.db, this.callId);
    if (next) this.restart(next.flow);
    else await ivrEnds(this.callId, "QUEUE_FULL", this.deps);
  }

  /** The flow cannot go on: the caller goes to the number's queue (or that queue's overflow flow). */
  private async fail(why: string) {
    if ((await ivrFailed(this.callId, why, this.deps)) === "OVERFLOW") await this.overflow();
  }

  /** A key the caller pressed (RFC 2833 or SIP INFO). */
  digit(digit: string) {
    if (digit === "#" && this.voicemail) return void this.voicemail.finish(true);
    if (this.ended || !this.state) return;
    // Keys count only while the step listens; a prompt that listens stops at the first one.
    if (!this.listening) return;
    if (this.playing) {
      this.host.stopPrompt();
      this.playing = false;
    }
    this.pending = [];
    this.keyAt = performance.now();
    this.event({ type: "digit", digit });
  }

  /** The network could not connect the caller to the flow's number: they go to the queue. */
  transferFailed(code: number) {
    if (this.ended) return;
    this.ended = true;
    void this.fail(`the transfer was refused (${code})`).catch((err) => this.log.error({ err }, "IVR fallback failed"));
  }

  /** The call ended (the caller hung up, or the flow handed them on); a voicemail being recorded
   * is kept (hanging up is how most callers finish one). */
  end() {
    this.ended = true;
    this.clearTimer();
    if (this.playing) this.host.stopPrompt();
    void this.voicemail?.finish(false);
  }

  private event(e: IvrEvent) {
    this.clearTimer();
    this.guard(() => this.apply(onEvent(this.flow, this.state!, e, this.ctx)));
  }

  private apply(step: IvrStep) {
    const log = step.log;
    this.logged = this.logged.then(() => recordIvrSteps(this.callId, log, this.deps)).catch((err) => this.log.error({ err }, "recording IVR steps failed"));
    const stillHere = step.state.node === this.state?.node;
    this.state = step.state;
    if (!step.actions.length) {
      // Collecting digits: the next must come within the step's time.
      if (stillHere && this.listening) this.startTimer(this.listening.timeoutSeconds);
      return;
    }
    this.generation++;
    // A step that asks listens from the start: keys pressed while its prompt is being made count.
    const asks = step.actions.at(-1);
    this.listening = asks?.kind === "say" ? (asks.listen ?? null) : null;
    this.pending = [...step.actions];
    this.guard(() => this.next());
  }

  private async next() {
    const action = this.pending.shift();
    if (!action || this.ended) return;
    const generation = this.generation;
    switch (action.kind) {
      case "say": {
        const audio = await this.promptAudio(action);
        if (this.ended || generation !== this.generation) return;
        const done = () => {
          this.playing = false;
          if (this.ended || generation !== this.generation) return;
          if (this.pending.length) this.guard(() => this.next());
          else if (this.listening) this.startTimer(this.listening.timeoutSeconds);
          else this.event({ type: "prompt_done" });
        };
        // Nothing to play (the recording was deleted and there is no text): the flow goes on.
        if (!audio) return done();
        if (this.keyAt !== null) record(performance.now() - this.keyAt);
        this.keyAt = null;
        this.playing = true;
        this.host.play(audio, done);
        return;
      }
      case "verify": {
        const digits = action.digits;
        let result: { ok: boolean; vars?: Record<string, string>; unavailable?: boolean; secret?: boolean };
        if (action.verify.kind === "contact_field") result = await contactFieldMatches(this.callId, action.verify.field, digits, this.deps);
        else result = await lookUpDigits(action.verify, { number: this.context.caller.number, digits });
        if (!this.ended && generation === this.generation) this.event({ type: "verified", ...result });
        return;
      }
      case "queue":
        this.ended = true;
        await this.logged;
        {
          const { fields, language } = this.state!;
          const result = await ivrToQueue(this.callId, { queueId: action.queueId, priority: action.priority, fields, language, endIfRefused: false }, this.deps);
          if (result === "OVERFLOW") return this.overflow();
          if (result === "NO_AGENTS" || result === "QUEUE_FULL") {
            // Said before we hang up, in the caller's language: not a silent line going dead.
            const audio = await synthesize(QUEUE_REFUSED_WORDS[language], language, this.speech);
            await new Promise<void>((resolve) => {
              const limit = setTimeout(resolve, 15_000);
              this.host.play(audio, () => (clearTimeout(limit), resolve()));
            });
            await ivrEnds(this.callId, result, this.deps);
          }
        }
        return;
      case "transfer":
        await this.logged;
        await this.host.transfer(action.number);
        return;
      case "voicemail":
        await this.logged;
        await this.recordVoicemail(action);
        return;
      case "callback":
        this.ended = true;
        await this.logged;
        if (await requestCallbackFromCall(this.callId, { queueId: action.queueId, trunkId: action.trunkId }, this.deps)) await ivrEnds(this.callId, "CALLBACK", this.deps);
        else await this.fail("no call-back could be queued (a withheld number, or the queue takes no more)");
        return;
      case "hangup":
        this.ended = true;
        await this.logged;
        await ivrEnds(this.callId, "IVR", this.deps);
        return;
      case "fax":
        // The line is the fax machines' from here: keys no longer count, and the call ends after.
        this.ended = true;
        await this.logged;
        if (action.callBack) {
          // Faxed by the outbox to the number they rang from (or keyed in), once they have hung up.
          const back = await queueFaxCallBack(this.callId, action.documentId, this.deps, action.keyed);
          if (!back.queued) this.log.warn({ reason: back.reason }, "a fax-on-demand call-back was not queued");
          await ivrEnds(this.callId, back.queued ? "FAX_CALLBACK" : "FAX_CALLBACK_REFUSED", this.deps);
          return;
        }
        await this.host.fax?.(action.documentId);
        await ivrEnds(this.callId, "FAX", this.deps);
        return;
    }
  }

  /** What a prompt sounds like: its uploaded recording, or else (or when the recording is gone)
   * its text spoken; null when there is neither. */
  private async promptAudio(action: Extract<IvrAction, { kind: "say" }>): Promise<Uint8Array | null> {
    const { prompt } = action;
    if (prompt.audioId) {
      const recorded = await promptAudio(prompt.audioId, this.deps.db).catch((err: Error) => {
        this.log.error({ err, audioId: prompt.audioId }, "an IVR recording could not be read");
        return null;
      });
      if (recorded) return recorded;
    }
    const words = textOf(prompt, action.language);
    if (!words) {
      this.log.warn({ audioId: prompt.audioId }, "an IVR prompt's recording is gone and it has no text: skipped");
      return null;
    }
    if (prompt.audioId) this.log.warn({ audioId: prompt.audioId }, "an IVR prompt's recording is gone: its text is spoken instead");
    return synthesize(fillPrompt(words.text, action.vars, words.language), words.language, this.speech);
  }

  /** A tone, then the caller's message until #, the time limit or their hang-up; then it goes
   * on the case (and to the flow's address). The flow hangs up unless the caller did. */
  private async recordVoicemail(action: Extract<IvrAction, { kind: "voicemail" }>) {
    await new Promise<void>((resolve) => this.host.play(BEEP, resolve));
    const dir = await mkdtemp(path.join(os.tmpdir(), "voicemail-"));
    const file = path.join(dir, "message.audio");
    const recording = await this.host.record(file);
    await voicemailStarted(this.callId, this.deps);
    const limit = setTimeout(() => void this.voicemail?.finish(true), action.maxSeconds * 1000);
    let finishing: Promise<void> | null = null;
    this.voicemail = {
      finish: (hangUp) =>
        (finishing ??= (async () => {
          clearTimeout(limit);
          const { format, seconds } = await recording.stop();
          const wav = await recordingToWav(format, file, async () => new Uint8Array(await readFile(file)));
          await rm(dir, { recursive: true, force: true });
          await voicemailLeft(this.callId, { wav, seconds }, { queueId: action.queueId, email: action.email }, this.deps);
          if (hangUp) await ivrEnds(this.callId, "VOICEMAIL", this.deps);
        })().catch((err: Error) => this.log.error({ err }, "a voicemail could not be kept"))),
    };
    if (this.ended) await this.voicemail.finish(false); // the caller hung up during the tone
  }

  private startTimer(seconds: number) {
    this.clearTimer();
    this.timer = setTimeout(() => this.event({ type: "timeout" }), seconds * 1000);
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Whatever fails (a prompt that cannot be spoken, a bug), the caller is not left in silence. */
  private guard(work: () => void | Promise<void>) {
    Promise.resolve()
      .then(work)
      .catch((err: Error) => {
        if (this.ended) return;
        this.end();
        void this.fail(err.message).catch((e) => this.log.error({ err: e }, "IVR fallback failed"));
      });
  }
}
