// The Chat and e-mail report (reports.read): figures per interval, queue, agent and channel, and
// the conversations behind any figure. Definitions: docs/reports.md (Chat and e-mail).
import { z } from "zod";
import { CONVERSATION_FIGURES, type ReportConversation, conversationReportList } from "../../domain/reports/conversation-report-list.ts";
import { type ConversationFigures, type ConversationReport, conversationReport } from "../../domain/reports/conversation-report.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";
import { ScopeRef, filterArgs, id, ids, namedAgentRows } from "./queue-report.ts";

const CONVERSATION_CHANNELS = ["CHAT", "CHAT_WEB", "EMAIL", "EMAIL_WEB"] as const;
const ConversationChannelEnum = builder.enumType("ConversationChannel", {
  values: CONVERSATION_CHANNELS,
  description: "Chat or e-mail; _WEB: a web widget's visitor's.",
});
const FigureEnum = builder.enumType("ConversationReportFigure", { values: CONVERSATION_FIGURES });
const IntervalEnum = builder.enumType("ConversationReportInterval", { values: ["QUARTER_HOUR", "HOUR", "DAY", "WEEK", "MONTH"] as const });

const FiguresRef = builder.objectRef<ConversationFigures>("ConversationFigures").implement({
  description: "Chats and e-mails counted over an interval; definitions in docs/reports.md.",
  fields: (t) => ({
    conversations: t.exposeInt("conversations", { description: "Inbound chats and e-mails that ended." }),
    answered: t.exposeInt("answered"),
    responded: t.exposeInt("responded", { description: "Conversations an agent wrote to." }),
    firstResponseAvg: t.exposeFloat("firstResponseAvg", { nullable: true, description: "Seconds." }),
    firstResponseMax: t.exposeFloat("firstResponseMax", { nullable: true }),
    firstResponseInTarget: t.exposeFloat("firstResponseInTarget", { nullable: true, description: "0–1 of those with a target; null: no target." }),
    handlingAvg: t.exposeFloat("handlingAvg", { nullable: true }),
    handlingTotal: t.exposeFloat("handlingTotal"),
    resolved: t.exposeInt("resolved"),
    resolutionAvg: t.exposeFloat("resolutionAvg", { nullable: true }),
    messagesFromContact: t.exposeInt("messagesFromContact"),
    messagesFromAgents: t.exposeInt("messagesFromAgents"),
    messagesPerConversation: t.exposeFloat("messagesPerConversation", { nullable: true }),
    rated: t.exposeInt("rated"),
    ratingAvg: t.exposeFloat("ratingAvg", { nullable: true }),
    ratings: t.exposeIntList("ratings", { description: "How many gave 1, 2, 3, 4 and 5." }),
    ratedShare: t.exposeFloat("ratedShare", { nullable: true }),
  }),
});

type Report = ConversationReport;
const IntervalRef = builder.objectRef<Report["intervals"][number]>("ConversationReportIntervalRow").implement({
  fields: (t) => ({
    key: t.exposeString("key"),
    start: t.expose("start", { type: "DateTime" }),
    end: t.expose("end", { type: "DateTime" }),
    figures: t.field({ type: FiguresRef, resolve: (i) => i }),
  }),
});
const QueueRef = builder.objectRef<Report["queues"][number]>("ConversationReportQueue").implement({
  fields: (t) => ({ queueId: t.exposeID("queueId"), name: t.exposeString("name"), figures: t.field({ type: FiguresRef, resolve: (q) => q }) }),
});
const AgentRef = builder.objectRef<Report["agents"][number] & { name: string | null }>("ConversationReportAgent").implement({
  fields: (t) => ({
    agentId: t.exposeID("agentId", { nullable: true, description: "Null: conversations nobody took." }),
    name: t.exposeString("name", { nullable: true }),
    figures: t.field({ type: FiguresRef, resolve: (a) => a }),
  }),
});
const ChannelRowRef = builder.objectRef<Report["channels"][number]>("ConversationReportChannel").implement({
  fields: (t) => ({ channel: t.field({ type: ConversationChannelEnum, resolve: (c) => c.channel }), figures: t.field({ type: FiguresRef, resolve: (c) => c }) }),
});

const ReportRef = builder.objectRef<Report>("ConversationReport").implement({
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime" }),
    to: t.expose("to", { type: "DateTime" }),
    timezone: t.exposeString("timezone"),
    interval: t.field({ type: IntervalEnum, resolve: (r) => r.interval }),
    total: t.field({ type: FiguresRef, resolve: (r) => r.total }),
    intervals: t.field({ type: [IntervalRef], description: "Every interval of the period, quiet ones included.", resolve: (r) => r.intervals }),
    queues: t.field({ type: [QueueRef], resolve: (r) => r.queues }),
    agents: t.field({
      type: [AgentRef],
      description: "The agents the viewer may see, busiest first; then the conversations nobody took (agentId null).",
      resolve: (r) => namedAgentRows(r.agents, r.scope, (a) => a.conversations),
    }),
    channels: t.field({ type: [ChannelRowRef], resolve: (r) => r.channels }),
    scope: t.field({ type: ScopeRef, resolve: (r) => r.scope }),
  }),
});

const ConversationRef = builder.objectRef<ReportConversation>("ReportConversation").implement({
  fields: (t) => ({
    interactionId: t.exposeID("interactionId"),
    caseId: t.exposeID("caseId"),
    caseNumber: t.exposeInt("caseNumber"),
    subject: t.exposeString("subject"),
    channel: t.field({ type: ConversationChannelEnum, resolve: (c) => c.channel }),
    queueName: t.exposeString("queueName", { nullable: true }),
    agentName: t.exposeString("agentName", { nullable: true }),
    customer: t.exposeString("customer"),
    arrivedAt: t.expose("arrivedAt", { type: "DateTime" }),
    firstResponseSeconds: t.exposeFloat("firstResponseSeconds", { nullable: true }),
    handlingSeconds: t.exposeFloat("handlingSeconds"),
    resolutionSeconds: t.exposeFloat("resolutionSeconds", { nullable: true }),
    messages: t.exposeInt("messages"),
    rating: t.exposeInt("rating", { nullable: true }),
  }),
});

const ConversationList = builder.objectRef<{ total: number; conversations: ReportConversation[] }>("ReportConversations").implement({
  fields: (t) => ({
    total: t.exposeInt("total", { description: "All the conversations behind the figure; at most 200 are listed." }),
    conversations: t.field({ type: [ConversationRef], resolve: (l) => l.conversations }),
  }),
});

builder.queryFields((t) => ({
  conversationReport: t.field({
    type: ReportRef,
    description: "Chats and e-mails over a period (at most 93 days; 15-minute intervals 7, hours 31), per interval, queue, agent and channel.",
    authScopes: { permission: "reports.read" },
    args: { ...filterArgs(t), interval: t.arg({ type: IntervalEnum, required: true }) },
    resolve: (_r, a, ctx) =>
      conversationReport(
        viewerOf(ctx),
        { from: a.from, to: a.to, interval: a.interval, queueIds: ids(a.queueIds), teamId: id(a.teamId), agentId: id(a.agentId), channel: a.channel ?? null },
        ctx.app.deps,
      ),
  }),
  conversationReportList: t.field({
    type: ConversationList,
    description:
      "The conversations behind one figure of the Chat and e-mail report: the cell's interval as from/to, and its row (a queue, an agent — rowAgentNone for nobody — or a channel).",
    authScopes: { permission: "reports.read" },
    args: {
      ...filterArgs(t),
      figure: t.arg({ type: FigureEnum, required: true }),
      rowQueueId: t.arg.id({ required: false, validate: z.uuid() }),
      rowAgentId: t.arg.id({ required: false, validate: z.uuid() }),
      rowAgentNone: t.arg.boolean({ required: false }),
      rowChannel: t.arg({ type: ConversationChannelEnum, required: false }),
    },
    resolve: (_r, a, ctx) =>
      conversationReportList(
        viewerOf(ctx),
        {
          from: a.from,
          to: a.to,
          figure: a.figure,
          queueIds: ids(a.queueIds),
          teamId: id(a.teamId),
          agentId: id(a.agentId),
          channel: a.channel ?? null,
          row: {
            queueId: id(a.rowQueueId),
            ...(a.rowAgentNone ? { agentId: null } : a.rowAgentId ? { agentId: String(a.rowAgentId) } : {}),
            rowChannel: a.rowChannel ?? null,
          },
        },
        ctx.app.deps,
      ),
  }),
}));
