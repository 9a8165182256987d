// Saved report definitions (reports.read): the viewer's own — every one in the organisation for an
// admin with all: true — and saving and deleting them. Checks in domain/reports/saved-reports.ts.
import { z } from "zod";
import { SCHEDULES } from "../../domain/reports/report-schedule.ts";
import { REPORT_FILE_FORMATS, SAVED_REPORT_KINDS, type SavedReportInput } from "../../domain/reports/saved-report-input.ts";
import { deleteSavedReport, saveReport, savedReportsWhere } from "../../domain/reports/saved-reports.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const KindEnum = builder.enumType("SavedReportKind", { values: SAVED_REPORT_KINDS });
const ScheduleEnum = builder.enumType("ReportSchedule", { values: SCHEDULES });
const FormatEnum = builder.enumType("ReportFileFormat", { values: REPORT_FILE_FORMATS });

// Rows are only ever reached through savedReportsWhere (the owner's, or an admin's organisation).
builder.prismaObject("SavedReport", {
  authScopes: { permission: "reports.read" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: KindEnum }),
    parameters: t.expose("parameters", {
      type: "JSON",
      description: "{ period: YESTERDAY | LAST_7_DAYS | LAST_WEEK | LAST_MONTH | THIS_MONTH, interval, queueId?, teamId?, agentId?, channel? }",
    }),
    schedule: t.expose("schedule", { type: ScheduleEnum }),
    weekday: t.exposeInt("weekday", { nullable: true, description: "WEEKLY: 1 (Monday) to 7 (Sunday)." }),
    monthDay: t.exposeInt("monthDay", { nullable: true, description: "MONTHLY: 1 to 31 (the month's last day in shorter months)." }),
    sendHour: t.exposeInt("sendHour", { description: "0–23 on the organisation's clock." }),
    recipients: t.exposeStringList("recipients"),
    format: t.expose("format", { type: FormatEnum }),
    owner: t.relation("owner"),
    lastSentAt: t.expose("lastSentAt", { type: "DateTime", nullable: true }),
    nextSendAt: t.expose("nextSendAt", { type: "DateTime", nullable: true }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why the last send failed, in English; null after a good one." }),
  }),
});

const SavedReportInput = builder.inputType("SavedReportInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: KindEnum, required: true }),
    parameters: t.field({ type: "JSON", required: true }),
    schedule: t.field({ type: ScheduleEnum, required: false }),
    weekday: t.int({ required: false }),
    monthDay: t.int({ required: false }),
    sendHour: t.int({ required: false }),
    recipients: t.stringList({ required: false, description: "At most 10 e-mail addresses." }),
    format: t.field({ type: FormatEnum, required: false }),
  }),
});

builder.queryFields((t) => ({
  savedReports: t.prismaField({
    type: ["SavedReport"],
    description: "Your saved reports by name; an admin (users.manage) may ask for all the organisation's.",
    authScopes: { permission: "reports.read" },
    args: { all: t.arg.boolean({ required: false }) },
    resolve: (query, _r, args, ctx) =>
      ctx.app.db.prisma.savedReport.findMany({ ...query, where: savedReportsWhere(viewerOf(ctx), args.all ?? false), orderBy: { name: "asc" } }),
  }),
}));

builder.mutationFields((t) => ({
  saveReport: t.prismaField({
    type: "SavedReport",
    authScopes: { permission: "reports.read" },
    args: { id: t.arg.id({ required: false, validate: z.uuid().nullish() }), input: t.arg({ type: SavedReportInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const saved = await saveReport(
        viewerOf(ctx),
        id ? String(id) : null,
        // The parameters are checked against the kind by savedReportSchema.
        {
          ...input,
          schedule: input.schedule ?? undefined,
          sendHour: input.sendHour ?? undefined,
          recipients: input.recipients ?? undefined,
          format: input.format ?? undefined,
        } as SavedReportInput,
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.savedReport.findUniqueOrThrow({ ...query, where: { id: saved.id } });
    },
  }),
  deleteSavedReport: t.boolean({
    authScopes: { permission: "reports.read" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await deleteSavedReport(viewerOf(ctx), String(args.id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
