// A campaign's call on the media node once the called side answers: their first seconds go to the
// answering-machine detector, and the domain (domain/campaigns/dialer/campaign-calls.ts) says what
// follows — wait up to 2 s for routing to put an agent through, then (if none was) play the abandon
// message (a recorded prompt, or text spoken by the TTS) and hang up; or leave a machine its message once its greeting is over (the beep, or a
// pause: domain/campaigns/greeting-end.ts); or hang up. Whatever is said, the call is ended within
// a minute of it.
import type { Logger } from "pino";
import { AMD_DEFAULTS } from "../../domain/campaigns/amd.ts";
import { ABANDON_SECONDS, type AnswerAction, campaignCallAnswered, campaignCallJudged, connectDeadline } from "../../domain/campaigns/dialer/campaign-calls.ts";
import type { Deps } from "../../domain/ports.ts";
import { endCall } from "../../domain/voice/calls.ts";
import type { MediaService } from "../media-service.ts";
import { synthesize } from "../ivr/tts.ts";
import { promptAudio } from "../uploaded-audio.ts";
import { type GreetingEnd, createGreetingEnd } from "../../domain/campaigns/greeting-end.ts";
import { AmdTap, RtpPcm } from "./amd-tap.ts";

/** The phone's audio starts a moment after the answer; give up waiting for it after this. */
const AUDIO_WAIT_MS = 2000;
/** A message is cut off (and the call ended) after this, however long it is. */
const MESSAGE_LIMIT_MS = 60_000;
/** The longest a machine's message waits for the greeting to end (its beep or a pause). */
const GREETING_WAIT_MS = 20_000;

interface Live {
  stopTap?: () => void;
  tap?: AmdTap;
  timers: Set<ReturnType<typeof setTimeout>>;
}

export class CampaignCallMedia {
  private live = new Map<string, Live>();

  constructor(
    private readonly media: MediaService,
    private readonly deps: Deps,
    private readonly speech: { cacheDir: string },
    private readonly log: Logger,
  ) {}

  /** The called side answered (200 OK): listen for a machine, or hand the call on at once. A call
   * its agent placed (a preview) is theirs already: only the answer is noted. */
  async answered(callId: string, partyId: string, campaign: { amd: boolean; agentOnCall: boolean }) {
    await campaignCallAnswered(callId, this.deps);
    if (campaign.agentOnCall) return;
    const live: Live = { timers: new Set() };
    this.live.set(callId, live);
    const { amd } = campaign;
    if (!amd) return this.judged(callId, partyId, null);
    const started = Date.now();
    const listen = () => {
      if (this.live.get(callId) !== live) return;
      let tap: AmdTap | null = null;
      const tapped = this.media.phones.tap(callId, partyId, (packet) => tap?.push(packet));
      if (!tapped) {
        // Not flowing yet (or never): try again shortly, then decide on nothing heard.
        if (Date.now() - started < AUDIO_WAIT_MS) return this.later(live, 50, listen);
        return void this.judged(callId, partyId, new AmdTap("alaw", () => {}).finish());
      }
      const amdTap = (tap = new AmdTap(tapped.law, (result) => void this.judged(callId, partyId, result)));
      live.tap = amdTap;
      live.stopTap = tapped.stop;
      // The detector decides within its analysis time of audio; if the audio stalls, decide then.
      this.later(live, AMD_DEFAULTS.totalAnalysisMs + 500, () => amdTap.finish());
    };
    listen();
  }

  private later(live: Live, ms: number, fn: () => void) {
    const timer = setTimeout(() => {
      live.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    live.timers.add(timer);
  }

  private async judged(callId: string, partyId: string, heard: Parameters<typeof campaignCallJudged>[1]) {
    const live = this.live.get(callId);
    if (!live) return;
    live.stopTap?.();
    live.tap?.close();
    live.stopTap = undefined;
    try {
      await this.act(callId, partyId, live, await campaignCallJudged(callId, heard, this.deps));
    } catch (err) {
      this.log.error({ err, callId }, "a campaign call's answer could not be handled; ending it");
      await endCall(callId, "FAILED", null, this.deps).catch(() => {});
    }
  }

  private async act(callId: string, partyId: string, live: Live, what: AnswerAction) {
    switch (what.action) {
      case "NONE":
        return;
      case "CONNECT":
        // Routing puts an agent through meanwhile; if none did, the person is abandoned.
        return this.later(
          live,
          ABANDON_SECONDS * 1000,
          () =>
            void connectDeadline(callId, this.deps)
              .then((next) => this.act(callId, partyId, live, next))
              .catch((err) => this.log.error({ err, callId }, "a campaign call's abandon deadline failed")),
        );
      case "HANG_UP":
        await endCall(callId, "HANGUP", null, this.deps);
        return;
      case "MESSAGE": {
        const end = () => void endCall(callId, "HANGUP", null, this.deps).catch((err) => this.log.error({ err, callId }, "ending a campaign call failed"));
        this.later(live, MESSAGE_LIMIT_MS + (what.afterGreeting ? GREETING_WAIT_MS : 0), end);
        try {
          const [audio, greeting] = await Promise.all([this.messageAudio(what), what.afterGreeting ? this.greetingOver(callId, partyId, live) : null]);
          if (this.live.get(callId) !== live) return;
          if (greeting) this.log.info({ callId, greeting }, "a machine's greeting is over: leaving the campaign's message");
          this.media.phones.playPrompt(callId, partyId, audio, end);
        } catch (err) {
          this.log.warn({ err, callId }, "a campaign's message could not be said; hanging up");
          end();
        }
      }
    }
  }

  /** The recorded prompt, or — when there is none or it was deleted meanwhile — the text spoken. */
  private async messageAudio(what: Extract<AnswerAction, { action: "MESSAGE" }>): Promise<Uint8Array> {
    const recorded = what.audioId ? await promptAudio(what.audioId, this.deps.db) : null;
    if (recorded) return recorded;
    if (what.audioId) this.log.warn({ audioId: what.audioId }, "a campaign's recorded message is gone; saying its text instead");
    return synthesize(what.text, what.language, this.speech);
  }

  /** Resolves when the machine's greeting is over — its beep, or a pause — or after GREETING_WAIT_MS
   * (a machine that never stops talking still gets the message, cut short by its own limit). */
  private greetingOver(callId: string, partyId: string, live: Live): Promise<GreetingEnd | "WAITED"> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (why: GreetingEnd | "WAITED") => {
        if (settled) return;
        settled = true;
        live.stopTap?.();
        live.stopTap = undefined;
        resolve(why);
      };
      const detector = createGreetingEnd();
      let rtp: RtpPcm | null = null;
      const tapped = this.media.phones.tap(callId, partyId, (packet) => rtp?.push(packet));
      if (!tapped) return done("WAITED");
      rtp = new RtpPcm(tapped.law, (pcm) => {
        const end = detector.push(pcm);
        if (end) done(end);
      });
      live.stopTap = tapped.stop;
      this.later(live, GREETING_WAIT_MS, () => done("WAITED"));
    });
  }

  /** The call ended: stop listening and waiting for it. */
  ended(callId: string) {
    const live = this.live.get(callId);
    if (!live) return;
    this.live.delete(callId);
    live.stopTap?.();
    live.tap?.close();
    for (const t of live.timers) clearTimeout(t);
  }

  stop() {
    for (const callId of [...this.live.keys()]) this.ended(callId);
  }
}
