// Dispositions: the codes (managed with the queues), the agent's wrap-up in progress, and writing
// down how an interaction ended.
import { z } from "zod";
import { can } from "../../domain/access/viewer.ts";
import { saveDispositionCode } from "../../domain/dispositions/save-disposition-code.ts";
import { currentWrapUp } from "../../domain/agents/wrap-up.ts";
import { setDisposition } from "../../domain/dispositions/set-disposition.ts";
import { builder } from "../builder.ts";
import { translationsOf, viewerName } from "../localized.ts";
import { viewerOf } from "./helpers.ts";

export const DispositionKindEnum = builder.enumType("DispositionKind", {
  description: "What a campaign's result code means for the contact: reached (done, green), retry (call again, yellow), failed (done, red).",
  values: ["REACHED", "RETRY", "FAILED"] as const,
});

builder.prismaObject("DispositionCode", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.string({
      description: "In the viewer's language when the admins gave one (translations), else the default name.",
      select: { name: true, translations: true },
      resolve: (c, _a, ctx) => viewerName(c, ctx),
    }),
    defaultName: t.exposeString("name", { description: "The name as entered, shown where no translation fits." }),
    translations: t.field({ type: "JSON", description: "Names in other languages: { pl?, en?, ru? }.", select: { translations: true }, resolve: translationsOf }),
    sortOrder: t.exposeInt("sortOrder"),
    active: t.exposeBoolean("active"),
    kind: t.expose("kind", { type: DispositionKindEnum, nullable: true, description: "For campaigns' result codes; null: a plain disposition." }),
  }),
});

const DispositionCodeInput = builder.inputType("DispositionCodeInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    translations: t.field({ type: "JSON", required: false, description: "Names in other languages: { pl?, en?, ru? }." }),
    sortOrder: t.int({ required: false }),
    active: t.boolean({ required: false }),
    kind: t.field({ type: DispositionKindEnum, required: false, description: "For campaigns' result codes; null: a plain disposition; left out: unchanged." }),
  }),
});

const WrapUp = builder.objectRef<{ interactionId: string; until: Date | null; since: Date }>("WrapUp").implement({
  description: "The agent's wrap-up after a call: which interaction, and until when (null: until it has a disposition).",
  fields: (t) => ({
    since: t.expose("since", { type: "DateTime" }),
    until: t.expose("until", { type: "DateTime", nullable: true }),
    interaction: t.prismaField({
      type: "Interaction",
      resolve: (query, w, _a, ctx) => ctx.app.db.prisma.interaction.findUniqueOrThrow({ ...query, where: { id: w.interactionId } }),
    }),
  }),
});

builder.queryFields((t) => ({
  dispositionCodes: t.prismaField({
    type: ["DispositionCode"],
    description: "How calls can end; archived ones only for those who manage queues.",
    authScopes: { anyPermission: ["agents.work", "queues.manage", "scripts.manage"] },
    args: { includeArchived: t.arg.boolean({ required: false }) },
    resolve: (query, _r, args, ctx) => {
      const v = viewerOf(ctx);
      const all = args.includeArchived && can(v, "queues.manage");
      return ctx.app.db.prisma.dispositionCode.findMany({
        ...query,
        where: { organizationId: v.organizationId, ...(all ? {} : { active: true }) },
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      });
    },
  }),
  myWrapUp: t.field({
    type: WrapUp,
    nullable: true,
    description: "Your wrap-up in progress, if you are in one.",
    authScopes: { permission: "agents.work" },
    resolve: (_r, _a, ctx) => currentWrapUp(viewerOf(ctx).userId, ctx.app.db.prisma),
  }),
}));

builder.mutationFields((t) => ({
  saveDispositionCode: t.prismaField({
    type: "DispositionCode",
    description: "Create (no id) or update a disposition; active: false archives it.",
    authScopes: { permission: "queues.manage" },
    args: { id: t.arg.id({ required: false, validate: z.uuid().nullish() }), input: t.arg({ type: DispositionCodeInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const code = await saveDispositionCode(
        viewerOf(ctx),
        id ? String(id) : null,
        { name: input.name, translations: (input.translations ?? {}) as never, sortOrder: input.sortOrder ?? 0, active: input.active ?? true, kind: input.kind },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.dispositionCode.findUniqueOrThrow({ ...query, where: { id: code.id } });
    },
  }),
  setDisposition: t.prismaField({
    type: "Interaction",
    description: "Write down how an interaction you handled ended; done: true also ends your wrap-up (you are Ready).",
    authScopes: { permission: "agents.work" },
    args: {
      interactionId: t.arg.id({ required: true, validate: z.uuid() }),
      dispositionCodeId: t.arg.id({ required: false, validate: z.uuid().nullish() }),
      note: t.arg.string({ required: false }),
      done: t.arg.boolean({ required: false }),
    },
    resolve: async (query, _r, args, ctx) => {
      const i = await setDisposition(
        viewerOf(ctx),
        String(args.interactionId),
        { dispositionCodeId: args.dispositionCodeId ? String(args.dispositionCodeId) : null, note: args.note ?? "", done: args.done ?? false },
        ctx.app.deps,
      );
      return ctx.app.db.prisma.interaction.findUniqueOrThrow({ ...query, where: { id: i.id } });
    },
  }),
}));
