// The supervisor's live campaign monitor (campaigns.manage): each campaign's figures, and one
// campaign's in full (hours, result codes, script answers, agents). Live: `campaignMonitorChanged`
// rides the wall-board's topic (calls, agents' states and queues change it) and the page reads again.
// Controls: pause/resume and moving an agent into or out of the campaign's queue.
import { can } from "../../domain/access/viewer.ts";
import { moveCampaignAgent, setCampaignPaused } from "../../domain/campaigns/monitor/campaign-controls.ts";
import {
  type CallCounts,
  type CampaignFigures,
  type CampaignSummary,
  type ContactCounts,
  type MonitorAgent,
  type ResultCodeCount,
  campaignFigures,
  campaignScriptTally,
  campaignSummaries,
} from "../../domain/campaigns/monitor/campaign-figures.ts";
import type { HourFigures } from "../../domain/campaigns/monitor/figures-math.ts";
import type { TextCounts } from "../../domain/campaigns/monitor/text-figures.ts";
import type { ChoiceCount, QuestionTally } from "../../domain/campaigns/monitor/script-tally.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { authorizedStream, unlessRevoked } from "../authorized-stream.ts";
import { builder } from "../builder.ts";
import { CampaignModeEnum, CampaignStatusEnum } from "./campaign-enums.ts";
import { AgentStateEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const scope = { permission: "campaigns.manage" } as const;

const CapLevelEnum = builder.enumType("CampaignMonitorCapLevel", {
  description: "The abandon rate against the cap: NONE (nobody answered yet), OK, NEAR (90 % of the cap or more), OVER.",
  values: ["NONE", "OK", "NEAR", "OVER"] as const,
});

const Calls = builder.objectRef<CallCounts>("CampaignMonitorCalls").implement({
  description: "A campaign's attempts counted (definitions: docs/campaigns.md, Campaign monitor).",
  fields: (t) => ({
    dialled: t.exposeInt("dialled"),
    human: t.exposeInt("human", { description: "Answered by a person (AMD said so, or no AMD)." }),
    machine: t.exposeInt("machine"),
    unsure: t.exposeInt("unsure"),
    busy: t.exposeInt("busy"),
    noAnswer: t.exposeInt("noAnswer"),
    networkError: t.exposeInt("networkError"),
    personAnswered: t.exposeInt("personAnswered", { description: "Answered and not taken for a machine: what the abandon rate divides by." }),
    abandoned: t.exposeInt("abandoned"),
    connected: t.exposeInt("connected"),
    abandonPercent: t.exposeFloat("abandonPercent", { nullable: true }),
    capLevel: t.expose("capLevel", { type: CapLevelEnum }),
  }),
});

const DoneBy = builder.objectRef<ContactCounts["doneBy"][number]>("CampaignMonitorDoneBy").implement({
  fields: (t) => ({ reason: t.exposeString("reason"), count: t.exposeInt("count") }),
});

const Contacts = builder.objectRef<ContactCounts>("CampaignMonitorContacts").implement({
  fields: (t) => ({
    total: t.exposeInt("total"),
    waitingDue: t.exposeInt("waitingDue", { description: "Waiting and due now." }),
    waitingLater: t.exposeInt("waitingLater", { description: "Waiting for a later time (a retry or call-back)." }),
    dialling: t.exposeInt("dialling"),
    inCall: t.exposeInt("inCall"),
    done: t.exposeInt("done"),
    doneBy: t.field({ type: [DoneBy], resolve: (c) => c.doneBy }),
    attemptsLeft: t.exposeInt("attemptsLeft", { description: "Over contacts not done: the campaign's maximum attempts less those made." }),
  }),
});

const Hour = builder.objectRef<HourFigures>("CampaignMonitorHour").implement({
  fields: (t) => ({
    hour: t.exposeInt("hour", { description: "0–23 in the organisation's time zone." }),
    dialled: t.exposeInt("dialled"),
    personAnswered: t.exposeInt("personAnswered"),
    abandoned: t.exposeInt("abandoned"),
    abandonPercent: t.exposeFloat("abandonPercent", { nullable: true }),
  }),
});

const ResultCode = builder.objectRef<ResultCodeCount>("CampaignMonitorResultCode").implement({
  fields: (t) => ({
    dispositionId: t.exposeID("dispositionId", { nullable: true }),
    name: t.exposeString("name", { description: "In the viewer's language." }),
    kind: t.exposeString("kind", { nullable: true, description: "REACHED, RETRY or FAILED." }),
    count: t.exposeInt("count"),
  }),
});

const Agent = builder.objectRef<MonitorAgent>("CampaignMonitorAgent").implement({
  fields: (t) => ({
    userId: t.exposeID("userId"),
    name: t.exposeString("name"),
    state: t.expose("state", { type: AgentStateEnum }),
    since: t.expose("since", { type: "DateTime", nullable: true }),
    onCampaignCall: t.exposeBoolean("onCampaignCall"),
  }),
});

const Choice = builder.objectRef<ChoiceCount>("CampaignMonitorChoice").implement({
  fields: (t) => ({ value: t.exposeString("value"), label: t.exposeString("label"), count: t.exposeInt("count") }),
});

const Question = builder.objectRef<QuestionTally>("CampaignMonitorQuestion").implement({
  description: "One question of the campaign's call script, its answers tallied.",
  fields: (t) => ({
    questionId: t.exposeString("questionId"),
    text: t.exposeString("text"),
    type: t.exposeString("type", { description: "choice, multi, scale, number, text or date." }),
    answered: t.exposeInt("answered"),
    choices: t.field({ type: [Choice], resolve: (q) => q.choices }),
    average: t.exposeFloat("average", { nullable: true }),
  }),
});

const Texts = builder.objectRef<TextCounts>("CampaignMonitorTexts").implement({
  description: "An SMS campaign's texts: waiting, with the provider, delivered, failed; parts billed; answers.",
  fields: (t) => ({
    queued: t.exposeInt("queued"),
    sent: t.exposeInt("sent", { description: "Taken by the provider, no final receipt yet." }),
    delivered: t.exposeInt("delivered"),
    failed: t.exposeInt("failed"),
    parts: t.exposeInt("parts", { description: "Parts of the texts handed to the provider (billed per part)." }),
    replies: t.exposeInt("replies", { description: "Texts whose answer opened a case on the campaign's queue." }),
    deliveryPercent: t.exposeFloat("deliveryPercent", { nullable: true, description: "Delivered of all handed to the provider." }),
  }),
});

const Base = builder.interfaceRef<CampaignSummary>("CampaignMonitorBase").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    status: t.expose("status", { type: CampaignStatusEnum }),
    mode: t.expose("mode", { type: CampaignModeEnum }),
    queueId: t.exposeID("queueId"),
    abandonCapPercent: t.exposeFloat("abandonCapPercent"),
    maxAttempts: t.exposeInt("maxAttempts"),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    calls: t.field({ type: Calls, resolve: (c) => c.calls }),
    lastHour: t.field({ type: Calls, description: "Attempts started in the last 60 minutes.", resolve: (c) => c.lastHour }),
    contacts: t.field({ type: Contacts, resolve: (c) => c.contacts }),
    texts: t.field({ type: Texts, description: "An SMS campaign's texts (zeros for a calling campaign).", resolve: (c) => c.texts }),
  }),
});

const Summary = builder.objectRef<CampaignSummary>("CampaignMonitorSummary").implement({
  description: "A campaign's headline figures, for the list of campaigns.",
  interfaces: [Base],
  isTypeOf: (c) => !("hours" in (c as object)),
});

const Monitor = builder.objectRef<CampaignFigures>("CampaignMonitor").implement({
  description: "One campaign as it stands now.",
  interfaces: [Base],
  isTypeOf: (c) => "hours" in (c as object),
  fields: (t) => ({
    queueName: t.exposeString("queueName"),
    timezone: t.exposeString("timezone"),
    at: t.expose("at", { type: "DateTime" }),
    hours: t.field({ type: [Hour], description: "Today's hours up to now (organisation's time zone).", resolve: (c) => c.hours }),
    resultCodes: t.field({ type: [ResultCode], resolve: (c) => c.resultCodes }),
    agents: t.field({ type: [Agent], description: "The members of the campaign's queue.", resolve: (c) => c.agents }),
    scriptAnswers: t.field({
      type: [Question],
      description: "The answers to the queue's call script on the campaign's calls, per question.",
      resolve: (c, _a, ctx) => campaignScriptTally(viewerOf(ctx), c.id, ctx.app.db.prisma),
    }),
  }),
});

builder.queryFields((t) => ({
  campaignMonitors: t.field({
    type: [Summary],
    authScopes: scope,
    description: "The organisation's campaigns past their draft, newest first.",
    resolve: (_r, _a, ctx) => campaignSummaries(viewerOf(ctx), ctx.app.db.prisma, ctx.app.deps.now()),
  }),
  campaignMonitor: t.field({
    type: Monitor,
    authScopes: scope,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, a, ctx) => campaignFigures(viewerOf(ctx), String(a.id), ctx.app.db.prisma, ctx.app.deps.now()),
  }),
}));

builder.mutationFields((t) => ({
  monitorPauseCampaign: t.id({
    authScopes: scope,
    description: "A running campaign stops placing new calls (those under way go on).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, a, ctx) => setCampaignPaused(viewerOf(ctx), String(a.id), true, ctx.app.deps, ctx.ip),
  }),
  monitorResumeCampaign: t.id({
    authScopes: scope,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, a, ctx) => setCampaignPaused(viewerOf(ctx), String(a.id), false, ctx.app.deps, ctx.ip),
  }),
  monitorMoveCampaignAgent: t.boolean({
    authScopes: scope,
    description: "Puts an agent into the campaign's queue (in: true) or takes them out of it.",
    args: { campaignId: t.arg.id({ required: true }), userId: t.arg.id({ required: true }), in: t.arg.boolean({ required: true }) },
    resolve: (_r, a, ctx) => moveCampaignAgent(viewerOf(ctx), { campaignId: String(a.campaignId), userId: String(a.userId), in: a.in }, ctx.app.deps, ctx.ip),
  }),
}));

builder.subscriptionFields((t) => ({
  campaignMonitorChanged: t.boolean({
    description: "Calls, agents or queues changed: read `campaignMonitor`/`campaignMonitors` again (a burst comes as one).",
    authScopes: scope,
    subscribe: (_r, _a, ctx) =>
      authorizedStream(ctx, ctx.app.pubsub.subscribe("wallboard", viewerOf(ctx).organizationId), (viewer) =>
        can(viewer, "campaigns.manage") ? "deliver" : new DomainError("FORBIDDEN", "You may no longer manage campaigns"),
      ),
    resolve: (payload) => (unlessRevoked(payload), true),
  }),
}));
