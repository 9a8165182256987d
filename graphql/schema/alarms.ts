// Alarms (defined by supervisors, raised and cleared by domain/wallboard/evaluate-alarms.ts) and
// the TV links of the wall-board (created and revoked by administrators).
import { z } from "zod";
import { ALARM_KINDS } from "../../domain/wallboard/alarm-rules.ts";
import { alarmHistory, raisedAlarms } from "../../domain/wallboard/raised-alarms.ts";
import { deleteAlarm, saveAlarm } from "../../domain/wallboard/save-alarm.ts";
import { createWallboardLink, revokeWallboardLink, wallboardLinks } from "../../domain/wallboard/wallboard-links.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";
import { SmsStateEnum } from "./sms.ts";
import { RaisedAlarmRef } from "./wallboard.ts";

const AlarmKindEnum = builder.enumType("AlarmKind", { values: ALARM_KINDS });

builder.prismaObject("Alarm", {
  authScopes: { permission: "alarms.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    kind: t.field({ type: AlarmKindEnum, select: { kind: true }, resolve: (a) => a.kind as (typeof ALARM_KINDS)[number] }),
    queueId: t.exposeID("queueId", { nullable: true, description: "null: every active queue" }),
    trunkId: t.exposeID("trunkId", { nullable: true, description: "null: every registering trunk" }),
    threshold: t.exposeInt("threshold"),
    recipientIds: t.exposeIDList("recipientIds"),
    smsNumbers: t.exposeStringList("smsNumbers", { description: "Numbers texted when it is raised and cleared." }),
    smsAccountId: t.exposeID("smsAccountId", { nullable: true, description: "The SMS account the texts go through." }),
    active: t.exposeBoolean("active"),
  }),
});

builder.prismaObject("NoticeSms", {
  description: "A text an alarm sent (raised or cleared), with its delivery.",
  authScopes: { permission: "alarms.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    alarmName: t.string({ nullable: true, select: { alarm: { select: { name: true } } }, resolve: (n) => n.alarm?.name ?? null }),
    toNumber: t.exposeString("toNumber"),
    text: t.exposeString("text"),
    parts: t.exposeInt("parts"),
    state: t.expose("state", { type: SmsStateEnum }),
    error: t.exposeString("error"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
    deliveredAt: t.expose("deliveredAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObject("WallboardLink", {
  authScopes: { permission: "wallboard.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    lastSeenAt: t.expose("lastSeenAt", { type: "DateTime", nullable: true, description: "When a TV last opened it." }),
  }),
});

const NewLink = builder.objectRef<{ link: { id: string }; token: string }>("NewWallboardLink").implement({
  fields: (t) => ({
    link: t.prismaField({
      type: "WallboardLink",
      resolve: (query, r, _a, ctx) => ctx.app.db.prisma.wallboardLink.findUniqueOrThrow({ ...query, where: { id: r.link.id } }),
    }),
    token: t.exposeString("token", { description: "Shown this once: the TV's address is /tv#<token>." }),
  }),
});

type Named = { id: string; name: string };
const NamedRef = builder.objectRef<Named>("AlarmSubject").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});
const Subjects = builder.objectRef<{ queues: Named[]; trunks: Named[]; people: Named[]; smsAccounts: Named[] }>("AlarmSubjects").implement({
  description: "What an alarm may watch and whom it may tell: names only.",
  fields: (t) => ({
    queues: t.field({ type: [NamedRef], resolve: (s) => s.queues }),
    trunks: t.field({ type: [NamedRef], resolve: (s) => s.trunks }),
    people: t.field({ type: [NamedRef], resolve: (s) => s.people }),
    smsAccounts: t.field({ type: [NamedRef], resolve: (s) => s.smsAccounts, description: "SMS accounts the alarm's texts may go through." }),
  }),
});

const AlarmInput = builder.inputType("AlarmInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: AlarmKindEnum, required: true }),
    queueId: t.id({ required: false }),
    trunkId: t.id({ required: false }),
    threshold: t.int({ required: true }),
    recipientIds: t.idList({ required: false }),
    smsNumbers: t.stringList({ required: false }),
    smsAccountId: t.id({ required: false }),
    active: t.boolean({ required: false }),
  }),
});

builder.queryFields((t) => ({
  alarms: t.prismaField({
    type: ["Alarm"],
    authScopes: { permission: "alarms.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.alarm.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
  alarmSubjects: t.field({
    type: Subjects,
    authScopes: { permission: "alarms.manage" },
    resolve: async (_r, _a, ctx) => {
      const organizationId = viewerOf(ctx).organizationId;
      const db = ctx.app.db.prisma;
      const byName = { orderBy: { name: "asc" as const }, select: { id: true, name: true } };
      const [queues, trunks, people, smsAccounts] = await Promise.all([
        db.queue.findMany({ where: { organizationId }, ...byName }),
        db.sipTrunk.findMany({ where: { organizationId }, ...byName }),
        db.user.findMany({ where: { organizationId, active: true }, ...byName }),
        db.smsAccount.findMany({ where: { organizationId }, ...byName }),
      ]);
      return { queues, trunks, people, smsAccounts };
    },
  }),
  raisedAlarms: t.field({
    type: [RaisedAlarmRef],
    description: "Alarms raised now.",
    authScopes: { anyPermission: ["alarms.manage", "agents.monitor_team", "agents.monitor_all"] },
    resolve: (_r, _a, ctx) => raisedAlarms(viewerOf(ctx).organizationId, ctx.app.db.prisma),
  }),
  alarmHistory: t.field({
    type: [RaisedAlarmRef],
    description: "The latest times alarms were raised, newest first, with when they cleared and their worst value.",
    authScopes: { anyPermission: ["alarms.manage", "agents.monitor_team", "agents.monitor_all"] },
    args: { limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(500).nullish() }) },
    resolve: (_r, args, ctx) => alarmHistory(viewerOf(ctx).organizationId, args.limit ?? 100, ctx.app.db.prisma),
  }),
  alarmTexts: t.prismaField({
    type: ["NoticeSms"],
    description: "The latest texts alarms sent, newest first, with their delivery.",
    authScopes: { permission: "alarms.manage" },
    args: { limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(500).nullish() }) },
    resolve: (query, _r, args, ctx) =>
      ctx.app.db.prisma.noticeSms.findMany({
        ...query,
        where: { organizationId: viewerOf(ctx).organizationId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: args.limit ?? 50,
      }),
  }),
  wallboardLinks: t.prismaField({
    type: ["WallboardLink"],
    authScopes: { permission: "wallboard.manage" },
    resolve: async (query, _r, _a, ctx) => {
      const ids = (await wallboardLinks(viewerOf(ctx), ctx.app.deps)).map((l) => l.id);
      return ctx.app.db.prisma.wallboardLink.findMany({ ...query, where: { id: { in: ids } }, orderBy: { createdAt: "desc" } });
    },
  }),
}));

builder.mutationFields((t) => ({
  saveAlarm: t.prismaField({
    type: "Alarm",
    description: "Define an alarm (no id) or change one.",
    authScopes: { permission: "alarms.manage" },
    args: { id: t.arg.id({ required: false, validate: z.uuid().nullish() }), input: t.arg({ type: AlarmInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const alarm = await saveAlarm(
        viewerOf(ctx),
        id ? String(id) : null,
        {
          ...input,
          queueId: input.queueId ? String(input.queueId) : null,
          trunkId: input.trunkId ? String(input.trunkId) : null,
          recipientIds: (input.recipientIds ?? []).map(String),
          smsNumbers: input.smsNumbers ?? [],
          smsAccountId: input.smsAccountId ? String(input.smsAccountId) : null,
          active: input.active ?? true,
        },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.alarm.findUniqueOrThrow({ ...query, where: { id: alarm.id } });
    },
  }),
  deleteAlarm: t.boolean({
    authScopes: { permission: "alarms.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, { id }, ctx) => {
      await deleteAlarm(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  createWallboardLink: t.field({
    type: NewLink,
    description: "A read-only link for a TV. Its token is answered once and never again.",
    authScopes: { permission: "wallboard.manage" },
    args: { name: t.arg.string({ required: true }) },
    resolve: (_r, { name }, ctx) => createWallboardLink(viewerOf(ctx), { name }, ctx.app.deps, ctx.ip),
  }),
  revokeWallboardLink: t.prismaField({
    type: "WallboardLink",
    description: "The TVs showing it say so at once.",
    authScopes: { permission: "wallboard.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (query, _r, { id }, ctx) => {
      await revokeWallboardLink(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.wallboardLink.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
}));
