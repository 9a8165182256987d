// A queue's wall-board colours: amber and red from given values of the waiting count, the longest
// wait and the service level. Kept in Queue.wallboard; the service-level target itself is the
// queue's (serviceLevelSeconds, serviceLevelPercent), the same the reports count against.
import { z } from "zod";

const count = z.number().int().min(0).max(100_000).nullable();
const bands = z.object({ amber: count.default(null), red: count.default(null) });

export const boardSettingsSchema = z
  .object({
    /** Calls (and chats) waiting: amber from this many, red from that many. */
    waiting: bands.default({ amber: null, red: null }),
    /** Longest wait now, in seconds. */
    longestWait: bands.default({ amber: null, red: null }),
    /** Service level today, in %: amber below this, red below that (null: amber under the target). */
    serviceLevel: bands.default({ amber: null, red: null }),
  })
  .refine((s) => [s.waiting, s.longestWait].every((b) => b.amber === null || b.red === null || b.red >= b.amber), {
    message: "red must be at or above amber",
  })
  .refine((s) => s.serviceLevel.amber === null || s.serviceLevel.red === null || s.serviceLevel.red <= s.serviceLevel.amber, {
    message: "red must be at or below amber for the service level",
  });
export type BoardSettings = z.output<typeof boardSettingsSchema>;

/** The stored settings, or the defaults where what is stored no longer reads. */
export function readBoardSettings(stored: unknown): BoardSettings {
  const parsed = boardSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : boardSettingsSchema.parse({});
}

export type Colour = "GREEN" | "AMBER" | "RED";

/** A figure that is worse the higher it is (waiting, longest wait). */
export function colourAbove(value: number, b: { amber: number | null; red: number | null }): Colour {
  if (b.red !== null && value >= b.red) return "RED";
  if (b.amber !== null && value >= b.amber) return "AMBER";
  return "GREEN";
}

/** The service level (null: nothing counted yet). Amber defaults to below the queue's target percent. */
export function serviceLevelColour(value: number | null, s: BoardSettings, targetPercent: number): Colour {
  if (value === null) return "GREEN";
  const amber = s.serviceLevel.amber ?? targetPercent;
  if (s.serviceLevel.red !== null && value < s.serviceLevel.red) return "RED";
  return value < amber ? "AMBER" : "GREEN";
}
