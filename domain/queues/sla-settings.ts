// A queue's service-level targets: how soon its cases get a first answer and a resolution, per
// channel if need be, and whether only its opening hours count (see domain/cases/sla.ts).
import { z } from "zod";
import { type BusinessHours, businessHoursSchema } from "../entry-points/business-hours.ts";

const CHANNELS = ["VOICE", "CHAT", "EMAIL", "SMS", "FAX"] as const;
/** Up to 365 days, in minutes; null: no target. */
const minutes = z.number().int("whole minutes").min(1, "1–525600").max(525_600, "1–525600").nullable().default(null);
const targetsSchema = z.object({ firstResponseMinutes: minutes, resolutionMinutes: minutes });
export type SlaTargets = z.output<typeof targetsSchema>;

export const slaSettingsSchema = z
  .object({
    /** For every channel of the queue, unless `channels` says otherwise for one. */
    firstResponseMinutes: minutes,
    resolutionMinutes: minutes,
    channels: z.partialRecord(z.enum(CHANNELS), targetsSchema).default({}),
    /** When enabled, time outside these hours (and on its holidays) does not count. */
    businessHours: businessHoursSchema,
  })
  .default({ firstResponseMinutes: null, resolutionMinutes: null, channels: {}, businessHours: { enabled: false, days: {}, holidays: [] } });
export type SlaSettings = z.output<typeof slaSettingsSchema>;

/** The stored settings, or none at all where what is stored no longer reads. */
export function readSlaSettings(stored: unknown): SlaSettings {
  const parsed = slaSettingsSchema.safeParse(stored ?? undefined);
  return parsed.success ? parsed.data : slaSettingsSchema.parse(undefined);
}

/** The targets a case of this channel has: the channel's own pair if set, else the queue's. */
export function targetsFor(settings: SlaSettings, channel: (typeof CHANNELS)[number]): SlaTargets & { hours: BusinessHours | null } {
  const own = settings.channels[channel];
  const pair = own && (own.firstResponseMinutes !== null || own.resolutionMinutes !== null) ? own : settings;
  return {
    firstResponseMinutes: pair.firstResponseMinutes,
    resolutionMinutes: pair.resolutionMinutes,
    hours: settings.businessHours.enabled ? settings.businessHours : null,
  };
}
