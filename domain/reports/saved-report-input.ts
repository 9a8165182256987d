// What a saved report holds, checked: its parameters (a period preset, not dates, so a scheduled
// report always covers the days before it is sent; the interval; the filters) and its schedule
// and recipients. Pure.
import { z } from "zod";
import { CASE_INTERVAL_SIZES } from "./case-figures.ts";
import { OUTBOUND_KINDS } from "./outbound-facts.ts";
import { INTERVAL_SIZES } from "./queue-figures.ts";
import { PERIOD_PRESETS, SCHEDULES } from "./report-schedule.ts";

export const MAX_RECIPIENTS = 10;
export const SAVED_REPORT_KINDS = ["QUEUES", "AGENT_TIME", "CASES", "CONVERSATIONS", "OUTBOUND"] as const;
export const REPORT_FILE_FORMATS = ["XLSX", "CSV"] as const;

export const queueReportParameters = z.object({
  period: z.enum(PERIOD_PRESETS).default("LAST_7_DAYS"),
  interval: z.enum(INTERVAL_SIZES).default("DAY"),
  queueId: z.uuid().nullish(),
  teamId: z.uuid().nullish(),
  agentId: z.uuid().nullish(),
  channel: z.enum(["VOICE", "CHAT", "EMAIL", "SMS", "FAX"]).nullish(),
});
export type QueueReportParameters = z.output<typeof queueReportParameters>;

export const agentTimeParameters = z.object({
  period: z.enum(PERIOD_PRESETS).default("LAST_7_DAYS"),
  teamId: z.uuid().nullish(),
});
export type AgentTimeParameters = z.output<typeof agentTimeParameters>;

export const caseReportParameters = z.object({
  period: z.enum(PERIOD_PRESETS).default("LAST_7_DAYS"),
  interval: z.enum(CASE_INTERVAL_SIZES).default("DAY"),
  queueId: z.uuid().nullish(),
  teamId: z.uuid().nullish(),
  agentId: z.uuid().nullish(),
  channel: z.enum(["VOICE", "CHAT", "EMAIL", "SMS", "FAX"]).nullish(),
});
export type CaseReportParameters = z.output<typeof caseReportParameters>;

export const outboundReportParameters = z.object({
  period: z.enum(PERIOD_PRESETS).default("LAST_7_DAYS"),
  interval: z.enum(INTERVAL_SIZES).default("DAY"),
  queueId: z.uuid().nullish(),
  teamId: z.uuid().nullish(),
  agentId: z.uuid().nullish(),
  campaignId: z.uuid().nullish(),
  kind: z.enum(OUTBOUND_KINDS).nullish(),
});
export type OutboundParameters = z.output<typeof outboundReportParameters>;

/** A saved report's kind with its parameters, checked. */
export const reportParameters = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("QUEUES"), parameters: queueReportParameters }),
  z.object({ kind: z.literal("AGENT_TIME"), parameters: agentTimeParameters }),
  z.object({ kind: z.literal("CASES"), parameters: caseReportParameters }),
  // The Chat and e-mail report takes the queue report's choices.
  z.object({ kind: z.literal("CONVERSATIONS"), parameters: queueReportParameters }),
  z.object({ kind: z.literal("OUTBOUND"), parameters: outboundReportParameters }),
]);
export type ReportParameters = z.output<typeof reportParameters>;

const savedReportFields = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  schedule: z.enum(SCHEDULES).default("NONE"),
  weekday: z.number().int().min(1).max(7).nullish(),
  monthDay: z.number().int().min(1).max(31).nullish(),
  sendHour: z.number().int().min(0).max(23).default(7),
  recipients: z
    .array(z.string().trim().toLowerCase().pipe(z.email("not an e-mail address")))
    .max(MAX_RECIPIENTS)
    .default([])
    .transform((list) => [...new Set(list)]),
  format: z.enum(REPORT_FILE_FORMATS).default("XLSX"),
});

export const savedReportSchema = z
  .intersection(savedReportFields, reportParameters)
  .superRefine((r, ctx) => {
    if (r.schedule === "WEEKLY" && !r.weekday) ctx.addIssue({ code: "custom", path: ["weekday"], message: "required" });
    if (r.schedule === "MONTHLY" && !r.monthDay) ctx.addIssue({ code: "custom", path: ["monthDay"], message: "required" });
    if (r.schedule !== "NONE" && !r.recipients.length) ctx.addIssue({ code: "custom", path: ["recipients"], message: "required" });
  })
  .transform((r) => ({ ...r, weekday: r.schedule === "WEEKLY" ? r.weekday! : null, monthDay: r.schedule === "MONTHLY" ? r.monthDay! : null }));
export type SavedReportInput = z.input<typeof savedReportSchema>;
export type SavedReportData = z.output<typeof savedReportSchema>;
