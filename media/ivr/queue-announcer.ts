// Phone callers waiting in queues that announce hear their place and the expected wait (over the
// music, which pauses meanwhile) every so often — the first time once the interval has passed.
// Each media node tells the callers whose telephones it carries.
import type { Logger } from "pino";
import { announced, announcement, placeInQueue, waitingPhoneCallers } from "../../domain/ivr/announcements.ts";
import type { Deps } from "../../domain/ports.ts";
import type { MediaService } from "../media-service.ts";
import { type SpeechOptions, synthesize } from "./tts.ts";

const TICK_MS = 2000;

export class QueueAnnouncer {
  /** When each waiting caller was last told. */
  private announcedAt = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: Deps,
    private readonly media: MediaService,
    /** The caller's party on a call this node carries; undefined: not here. */
    private readonly callerOf: (callId: string) => string | undefined,
    private readonly speech: SpeechOptions,
    private readonly log: Logger,
  ) {
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.tick()
        .catch((err) => this.log.error({ err }, "telling callers their place failed"))
        .finally(() => (busy = false));
    }, TICK_MS);
  }

  private async tick() {
    const waiting = await waitingPhoneCallers(this.deps);
    const now = Date.now();
    const here = new Set<string>();
    for (const w of waiting) {
      const partyId = this.callerOf(w.callId);
      if (!partyId) continue;
      here.add(w.callId);
      if (now - (this.announcedAt.get(w.callId) ?? w.enqueuedAt.getTime()) < w.everySeconds * 1000) continue;
      this.announcedAt.set(w.callId, now);
      const where = await placeInQueue(w.interactionId, this.deps);
      if (!where) continue;
      const audio = await synthesize(announcement(w.language, where.place, where.minutes), w.language, this.speech);
      this.media.phones.playPrompt(w.callId, partyId, audio, () => {});
      await announced(w.interactionId, where.place, where.minutes, this.deps);
    }
    for (const id of this.announcedAt.keys()) if (!here.has(id)) this.announcedAt.delete(id);
  }

  stop() {
    clearInterval(this.timer);
  }
}
