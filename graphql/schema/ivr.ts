// IVR flows for administrators: the flows with their draft and published version, saving (checked
// whole; problems come back as field errors under input.definition), publishing, deleting.
import { z } from "zod";
import { deleteIvrFlow, publishIvrFlow, saveIvrFlow } from "../../domain/ivr/ivr-admin.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

// Widget admins choose a flow for web calls: they see the flows' names, not their contents.
const CHOOSE_FLOWS = ["telephony.manage", "entry_points.manage"] as const;

builder.prismaObject("IvrFlow", {
  authScopes: { anyPermission: [...CHOOSE_FLOWS] },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    definition: t.field({ type: "JSON", description: "The flow as last saved (domain/ivr/flow.ts).", authScopes: { permission: "telephony.manage" }, resolve: (f) => f.draft }),
    publishedVersion: t.exposeInt("publishedVersion", { nullable: true, description: "The version calls follow; null: not published yet." }),
    /** Saved since the last publish: callers still hear the published version. */
    changedSincePublished: t.boolean({
      select: { versions: { orderBy: { version: "desc" }, take: 1, select: { definition: true } } },
      resolve: (f) => !f.versions[0] || JSON.stringify(f.versions[0].definition) !== JSON.stringify(f.draft),
    }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    numbers: t.stringList({ select: { entryPoints: { select: { key: true } } }, resolve: (f) => f.entryPoints.map((e) => e.key) }),
  }),
});

const IvrFlowInput = builder.inputType("IvrFlowInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    definition: t.field({ type: "JSON", required: true }),
  }),
});

builder.queryFields((t) => ({
  ivrFlows: t.prismaField({
    type: ["IvrFlow"],
    authScopes: { anyPermission: [...CHOOSE_FLOWS] },
    resolve: (query, _r, _a, ctx) => ctx.app.db.prisma.ivrFlow.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
}));

builder.mutationFields((t) => ({
  saveIvrFlow: t.prismaField({
    type: "IvrFlow",
    description: "Create (no id) or change a flow. Callers keep hearing the published version until you publish again.",
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id({ required: false, validate: z.uuid() }), input: t.arg({ type: IvrFlowInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const flow = await saveIvrFlow(viewerOf(ctx), id ? String(id) : null, { name: input.name, definition: input.definition }, ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.ivrFlow.findUniqueOrThrow({ ...query, where: { id: flow.id } });
    },
  }),
  publishIvrFlow: t.prismaField({
    type: "IvrFlow",
    description: "Publish the flow as saved: calls from now on follow it.",
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (query, _r, { id }, ctx) => {
      await publishIvrFlow(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.ivrFlow.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
  deleteIvrFlow: t.boolean({
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, { id }, ctx) => {
      await deleteIvrFlow(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
