// The agent's desk on a campaign's call (domain/campaigns/dialer/agent-side.ts): the contact as the
// campaign knows them (list fields, earlier attempts) and the call-back they may promise.
import { z } from "zod";
import { campaignContextOfCase, scheduleCampaignCallback } from "../../domain/campaigns/dialer/agent-side.ts";
import { builder } from "../builder.ts";
import { CampaignModeEnum, CampaignOutcomeEnum } from "./campaign-enums.ts";
import { viewerOf } from "./helpers.ts";

type Context = NonNullable<Awaited<ReturnType<typeof campaignContextOfCase>>>;
type Attempt = Context["attempts"][number];

const CampaignField = builder.objectRef<{ name: string; value: string }>("CampaignContactField").implement({
  description: "A column of the contact list the number came from (debt, address…).",
  fields: (t) => ({ name: t.exposeString("name"), value: t.exposeString("value") }),
});

const CampaignAttemptView = builder.objectRef<Attempt>("CampaignAttemptView").implement({
  description: "One call placed to the contact by the campaign.",
  fields: (t) => ({
    id: t.exposeID("id"),
    startedAt: t.expose("startedAt", { type: "DateTime" }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
    mode: t.expose("mode", { type: CampaignModeEnum }),
    outcome: t.expose("outcome", { type: CampaignOutcomeEnum, nullable: true, description: "Null while the call is on." }),
    amdResult: t.exposeString("amdResult", { nullable: true }),
    agentName: t.exposeString("agentName", { nullable: true }),
    callbackAt: t.expose("callbackAt", { type: "DateTime", nullable: true }),
  }),
});

const CampaignContext = builder.objectRef<Context>("CampaignContext").implement({
  description: "The campaign a case's newest outbound call belongs to, and its contact.",
  fields: (t) => ({
    interactionId: t.exposeID("interactionId"),
    campaignId: t.id({ resolve: (c) => c.campaign.id }),
    campaignName: t.string({ resolve: (c) => c.campaign.name }),
    mode: t.field({ type: CampaignModeEnum, resolve: (c) => c.campaign.mode }),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    externalId: t.exposeString("externalId"),
    phone: t.string({ resolve: (c) => c.contact.phone }),
    listName: t.exposeString("listName"),
    fields: t.field({ type: [CampaignField], resolve: (c) => c.fields }),
    attemptsMade: t.int({ resolve: (c) => c.contact.attempts }),
    state: t.string({ resolve: (c) => c.contact.state }),
    nextAttemptAt: t.field({ type: "DateTime", nullable: true, resolve: (c) => c.contact.nextAttemptAt }),
    attempts: t.field({ type: [CampaignAttemptView], description: "Newest first.", resolve: (c) => c.attempts }),
  }),
});

const uuid = { required: true, validate: z.uuid() } as const;

builder.queryFields((t) => ({
  campaignContext: t.field({
    type: CampaignContext,
    nullable: true,
    description: "For a case the viewer sees: its newest campaign call's contact; null when none.",
    authScopes: { permission: "agents.work" },
    args: { caseId: t.arg.id(uuid) },
    resolve: (_r, args, ctx) => campaignContextOfCase(viewerOf(ctx), String(args.caseId), ctx.app.deps),
  }),
}));

builder.mutationFields((t) => ({
  scheduleCampaignCallback: t.field({
    type: "DateTime",
    description: "The agent on a campaign's call promises a call-back at `at`: by them (toMe) or by anyone.",
    authScopes: { permission: "agents.work" },
    args: { interactionId: t.arg.id(uuid), at: t.arg({ type: "DateTime", required: true }), toMe: t.arg.boolean({ required: false }) },
    resolve: async (_r, args, ctx) =>
      (await scheduleCampaignCallback(viewerOf(ctx), String(args.interactionId), { at: args.at, toMe: args.toMe ?? true }, ctx.app.deps)).at,
  }),
}));
