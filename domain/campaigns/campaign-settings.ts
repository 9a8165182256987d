// A campaign's settings as an administrator enters them: checked here, pure, before anything is
// looked up (lists, trunk, result codes and agents are checked against the database in
// campaigns.ts). The rules that need more than one field: an end after the start, the message a
// predictive campaign says to a person no agent could take and the message left on machines when
// that is the machine action (each spoken from text, or a recorded prompt), and an abandon cap never above the 3 % regulators allow.
import { z } from "zod";
import { businessHoursSchema } from "../entry-points/business-hours.ts";
import { LOCALES } from "../shared/locale.ts";
import { type AttemptRules, DEFAULT_ATTEMPT_RULES, type RetriedOutcome } from "./attempt-rules.ts";
import { MAX_CAMPAIGN_PARTS, templateSummary } from "./sms/campaign-text.ts";

export const CAMPAIGN_MODES = ["PREVIEW", "PROGRESSIVE", "PREDICTIVE", "SMS"] as const;
export const MACHINE_ACTIONS = ["HANG_UP", "MESSAGE", "AGENT"] as const;
export const RETRIED_OUTCOMES = ["RETRY", "BUSY", "NO_ANSWER", "MACHINE", "ABANDONED", "NETWORK_ERROR"] as const satisfies readonly RetriedOutcome[];
/** The recording choices that make sense for calls out (LISTED is for inbound customers' numbers). */
export const CAMPAIGN_RECORDING = ["NONE", "ALL", "OUTBOUND", "ON_DEMAND"] as const;
/** Abandoned calls may be at most this share of person-answered ones: never more (Ofcom, 3 %). */
export const MAX_ABANDON_CAP_PERCENT = 3;
export const MIN_ABANDON_CAP_PERCENT = 0.5;

const uuids = (max: number) =>
  z
    .array(z.uuid())
    .max(max, `at most ${max}`)
    .default([])
    .transform((ids) => [...new Set(ids)]);
const whole = (min: number, max: number) =>
  z
    .number()
    .int("a whole number")
    .min(min, `${min}–${max}`)
    .max(max, `${min}–${max}`);

export const campaignSettingsSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
    description: z.string().trim().max(500, "at most 500 characters").default(""),
    mode: z.enum(CAMPAIGN_MODES).default("PROGRESSIVE"),
    listIds: uuids(50),
    /** null: the organisation's first active trunk. */
    trunkId: z.uuid().nullable().default(null),
    /** Empty: the trunk's first caller ID. */
    callerId: z.string().trim().max(40).default(""),
    callingHours: businessHoursSchema,
    startsAt: z.coerce.date().nullable().default(null),
    endsAt: z.coerce.date().nullable().default(null),
    maxAttempts: whole(1, 20).default(DEFAULT_ATTEMPT_RULES.maxAttempts),
    /** Minutes before the next try, per retried outcome; missing ones take the defaults. */
    retryMinutes: z.partialRecord(z.enum(RETRIED_OUTCOMES), whole(1, 10_080)).default({}),
    lineLimit: whole(1, 1000).default(10),
    ringSeconds: whole(10, 120).default(30),
    abandonCapPercent: z
      .number()
      .min(MIN_ABANDON_CAP_PERCENT, `${MIN_ABANDON_CAP_PERCENT}–${MAX_ABANDON_CAP_PERCENT}`)
      .max(MAX_ABANDON_CAP_PERCENT, `${MIN_ABANDON_CAP_PERCENT}–${MAX_ABANDON_CAP_PERCENT}`)
      .default(MAX_ABANDON_CAP_PERCENT),
    amd: z.boolean().default(true),
    machineAction: z.enum(MACHINE_ACTIONS).default("HANG_UP"),
    unsureToAgent: z.boolean().default(true),
    abandonMessage: z.string().trim().max(1000, "at most 1000 characters").default(""),
    machineMessage: z.string().trim().max(1000, "at most 1000 characters").default(""),
    /** Recorded prompts (Administration → Sounds) played instead of the spoken messages. */
    abandonAudioId: z.uuid().nullable().default(null),
    machineAudioId: z.uuid().nullable().default(null),
    language: z.enum(LOCALES).default("en"),
    /** Preview: seconds before the call is placed by itself; null: the agent dials. */
    previewSeconds: whole(5, 600).nullable().default(null),
    dispositionIds: uuids(100),
    /** The agents who work it, with their skill; the teams are followed: their members now and later (skill 5). */
    members: z
      .array(z.object({ userId: z.uuid(), skillLevel: whole(1, 10).default(5) }))
      .max(1000)
      .default([]),
    teamIds: uuids(100),
    /** Against inbound queues: a blended agent takes the higher-priority work first. */
    priority: whole(1, 100).default(50),
    wrapUpSeconds: whole(0, 3600).default(0),
    /** Wrap-up lasts until the agent gives a result code. */
    requireDisposition: z.boolean().default(true),
    recordingPolicy: z.enum(CAMPAIGN_RECORDING).default("NONE"),
    callScriptId: z.uuid().nullable().default(null),
    /** SMS campaigns: the account, the number or sender name (empty: the account's first SMS number), the template, the pace. */
    smsAccountId: z.uuid().nullable().default(null),
    smsFrom: z.string().trim().max(20, "at most 20 characters").default(""),
    smsTemplate: z.string().trim().max(1000, "at most 1000 characters").default(""),
    smsPerMinute: whole(1, 60_000).default(600),
    smsPlainLetters: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    if (s.startsAt && s.endsAt && s.endsAt <= s.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must end after it starts" });
    if (s.mode === "PREDICTIVE" && !s.abandonMessage && !s.abandonAudioId)
      ctx.addIssue({ code: "custom", path: ["abandonMessage"], message: "required for a predictive campaign" });
    if (s.amd && s.machineAction === "MESSAGE" && !s.machineMessage && !s.machineAudioId)
      ctx.addIssue({ code: "custom", path: ["machineMessage"], message: "required when machines are left a message" });
    if (s.mode === "SMS") {
      if (!s.smsAccountId) ctx.addIssue({ code: "custom", path: ["smsAccountId"], message: "required for an SMS campaign" });
      if (!s.smsTemplate) ctx.addIssue({ code: "custom", path: ["smsTemplate"], message: "required for an SMS campaign" });
      else if (templateSummary(s.smsTemplate, s.smsPlainLetters).count.parts > MAX_CAMPAIGN_PARTS)
        ctx.addIssue({ code: "custom", path: ["smsTemplate"], message: `at most ${MAX_CAMPAIGN_PARTS} SMS parts` });
      if (s.smsFrom && !/^(\+?\d{3,15}|[A-Za-z0-9 ._-]{1,11})$/.test(s.smsFrom))
        ctx.addIssue({ code: "custom", path: ["smsFrom"], message: "a number, or a sender name of at most 11 letters and digits" });
    }
  });
export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>;
export type CampaignSettings = z.output<typeof campaignSettingsSchema>;

/** The attempt rules a campaign's contacts follow: its own delays, the defaults for the rest. */
export function attemptRulesOf(c: { maxAttempts: number; retryMinutes: unknown }): AttemptRules {
  const own = z.partialRecord(z.enum(RETRIED_OUTCOMES), z.number()).catch({}).parse(c.retryMinutes ?? {});
  return { maxAttempts: c.maxAttempts, retryMinutes: { ...DEFAULT_ATTEMPT_RULES.retryMinutes, ...own } };
}

/** What the campaign's status allows next. */
export const CAMPAIGN_TRANSITIONS = {
  start: ["DRAFT"],
  pause: ["RUNNING"],
  resume: ["PAUSED"],
  stop: ["RUNNING", "PAUSED"],
  delete: ["DRAFT"],
} as const satisfies Record<string, readonly ("DRAFT" | "RUNNING" | "PAUSED" | "STOPPED" | "COMPLETED")[]>;
export type CampaignAction = keyof typeof CAMPAIGN_TRANSITIONS;

export function mayDo(action: CampaignAction, status: string): boolean {
  return (CAMPAIGN_TRANSITIONS[action] as readonly string[]).includes(status);
}
