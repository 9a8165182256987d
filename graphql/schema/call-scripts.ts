// Call scripts (CATI): administrators write and publish them (scripts.manage); an agent reads the
// script of an interaction they handle and saves its answers (domain/scripts/).
import { z } from "zod";
import { createCallScript, deleteCallScript, publishScript, saveScriptDraft, setQueueScript, storedDefinition } from "../../domain/scripts/call-scripts.ts";
import type { ScriptStep } from "../../domain/scripts/definition.ts";
import { interactionScript, saveScriptAnswers } from "../../domain/scripts/script-answers.ts";
import { type ScriptProblem, validateScript } from "../../domain/scripts/validate.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const ScriptVersionStatusEnum = builder.enumType("ScriptVersionStatus", { values: ["DRAFT", "PUBLISHED"] as const });

const Problem = builder.objectRef<ScriptProblem>("ScriptProblem").implement({
  description: "What stops a script from being published (domain/scripts/validate.ts).",
  fields: (t) => ({
    code: t.exposeString("code"),
    questionId: t.exposeString("questionId", { nullable: true }),
    ref: t.string({ nullable: true, resolve: (p) => p.ref ?? null }),
  }),
});

builder.prismaObject("CallScriptVersion", {
  authScopes: { permission: "scripts.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    number: t.exposeInt("number"),
    status: t.expose("status", { type: ScriptVersionStatusEnum }),
    definition: t.field({ type: "JSON", select: { definition: true }, resolve: (v) => storedDefinition(v.definition) }),
    problems: t.field({ type: [Problem], select: { definition: true }, resolve: (v) => validateScript(storedDefinition(v.definition)) }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("CallScript", {
  authScopes: { permission: "scripts.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    versions: t.relation("versions", { description: "Newest first.", query: { orderBy: { number: "desc" } } }),
    queueIds: t.field({ type: ["ID"], description: "Queues whose inbound calls follow it.", select: { queues: { select: { id: true } } }, resolve: (s) => s.queues.map((q) => q.id) }),
  }),
});

type Followed = NonNullable<Awaited<ReturnType<typeof interactionScript>>>;
const InteractionScript = builder.objectRef<Followed>("InteractionScript").implement({
  description: "The script an agent follows on an interaction they handle, with what they answered so far.",
  fields: (t) => ({
    interactionId: t.exposeID("interactionId"),
    name: t.exposeString("name"),
    versionId: t.id({ resolve: (s) => s.version.id }),
    versionNumber: t.int({ resolve: (s) => s.version.number }),
    definition: t.field({ type: "JSON", resolve: (s) => s.definition }),
    fields: t.field({ type: "JSON", description: "The contact's fields for the questions' texts.", resolve: (s) => s.fields }),
    steps: t.field({ type: "JSON", resolve: (s) => (s.answers?.steps ?? []) as ScriptStep[] }),
    resultCode: t.string({ nullable: true, resolve: (s) => s.answers?.resultCode ?? null }),
    requests: t.field({ type: "JSON", resolve: (s) => s.answers?.requests ?? [] }),
    completedAt: t.field({ type: "DateTime", nullable: true, resolve: (s) => s.answers?.completedAt ?? null }),
  }),
});

const uuid = { required: true, validate: z.uuid() } as const;

builder.queryFields((t) => ({
  callScripts: t.prismaField({
    type: ["CallScript"],
    authScopes: { permission: "scripts.manage" },
    resolve: (query, _r, _a, ctx) => ctx.app.db.prisma.callScript.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
  callScript: t.prismaField({
    type: "CallScript",
    nullable: true,
    authScopes: { permission: "scripts.manage" },
    args: { id: t.arg.id(uuid) },
    resolve: (query, _r, args, ctx) => ctx.app.db.prisma.callScript.findFirst({ ...query, where: { id: String(args.id), organizationId: viewerOf(ctx).organizationId } }),
  }),
  interactionScript: t.field({
    type: InteractionScript,
    nullable: true,
    description: "The script of an interaction the agent handles; null when it has none.",
    authScopes: { permission: "agents.work" },
    args: { interactionId: t.arg.id(uuid) },
    resolve: (_r, args, ctx) => interactionScript(viewerOf(ctx), String(args.interactionId), ctx.app.deps),
  }),
}));

const CallScriptInput = builder.inputType("CallScriptInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    definition: t.field({ type: "JSON", required: false, description: "domain/scripts/definition.ts; writes the draft version." }),
  }),
});

const ScriptAnswersInput = builder.inputType("ScriptAnswersInput", {
  fields: (t) => ({
    scriptVersionId: t.id({ required: true }),
    steps: t.field({ type: "JSON", required: true, description: "[{ questionId, value }] in the order asked." }),
    complete: t.boolean({ required: false }),
    resultCode: t.string({ required: false }),
    callbackAt: t.string({ required: false, description: "YYYY-MM-DDTHH:mm, for a call-back the script left open." }),
  }),
});

builder.mutationFields((t) => ({
  createCallScript: t.prismaField({
    type: "CallScript",
    authScopes: { permission: "scripts.manage" },
    args: { input: t.arg({ type: CallScriptInput, required: true }) },
    resolve: async (query, _r, { input }, ctx) => {
      const s = await createCallScript(viewerOf(ctx), { name: input.name, description: input.description ?? "" }, ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.callScript.findUniqueOrThrow({ ...query, where: { id: s.id } });
    },
  }),
  saveCallScriptDraft: t.prismaField({
    type: "CallScriptVersion",
    description: "Renames the script and writes its draft (a new version after a published one).",
    authScopes: { permission: "scripts.manage" },
    args: { id: t.arg.id(uuid), input: t.arg({ type: CallScriptInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const v = await saveScriptDraft(viewerOf(ctx), String(id), { name: input.name, description: input.description ?? "", definition: input.definition ?? { questions: [] } }, ctx.app.deps);
      return ctx.app.db.prisma.callScriptVersion.findUniqueOrThrow({ ...query, where: { id: v.id } });
    },
  }),
  publishCallScript: t.prismaField({
    type: "CallScriptVersion",
    authScopes: { permission: "scripts.manage" },
    args: { id: t.arg.id(uuid) },
    resolve: async (query, _r, { id }, ctx) => {
      const v = await publishScript(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.callScriptVersion.findUniqueOrThrow({ ...query, where: { id: v.id } });
    },
  }),
  deleteCallScript: t.boolean({
    authScopes: { permission: "scripts.manage" },
    args: { id: t.arg.id(uuid) },
    resolve: async (_r, { id }, ctx) => {
      await deleteCallScript(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  setQueueCallScript: t.boolean({
    description: "Which script the queue's agents follow on inbound calls (null: none).",
    authScopes: { permission: "queues.manage" },
    args: { queueId: t.arg.id(uuid), scriptId: t.arg.id({ required: false, validate: z.uuid().nullish() }) },
    resolve: async (_r, args, ctx) => {
      await setQueueScript(viewerOf(ctx), String(args.queueId), args.scriptId ? String(args.scriptId) : null, ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  saveScriptAnswers: t.field({
    type: InteractionScript,
    description: "Saves the answers so far (complete: closes the attempt with its result code).",
    authScopes: { permission: "agents.work" },
    args: { interactionId: t.arg.id(uuid), input: t.arg({ type: ScriptAnswersInput, required: true }) },
    resolve: async (_r, { interactionId, input }, ctx) => {
      const viewer = viewerOf(ctx);
      await saveScriptAnswers(viewer, String(interactionId), { ...input, scriptVersionId: String(input.scriptVersionId), steps: input.steps as never, complete: input.complete ?? false, resultCode: input.resultCode ?? null, callbackAt: input.callbackAt ?? null }, ctx.app.deps);
      return (await interactionScript(viewer, String(interactionId), ctx.app.deps))!;
    },
  }),
}));
