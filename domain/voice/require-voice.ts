// The one "voice is off" answer, whichever API asks and wherever the media runs.
import type { CallMedia } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";

/** The call media, or UNAVAILABLE / VOICE_DISABLED saying why voice is off. */
export function requireVoice(media: CallMedia): CallMedia {
  const { enabled, reason } = media.status();
  if (!enabled) throw new DomainError("UNAVAILABLE", `Voice is off: ${reason ?? "this server does not run the media service"}`, { reason: "VOICE_DISABLED" });
  return media;
}

/** The call media when calls to phones work, or UNAVAILABLE / PHONE_OFF saying why not. */
export function requirePhone(media: CallMedia): CallMedia {
  const problem = media.phoneProblem();
  if (problem) throw new DomainError("UNAVAILABLE", `Calls to phones are off: ${problem}`, { reason: "PHONE_OFF" });
  return media;
}
