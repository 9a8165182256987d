// Web callers in an IVR flow, on the media role: once the visitor's browser is on the call's media
// (their microphone arrived), the same IvrSession that serves telephones runs for them — prompts
// turned into Opus and played through the room's prompt producer (their browser hears it, nobody
// else), keys from the widget's keypad, a voicemail recorded from their microphone. A transfer to a
// telephone number is the one step a browser cannot take: the session falls back to the queue.
import type { Logger } from "pino";
import type { EventListener } from "../../domain/events.ts";
import { webIvrOf } from "../../domain/ivr/web-ivr.ts";
import type { Deps } from "../../domain/ports.ts";
import type { MediaService } from "../media-service.ts";
import { IvrSession } from "./ivr-session.ts";
import { opusPrompt } from "./opus-prompt.ts";
import type { SpeechOptions } from "./tts.ts";

/** Time for the browser to start listening to the prompt producer before the first prompt. */
const LEAD_IN_MS = 800;

export class WebIvrService {
  private sessions = new Map<string, IvrSession>();
  /** Calls whose session is being set up (a second microphone event must not start another). */
  private starting = new Set<string>();
  /** Keys pressed before the caller's session began (the keypad shows at once): given to it when it does. */
  private early = new Map<string, string[]>();
  private stopMedia: () => void;

  constructor(
    private readonly media: MediaService,
    private readonly deps: Deps,
    private readonly speech: SpeechOptions,
    private readonly log: Logger,
  ) {
    this.stopMedia = media.on((e) => {
      if (e.type === "producer_added") void this.maybeStart(e.callId, e.partyId).catch((err) => this.log.error({ err, callId: e.callId }, "starting a web caller's IVR failed"));
    });
  }

  /** `partyId`: the party whose microphone just arrived (only the caller's starts the flow);
   * `again`: a queue sent the caller back into the IVR (its overflow flow), replacing any session. */
  private async maybeStart(callId: string, partyId: string | null, again = false) {
    if ((!again && this.sessions.has(callId)) || this.starting.has(callId)) return;
    this.starting.add(callId);
    try {
      const ivr = await webIvrOf(this.deps.db, callId);
      if (!ivr || (partyId && ivr.partyId !== partyId)) return;
      this.sessions.get(callId)?.end();
      await this.media.startPrompts(callId);
      await new Promise((r) => setTimeout(r, LEAD_IN_MS));
      const session = new IvrSession(
        callId,
        ivr.flow,
        { timezone: ivr.timezone, caller: ivr.caller },
        {
          play: (alaw, done) =>
            void opusPrompt(alaw)
              .then((packets) => this.media.playRoomPrompt(callId, packets, done))
              .catch((err) => {
                // Not left waiting for a prompt that will never end: the flow goes on.
                this.log.error({ err, callId }, "a prompt could not be played to a web caller");
                done();
              }),
          stopPrompt: () => this.media.stopRoomPrompt(callId),
          record: (file) => this.media.recordCaller(callId, ivr.partyId, file),
          transfer: async () => {
            throw new Error("a web caller cannot be passed to a telephone number");
          },
        },
        this.speech,
        this.deps,
        this.log.child({ component: "web-ivr", callId }),
      );
      this.sessions.set(callId, session);
      session.start();
      // After the first step is entered (start() enters it on the next turn).
      setTimeout(() => {
        for (const digit of this.early.get(callId) ?? []) session.digit(digit);
        this.early.delete(callId);
      }, 0);
    } finally {
      this.starting.delete(callId);
    }
  }

  private digit(callId: string, digit: string) {
    const session = this.sessions.get(callId);
    if (session) return session.digit(digit);
    const keys = this.early.get(callId) ?? [];
    if (keys.length < 20) this.early.set(callId, [...keys, digit]);
  }

  private async callChanged(callId: string, ended: boolean) {
    if (ended) this.early.delete(callId);
    const session = this.sessions.get(callId);
    if (!session) return;
    if (!ended && (await this.deps.db.call.findUnique({ where: { id: callId }, select: { ivr: true } }))?.ivr) return;
    session.end();
    this.sessions.delete(callId);
  }

  readonly listener: EventListener = {
    "call.updated": (p) => this.callChanged(p.callId, p.state === "ENDED"),
    "call.visitor_digit": (p) => this.digit(p.callId, p.digit),
    // A web caller who waited the queue's longest meets its voicemail / call-back flow (a full
    // queue's is met when their microphone arrives, as any flow).
    "routing.overflowed": (p) => {
      if (p.callId && p.to && p.reason === "MAX_WAIT" && this.media.hasRoom(p.callId)) return this.maybeStart(p.callId, null, true);
    },
  };

  stop() {
    this.stopMedia();
    for (const s of this.sessions.values()) s.end();
    this.sessions.clear();
  }
}
