import { z } from "zod";
import { type AuditDetail, auditDetails, idsIn } from "../../domain/audit/audit-details.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { loadBatched } from "../batch-loader.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const Detail = builder.objectRef<AuditDetail>("AuditDetail").implement({
  description: "One line of what an audit entry records: a field changed from → to, or a value; ids named.",
  fields: (t) => ({
    field: t.exposeString("field"),
    value: t.exposeString("value", { nullable: true }),
    from: t.exposeString("from", { nullable: true }),
    to: t.exposeString("to", { nullable: true }),
  }),
});

/** The names of whatever the ids in audit entries point at (people, queues, teams, roles, codes...). */
async function namesOf(db: PrismaClient, organizationId: string, ids: string[]): Promise<Map<string, string>> {
  const where = { id: { in: ids }, organizationId };
  const sets = await Promise.all([
    db.user.findMany({ where, select: { id: true, name: true } }),
    db.queue.findMany({ where, select: { id: true, name: true } }),
    db.team.findMany({ where, select: { id: true, name: true } }),
    db.role.findMany({ where, select: { id: true, name: true } }),
    db.pauseCode.findMany({ where, select: { id: true, name: true } }),
    db.dispositionCode.findMany({ where, select: { id: true, name: true } }),
    db.caseStatus.findMany({ where, select: { id: true, name: true } }),
    db.process.findMany({ where, select: { id: true, name: true } }),
    db.entryPoint.findMany({ where, select: { id: true, name: true } }),
    db.ivrFlow.findMany({ where, select: { id: true, name: true } }),
    db.sipTrunk.findMany({ where, select: { id: true, name: true } }),
    db.audioFile.findMany({ where, select: { id: true, name: true } }),
    db.tag.findMany({ where, select: { id: true, name: true } }),
    db.cannedReply.findMany({ where, select: { id: true, title: true } }).then((rs) => rs.map((r) => ({ id: r.id, name: r.title }))),
  ]);
  return new Map(sets.flat().map((r) => [r.id, r.name]));
}

builder.prismaObject("AuditLog", {
  name: "AuditEntry",
  authScopes: { permission: "audit.read" },
  fields: (t) => ({
    id: t.exposeID("id"),
    action: t.exposeString("action"),
    actor: t.relation("actor", { nullable: true }),
    targetType: t.exposeString("targetType"),
    targetId: t.exposeString("targetId"),
    targetLabel: t.exposeString("targetLabel"),
    data: t.expose("data", { type: "JSON" }),
    details: t.field({
      type: [Detail],
      description: "The data in words: what changed, with ids replaced by names.",
      select: { data: true },
      resolve: async (e, _args, ctx) => {
        const organizationId = viewerOf(ctx).organizationId;
        const ids = [...idsIn(e.data)];
        const found = await Promise.all(
          ids.map((id) => loadBatched(ctx, "auditNames", (batch) => namesOf(ctx.app.db.prisma, organizationId, batch), id).then((n) => [id, n] as const)),
        );
        return auditDetails(e.data, new Map(found.filter((f): f is readonly [string, string] => !!f[1])));
      },
    }),
    ip: t.exposeString("ip"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("auditLog", (t) =>
  t.prismaField({
    type: ["AuditLog"],
    description: "Sensitive actions, newest first. Page with `before` (the last id you have).",
    authScopes: { permission: "audit.read" },
    args: {
      limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(200) }),
      before: t.arg.id({ required: false, validate: z.uuid().nullish() }),
      action: t.arg.string({ required: false, validate: z.string().max(60).nullish() }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.auditLog.findMany({
        ...query,
        where: {
          organizationId: viewerOf(ctx).organizationId,
          ...(args.before ? { id: { lt: String(args.before) } } : {}),
          ...(args.action ? { action: { startsWith: args.action } } : {}),
        },
        orderBy: { id: "desc" },
        take: args.limit ?? 50,
      }),
  }),
);
