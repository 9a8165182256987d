// Outbound campaigns, the administrator's side (campaigns.manage): settings, lists, agents, the
// campaign's own do-not-call numbers, and start / pause / resume / stop / delete. The dialer reads
// what is saved here each second.
import { z } from "zod";
import {
  addCampaignDoNotCall,
  type CampaignCounts,
  campaign,
  campaignCounts,
  campaignOptions,
  campaigns,
  deleteCampaign,
  pauseCampaign,
  removeCampaignDoNotCall,
  resumeCampaign,
  saveCampaign,
  startCampaign,
  stopCampaign,
} from "../../domain/campaigns/campaigns.ts";
import { CAMPAIGN_RECORDING, MACHINE_ACTIONS, attemptRulesOf } from "../../domain/campaigns/campaign-settings.ts";
import type { EnrolCounts } from "../../domain/campaigns/enrol-contacts.ts";
import { builder } from "../builder.ts";
import { CampaignModeEnum, CampaignStatusEnum } from "./campaign-enums.ts";
import type { GraphQLContext } from "../context.ts";
import { viewerName } from "../localized.ts";
import { DispositionKindEnum } from "./dispositions.ts";
import { LocaleEnum } from "./enums.ts";
import { QueueMemberInput } from "./queues.ts";
import { viewerOf } from "./helpers.ts";

const scope = { permission: "campaigns.manage" } as const;
const MachineActionEnum = builder.enumType("MachineAction", {
  description: "What an answering machine gets: hung up on, the campaign's machine message, or an agent.",
  values: MACHINE_ACTIONS,
});
const CampaignRecordingEnum = builder.enumType("CampaignRecording", { description: "Which of the campaign's calls are recorded.", values: CAMPAIGN_RECORDING });

const CampaignCountsRef = builder.objectRef<CampaignCounts>("CampaignCounts").implement({
  description: "Where the campaign's contacts stand, and the calls placed so far.",
  fields: (t) => ({
    total: t.exposeInt("total"),
    waiting: t.exposeInt("waiting"),
    active: t.exposeInt("active", { description: "Being dialled or in a call now." }),
    done: t.exposeInt("done"),
    doneBy: t.field({ type: "JSON", description: "Done contacts by why: { REACHED, FAILED, DO_NOT_CALL, INVALID_NUMBER, EXHAUSTED, NO_WINDOW, STOPPED }.", resolve: (c) => c.doneBy }),
    attempts: t.exposeInt("attempts"),
  }),
});

const Enrolment = builder.objectRef<EnrolCounts>("CampaignEnrolment").implement({
  description: "What enrolling the lists' entries as contacts came to.",
  fields: (t) => ({
    enrolled: t.exposeInt("enrolled"),
    duplicates: t.exposeInt("duplicates", { description: "Numbers on more than one list, enrolled once." }),
    doNotCall: t.exposeInt("doNotCall"),
    blocked: t.exposeInt("blocked"),
  }),
});

builder.prismaObject("CampaignList", {
  authScopes: scope,
  fields: (t) => ({
    list: t.relation("list"),
    enrolledAt: t.expose("enrolledAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObject("CampaignDoNotCall", {
  authScopes: scope,
  fields: (t) => ({
    number: t.exposeString("number"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("Campaign", {
  authScopes: scope,
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    mode: t.expose("mode", { type: CampaignModeEnum }),
    status: t.expose("status", { type: CampaignStatusEnum }),
    queue: t.relation("queue", { description: "Its own queue: agents, wrap-up, required result code, recording, priority, script." }),
    trunkId: t.exposeID("trunkId", { nullable: true, description: "null: the organisation's first active line." }),
    callerId: t.exposeString("callerId", { description: "Empty: the line's first caller ID." }),
    callingHours: t.field({ type: "JSON", description: "When it may call: { enabled, days: { mon: [{ from, to }] }, holidays }.", resolve: (c) => c.callingHours }),
    startsAt: t.expose("startsAt", { type: "DateTime", nullable: true }),
    endsAt: t.expose("endsAt", { type: "DateTime", nullable: true }),
    maxAttempts: t.exposeInt("maxAttempts"),
    retryMinutes: t.field({
      type: "JSON",
      description: "Minutes before the next try per outcome (RETRY, BUSY, NO_ANSWER, MACHINE, ABANDONED, NETWORK_ERROR): the campaign's own.",
      resolve: (c) => c.retryMinutes,
    }),
    effectiveRetryMinutes: t.field({
      type: "JSON",
      description: "The delays that apply: the campaign's own, the defaults for the rest.",
      select: { retryMinutes: true, maxAttempts: true },
      resolve: (c) => attemptRulesOf(c).retryMinutes,
    }),
    lineLimit: t.exposeInt("lineLimit"),
    ringSeconds: t.exposeInt("ringSeconds"),
    abandonCapPercent: t.exposeFloat("abandonCapPercent"),
    amd: t.exposeBoolean("amd"),
    machineAction: t.expose("machineAction", { type: MachineActionEnum }),
    unsureToAgent: t.exposeBoolean("unsureToAgent"),
    abandonMessage: t.exposeString("abandonMessage"),
    machineMessage: t.exposeString("machineMessage"),
    abandonAudioId: t.exposeID("abandonAudioId", { nullable: true, description: "A recorded prompt played instead of abandonMessage." }),
    machineAudioId: t.exposeID("machineAudioId", { nullable: true, description: "A recorded prompt left on machines instead of machineMessage." }),
    language: t.expose("language", { type: LocaleEnum }),
    previewSeconds: t.exposeInt("previewSeconds", { nullable: true }),
    dispositionIds: t.exposeIDList("dispositionIds", { description: "Empty: every active result code with a kind." }),
    lists: t.relation("lists", { query: { orderBy: { list: { createdAt: "asc" } } } }),
    doNotCall: t.relation("doNotCall", { query: { orderBy: { createdAt: "desc" } } }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    teamIds: t.field({
      type: ["ID"],
      description: "The teams it follows: their members work it, as they join and leave (kept on its queue).",
      select: { queue: { select: { teams: { select: { teamId: true }, orderBy: { createdAt: "asc" } } } } },
      resolve: (c) => c.queue.teams.map((t) => t.teamId),
    }),
    callScriptId: t.field({
      type: "ID",
      nullable: true,
      description: "The script its agents follow (kept on its queue).",
      select: { queue: { select: { callScriptId: true } } },
      resolve: (c) => c.queue.callScriptId,
    }),
    smsAccountId: t.exposeID("smsAccountId", { nullable: true, description: "SMS campaigns: the account it texts through." }),
    smsFrom: t.exposeString("smsFrom", { description: "The number or sender name shown; empty: the account's first SMS number." }),
    smsTemplate: t.exposeString("smsTemplate", { description: "The text, with {name}, {firstName}, {phone}, {email}, {externalId} or a list column." }),
    smsPerMinute: t.exposeInt("smsPerMinute", { description: "Texts handed to the provider per minute at most." }),
    smsPlainLetters: t.exposeBoolean("smsPlainLetters", { description: "Polish letters sent without their marks (160 characters a part, not 70)." }),
    counts: t.field({ type: CampaignCountsRef, select: { id: true }, resolve: (c, _a, ctx) => campaignCounts(ctx.app.db.prisma, c.id) }),
  }),
});

const CampaignInput = builder.inputType("CampaignInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    mode: t.field({ type: CampaignModeEnum, required: false }),
    listIds: t.idList({ required: false }),
    trunkId: t.id({ required: false }),
    callerId: t.string({ required: false }),
    callingHours: t.field({ type: "JSON", required: false }),
    startsAt: t.field({ type: "DateTime", required: false }),
    endsAt: t.field({ type: "DateTime", required: false }),
    maxAttempts: t.int({ required: false }),
    retryMinutes: t.field({ type: "JSON", required: false }),
    lineLimit: t.int({ required: false }),
    ringSeconds: t.int({ required: false }),
    abandonCapPercent: t.float({ required: false, description: "0.5–3; 3 by default." }),
    amd: t.boolean({ required: false }),
    machineAction: t.field({ type: MachineActionEnum, required: false }),
    unsureToAgent: t.boolean({ required: false }),
    abandonMessage: t.string({ required: false, description: "Required for PREDICTIVE, unless abandonAudioId is given." }),
    machineMessage: t.string({ required: false, description: "Required when machineAction is MESSAGE, unless machineAudioId is given." }),
    abandonAudioId: t.id({ required: false, description: "A recorded prompt (Sounds) played instead of abandonMessage." }),
    machineAudioId: t.id({ required: false, description: "A recorded prompt (Sounds) left on machines instead of machineMessage." }),
    language: t.field({ type: LocaleEnum, required: false }),
    previewSeconds: t.int({ required: false }),
    dispositionIds: t.idList({ required: false }),
    members: t.field({ type: [QueueMemberInput], required: false }),
    teamIds: t.idList({ required: false, description: "Followed: their members work it (skill 5), as they join and leave." }),
    priority: t.int({ required: false }),
    wrapUpSeconds: t.int({ required: false }),
    requireDisposition: t.boolean({ required: false }),
    recordingPolicy: t.field({ type: CampaignRecordingEnum, required: false }),
    callScriptId: t.id({ required: false }),
    smsAccountId: t.id({ required: false, description: "Required for an SMS campaign." }),
    smsFrom: t.string({ required: false }),
    smsTemplate: t.string({ required: false, description: "Required for an SMS campaign; at most 6 parts as written." }),
    smsPerMinute: t.int({ required: false, description: "1–60000; 600 by default." }),
    smsPlainLetters: t.boolean({ required: false }),
  }),
});

const SavedCampaign = builder.objectRef<{ campaign: { id: string }; enrolment: EnrolCounts | null }>("SavedCampaign").implement({
  fields: (t) => ({
    campaign: t.prismaField({
      type: "Campaign",
      resolve: (query, r, _a, ctx) => ctx.app.db.prisma.campaign.findUniqueOrThrow({ ...query, where: { id: r.campaign.id } }),
    }),
    enrolment: t.field({ type: Enrolment, nullable: true, description: "Lists enrolled now (start, or lists added to a running campaign).", resolve: (r) => r.enrolment }),
  }),
});

const id = { required: true, validate: z.uuid() } as const;
const reread = (query: object, c: { id: string }, ctx: GraphQLContext) =>
  ctx.app.db.prisma.campaign.findUniqueOrThrow({ ...query, where: { id: c.id } });
const strings = (v: readonly (string | number)[] | null | undefined) => (v ?? []).map(String);

type Options = Awaited<ReturnType<typeof campaignOptions>>;
const Named = builder.objectRef<{ id: string; name: string }>("CampaignOptionNamed").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});
const CampaignOptions = builder.objectRef<Options>("CampaignOptions").implement({
  description: "What a campaign's editor chooses from.",
  fields: (t) => ({
    lists: t.field({
      type: [
        builder.objectRef<Options["lists"][number]>("CampaignOptionList").implement({
          fields: (f) => ({
            id: f.exposeID("id"),
            name: f.exposeString("name"),
            status: f.exposeString("status"),
            imported: f.exposeInt("imported"),
            fieldNames: f.exposeStringList("fieldNames", { description: "Its extra columns: what a template's {field} may name." }),
          }),
        }),
      ],
      resolve: (o) => o.lists,
    }),
    trunks: t.field({
      type: [
        builder.objectRef<Options["trunks"][number]>("CampaignOptionTrunk").implement({
          fields: (f) => ({ id: f.exposeID("id"), name: f.exposeString("name"), active: f.exposeBoolean("active"), callerIds: f.exposeStringList("callerIds") }),
        }),
      ],
      resolve: (o) => o.trunks,
    }),
    agents: t.field({
      type: [
        builder.objectRef<Options["agents"][number]>("CampaignOptionAgent").implement({
          fields: (f) => ({ id: f.exposeID("id"), name: f.exposeString("name"), username: f.exposeString("username") }),
        }),
      ],
      resolve: (o) => o.agents,
    }),
    teams: t.field({ type: [Named], resolve: (o) => o.teams }),
    resultCodes: t.field({
      type: [
        builder.objectRef<Options["resultCodes"][number]>("CampaignOptionResultCode").implement({
          fields: (f) => ({
            id: f.exposeID("id"),
            name: f.string({ resolve: (c, _a, ctx) => viewerName(c, ctx) }),
            kind: f.field({ type: DispositionKindEnum, resolve: (c) => c.kind! }),
          }),
        }),
      ],
      resolve: (o) => o.resultCodes,
    }),
    scripts: t.field({ type: [Named], resolve: (o) => o.scripts }),
    prompts: t.field({ type: [Named], description: "Recorded prompts (Sounds) a message may be played from.", resolve: (o) => o.prompts }),
    smsAccounts: t.field({
      type: [
        builder.objectRef<Options["smsAccounts"][number]>("CampaignOptionSmsAccount").implement({
          fields: (f) => ({
            id: f.exposeID("id"),
            name: f.exposeString("name"),
            active: f.exposeBoolean("active"),
            numbers: f.stringList({ description: "Its SMS numbers (the first is used when the campaign names none).", resolve: (a) => a.numbers.map((n) => n.key) }),
          }),
        }),
      ],
      description: "SMS accounts an SMS campaign may text through.",
      resolve: (o) => o.smsAccounts,
    }),
  }),
});

builder.queryFields((t) => ({
  campaignOptions: t.field({ type: CampaignOptions, authScopes: scope, resolve: (_r, _a, ctx) => campaignOptions(viewerOf(ctx), ctx.app.db.prisma) }),
  campaigns: t.prismaField({ type: ["Campaign"], authScopes: scope, resolve: (q, _r, _a, ctx) => campaigns(viewerOf(ctx), ctx.app.db.prisma, q) }),
  campaign: t.prismaField({ type: "Campaign", authScopes: scope, args: { id: t.arg.id(id) }, resolve: (q, _r, a, ctx) => campaign(viewerOf(ctx), String(a.id), ctx.app.db.prisma, q) }),
}));

builder.mutationFields((t) => ({
  saveCampaign: t.field({
    type: SavedCampaign,
    description: "Create (no id) or change a campaign; a running one changes at once, and lists added to it are enrolled.",
    authScopes: scope,
    args: { id: t.arg.id({ required: false, validate: z.uuid().nullish() }), input: t.arg({ type: CampaignInput, required: true }) },
    resolve: (_r, { id: campaignId, input }, ctx) => {
      const { listIds, dispositionIds, teamIds, members, trunkId, callScriptId, abandonAudioId, machineAudioId, smsAccountId, ...rest } = input;
      const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
      return saveCampaign(
        viewerOf(ctx),
        campaignId ? String(campaignId) : null,
        {
          ...(defined as typeof rest & { name: string }),
          previewSeconds: input.previewSeconds ?? null,
          startsAt: input.startsAt ?? null,
          endsAt: input.endsAt ?? null,
          listIds: strings(listIds),
          dispositionIds: strings(dispositionIds),
          teamIds: strings(teamIds),
          members: (members ?? []).map((m) => ({ userId: String(m.userId), skillLevel: m.skillLevel })),
          trunkId: trunkId ? String(trunkId) : null,
          callScriptId: callScriptId ? String(callScriptId) : null,
          abandonAudioId: abandonAudioId ? String(abandonAudioId) : null,
          machineAudioId: machineAudioId ? String(machineAudioId) : null,
          smsAccountId: smsAccountId ? String(smsAccountId) : null,
        } as never,
        ctx.app.deps,
        ctx.ip,
      );
    },
  }),
  startCampaign: t.field({
    type: SavedCampaign,
    description: "Start a draft: needs an imported list, and an agent and a working line (calls) or a working SMS account (SMS); its lists' numbers are enrolled.",
    authScopes: scope,
    args: { id: t.arg.id(id) },
    resolve: (_r, a, ctx) => startCampaign(viewerOf(ctx), String(a.id), ctx.app.deps, ctx.ip),
  }),
  ...Object.fromEntries(
    (
      [
        ["pauseCampaign", pauseCampaign, "Pause a running campaign: nothing more is dialled; calls live go on."],
        ["resumeCampaign", resumeCampaign, "Resume a paused campaign."],
        ["stopCampaign", stopCampaign, "Stop for good: contacts not done are done (STOPPED); calls already live go on to their end."],
      ] as const
    ).map(([name, step, description]) => [
      name,
      t.prismaField({
        type: "Campaign",
        description,
        authScopes: scope,
        args: { id: t.arg.id(id) },
        resolve: async (q, _r, a, ctx) => reread(q, await step(viewerOf(ctx), String(a.id), ctx.app.deps, ctx.ip), ctx),
      }),
    ]),
  ),
  deleteCampaign: t.boolean({
    description: "Delete a draft campaign and its queue.",
    authScopes: scope,
    args: { id: t.arg.id(id) },
    resolve: (_r, a, ctx) => deleteCampaign(viewerOf(ctx), String(a.id), ctx.app.deps, ctx.ip),
  }),
  addCampaignDoNotCall: t.field({
    type: builder.objectRef<{ number: string; added: boolean; contactsDone: number }>("CampaignDoNotCallAdded").implement({
      fields: (f) => ({
        number: f.exposeString("number", { description: "In E.164." }),
        added: f.exposeBoolean("added", { description: "false: it was listed already." }),
        contactsDone: f.exposeInt("contactsDone", { description: "Waiting contacts with this number, now done (DO_NOT_CALL)." }),
      }),
    }),
    authScopes: scope,
    args: {
      campaignId: t.arg.id(id),
      number: t.arg.string({ required: true, validate: z.string().min(1).max(64) }),
      country: t.arg.string({ required: false, validate: z.string().max(2).nullish() }),
    },
    resolve: (_r, a, ctx) => addCampaignDoNotCall(viewerOf(ctx), String(a.campaignId), { number: a.number, country: a.country }, ctx.app.deps, ctx.ip),
  }),
  removeCampaignDoNotCall: t.boolean({
    authScopes: scope,
    args: { campaignId: t.arg.id(id), number: t.arg.string({ required: true, validate: z.string().min(1).max(64) }) },
    resolve: (_r, a, ctx) => removeCampaignDoNotCall(viewerOf(ctx), String(a.campaignId), a.number, ctx.app.deps, ctx.ip),
  }),
}));
