// Tags on cases and macros: the organisation's tags (admins keep the list; everyone who reads
// cases sees them), a case's tags and its timeline of staff actions, and applying a macro.
import { z } from "zod";
import { changeCaseTags, saveTag } from "../../domain/cases/case-tags.ts";
import { applyMacro, deleteMacro, saveMacro } from "../../domain/macros/macros.ts";
import { localizedName } from "../../domain/shared/localized-name.ts";
import { loadBatched } from "../batch-loader.ts";
import { builder } from "../builder.ts";
import { translationsOf, viewerName } from "../localized.ts";
import { READ_CASES } from "./cases.ts";
import { viewerOf } from "./helpers.ts";

const TagRef = builder.prismaObject("Tag", {
  authScopes: { anyPermission: [...READ_CASES, "cases.configure"] },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.string({
      description: "In the viewer's language when the admins gave one (translations), else the default name.",
      select: { name: true, translations: true },
      resolve: (c, _a, ctx) => viewerName(c, ctx),
    }),
    defaultName: t.exposeString("name", { description: "The name as entered, shown where no translation fits." }),
    translations: t.field({ type: "JSON", description: "Names in other languages: { pl?, en?, ru? }.", select: { translations: true }, resolve: translationsOf }),
    color: t.exposeString("color"),
    active: t.exposeBoolean("active", { description: "False: archived — kept on the cases that have it, no longer offered." }),
  }),
});

builder.prismaObject("CaseEvent", {
  authScopes: { authenticated: true },
  description:
    "Something done to the case itself: tag_added, tag_removed, macro_applied (data: the tag's or macro's id and name), status_changed (data: fromStatusId, toStatusId; no actor when the system did it).",
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.exposeString("type"),
    actor: t.relation("actor", { nullable: true }),
    data: t.expose("data", { type: "JSON" }),
    label: t.string({
      description: "What it was about in words: the tag's name in your language (as it is now, or as it was if gone), the macro's name, the new status's name.",
      select: { data: true, organizationId: true },
      resolve: async (e, _a, ctx) => {
        const data = (e.data ?? {}) as { tagId?: unknown; name?: unknown; toStatusId?: unknown };
        const recorded = typeof data.name === "string" ? data.name : "";
        if (typeof data.toStatusId === "string") {
          const status = await ctx.app.db.prisma.caseStatus.findFirst({ where: { id: data.toStatusId, organizationId: e.organizationId } });
          return status ? localizedName(status.name, status.translations, ctx.viewer?.locale ?? "en") : "";
        }
        if (typeof data.tagId !== "string") return recorded;
        const tag = await loadBatched(
          ctx,
          "caseEventTags",
          async (ids) => new Map((await ctx.app.db.prisma.tag.findMany({ where: { id: { in: ids }, organizationId: e.organizationId } })).map((x) => [x.id, x])),
          data.tagId,
        );
        return tag ? localizedName(tag.name, tag.translations, ctx.viewer?.locale ?? "en") : recorded;
      },
    }),
    at: t.expose("at", { type: "DateTime" }),
  }),
});

// A case is only ever reached through visibleCase/visibleCasesWhere: its tags and events go with it.
builder.prismaObjectFields("Case", (t) => ({
  tags: t.field({
    type: [TagRef],
    select: { tags: { select: { tag: true }, orderBy: { addedAt: "asc" } } },
    resolve: (c) => c.tags.map((ct) => ct.tag),
  }),
  tagIds: t.idList({
    description: "The ids of the case's tags (a list of the organisation's tags names them): cheap for long lists of cases.",
    select: { tags: { select: { tag: true }, orderBy: { addedAt: "asc" } } },
    resolve: (c) => c.tags.map((ct) => ct.tag.id),
  }),
  events: t.relation("events", { query: { orderBy: { at: "asc" }, take: 500 } }),
}));

const MacroAssignEnum = builder.enumType("MacroAssign", { values: ["KEEP", "ME", "UNASSIGN", "USER"] as const });

builder.prismaObject("Macro", {
  authScopes: { anyPermission: ["agents.work", "cases.manage", "cases.configure"] },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    body: t.exposeString("body", { description: "Reply text put into the composer (template variables allowed)." }),
    cannedReplyId: t.exposeID("cannedReplyId", { nullable: true, description: "Or a canned reply's text." }),
    status: t.relation("status", { nullable: true }),
    assign: t.expose("assign", { type: MacroAssignEnum }),
    assignee: t.relation("assignee", { nullable: true, description: "With assign USER." }),
    addTags: t.field({ type: [TagRef], select: { tags: { where: { add: true }, select: { tag: true } } }, resolve: (m) => m.tags.map((x) => x.tag) }),
    removeTags: t.field({ type: [TagRef], select: { tags: { where: { add: false }, select: { tag: true } } }, resolve: (m) => m.tags.map((x) => x.tag) }),
  }),
});

const MacroResult = builder.objectRef<{ caseId: string; reply: string }>("MacroResult").implement({
  description: "The macro's changes are made; `reply` (filled in for the case, may be empty) is for the composer — nothing was sent.",
  fields: (t) => ({
    case: t.prismaField({ type: "Case", resolve: (query, r, _a, ctx) => ctx.app.db.prisma.case.findUniqueOrThrow({ ...query, where: { id: r.caseId } }) }),
    reply: t.exposeString("reply"),
  }),
});

builder.queryFields((t) => ({
  tags: t.prismaField({
    type: ["Tag"],
    description: "The organisation's tags by name; archived ones too with includeArchived.",
    authScopes: { anyPermission: [...READ_CASES, "cases.configure"] },
    args: { includeArchived: t.arg.boolean({ required: false }) },
    resolve: (query, _r, args, ctx) =>
      ctx.app.db.prisma.tag.findMany({
        ...query,
        where: { organizationId: viewerOf(ctx).organizationId, ...(args.includeArchived ? {} : { active: true }) },
        orderBy: { nameKey: "asc" },
      }),
  }),
  macros: t.prismaField({
    type: ["Macro"],
    authScopes: { anyPermission: ["agents.work", "cases.manage", "cases.configure"] },
    resolve: (query, _r, _a, ctx) => ctx.app.db.prisma.macro.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
}));

const TagInput = builder.inputType("TagInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    translations: t.field({ type: "JSON", required: false, description: "Names in other languages: { pl?, en?, ru? }." }),
    color: t.string({ required: true }),
    active: t.boolean({ required: false, description: "False archives the tag." }),
  }),
});
const MacroInput = builder.inputType("MacroInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    body: t.string({ required: false }),
    cannedReplyId: t.id({ required: false }),
    statusId: t.id({ required: false }),
    assign: t.field({ type: MacroAssignEnum, required: false }),
    assigneeId: t.id({ required: false }),
    addTagIds: t.idList({ required: false }),
    removeTagIds: t.idList({ required: false }),
  }),
});

const optionalId = { required: false, validate: z.uuid().nullish() } as const;
const ids = (list: readonly (string | number)[] | null | undefined) => (list ?? []).map(String);

builder.mutationFields((t) => ({
  saveTag: t.prismaField({
    type: "Tag",
    authScopes: { permission: "cases.configure" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: TagInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const tag = await saveTag(
        viewerOf(ctx),
        id ? String(id) : null,
        { name: input.name, color: input.color, translations: (input.translations ?? {}) as never, active: input.active ?? true },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.tag.findUniqueOrThrow({ ...query, where: { id: tag.id } });
    },
  }),
  setCaseTags: t.prismaField({
    type: "Case",
    description: "Adds and removes tags on a case you work in (not one you only watch).",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { caseId: t.arg.id({ required: true, validate: z.uuid() }), add: t.arg.idList({ required: false }), remove: t.arg.idList({ required: false }) },
    resolve: async (query, _r, args, ctx) => {
      await changeCaseTags(viewerOf(ctx), { caseId: String(args.caseId), add: ids(args.add), remove: ids(args.remove) }, ctx.app.deps);
      return ctx.app.db.prisma.case.findUniqueOrThrow({ ...query, where: { id: String(args.caseId) } });
    },
  }),
  saveMacro: t.prismaField({
    type: "Macro",
    authScopes: { permission: "cases.configure" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: MacroInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const m = await saveMacro(
        viewerOf(ctx),
        id ? String(id) : null,
        {
          name: input.name,
          body: input.body ?? "",
          cannedReplyId: input.cannedReplyId ? String(input.cannedReplyId) : null,
          statusId: input.statusId ? String(input.statusId) : null,
          assign: input.assign ?? "KEEP",
          assigneeId: input.assigneeId ? String(input.assigneeId) : null,
          addTagIds: ids(input.addTagIds),
          removeTagIds: ids(input.removeTagIds),
        },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.macro.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
  deleteMacro: t.boolean({
    authScopes: { permission: "cases.configure" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await deleteMacro(viewerOf(ctx), String(args.id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  applyMacro: t.field({
    type: MacroResult,
    description: "Applies a macro to a case: its status, assignee and tag changes at once (or none). The reply comes back for the composer; nothing is sent.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { caseId: t.arg.id({ required: true, validate: z.uuid() }), macroId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: (_r, args, ctx) => applyMacro(viewerOf(ctx), { caseId: String(args.caseId), macroId: String(args.macroId) }, ctx.app.deps),
  }),
}));
