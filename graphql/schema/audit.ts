import { z } from "zod";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

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
