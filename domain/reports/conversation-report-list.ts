// The conversations behind one figure of the Chat and e-mail report (a cell: an interval, a queue,
// an agent or a channel row, or the total; and a figure): the facts its interval rows were summed
// from, each with its case. Same period, scope and filters as the report (prepareQueueReport).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import type { ConversationChannel } from "./conversation-report.ts";
import { LIST_INTERVAL, type QueueReportInput, prepareQueueReport } from "./queue-report.ts";
import { DRILL_LIMIT, contactName } from "./queue-report-calls.ts";

export const CONVERSATION_FIGURES = ["CONVERSATIONS", "ANSWERED", "RESPONDED", "LATE_RESPONSE", "RESOLVED", "RATED"] as const;
export type ConversationFigure = (typeof CONVERSATION_FIGURES)[number];

const CONDITION: Record<ConversationFigure, Prisma.ConversationFactWhereInput> = {
  CONVERSATIONS: {},
  ANSWERED: { answered: true },
  RESPONDED: { firstResponseSeconds: { not: null } },
  // Had a first-response target and missed it (answered late or never).
  LATE_RESPONSE: { firstResponseTargetSeconds: { not: null }, firstResponseInTarget: false },
  RESOLVED: { resolutionSeconds: { not: null } },
  RATED: { rating: { not: null } },
};

export interface ReportConversation {
  interactionId: string;
  caseId: string;
  caseNumber: number;
  subject: string;
  channel: ConversationChannel;
  queueName: string | null;
  agentName: string | null;
  customer: string;
  arrivedAt: Date;
  firstResponseSeconds: number | null;
  handlingSeconds: number;
  resolutionSeconds: number | null;
  messages: number;
  rating: number | null;
}

export interface ConversationRow {
  /** A row of the report: a queue, an agent (null: nobody took it) or a channel. */
  queueId?: string | null;
  agentId?: string | null;
  rowChannel?: ConversationChannel | null;
}

export async function conversationReportList(
  viewer: Viewer,
  input: Omit<QueueReportInput, "interval"> & { figure: ConversationFigure; row?: ConversationRow | null },
  deps: Pick<Deps, "db" | "now">,
): Promise<{ total: number; conversations: ReportConversation[] }> {
  const row = input.row ?? {};
  const p = await prepareQueueReport(viewer, { ...input, interval: LIST_INTERVAL, queueIds: row.queueId ? [row.queueId] : input.queueIds }, deps);
  // The report's filters and the row's, each a condition of its own (a row's agent within the agent filter).
  const and: Prisma.ConversationFactWhereInput[] = [CONDITION[input.figure]];
  if (p.channel) and.push({ channel: p.channel });
  if (p.agentIds) and.push({ agentId: { in: p.agentIds } });
  if (row.agentId !== undefined) and.push({ agentId: row.agentId });
  if (row.rowChannel) and.push({ channel: row.rowChannel.startsWith("CHAT") ? "CHAT" : "EMAIL", web: row.rowChannel.endsWith("_WEB") });
  const where: Prisma.ConversationFactWhereInput = {
    organizationId: p.organizationId,
    bucket: { gte: p.from, lt: p.to },
    queueId: { in: p.queueIds },
    AND: and,
  };
  const [total, rows] = await Promise.all([
    deps.db.conversationFact.count({ where }),
    deps.db.conversationFact.findMany({
      where,
      orderBy: [{ arrivedAt: "asc" }, { interactionId: "asc" }],
      take: DRILL_LIMIT,
      include: {
        interaction: {
          select: { case: { select: { number: true, subject: true, contact: { select: { firstName: true, lastName: true, company: true } } } } },
        },
      },
    }),
  ]);
  const agentIds = [...new Set(rows.map((r) => r.agentId).filter((a): a is string => !!a))];
  const agents = agentIds.length ? await deps.db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }) : [];
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  const queueName = new Map(p.scope.queues.map((q) => [q.id, q.name]));
  return {
    total,
    conversations: rows.map((r) => {
      const c = r.interaction.case;
      return {
        interactionId: r.interactionId,
        caseId: r.caseId,
        caseNumber: c.number,
        subject: c.subject,
        channel: `${r.channel}${r.web ? "_WEB" : ""}` as ConversationChannel,
        queueName: r.queueId ? (queueName.get(r.queueId) ?? null) : null,
        agentName: r.agentId ? (agentName.get(r.agentId) ?? null) : null,
        customer: contactName(c.contact),
        arrivedAt: r.arrivedAt,
        firstResponseSeconds: r.firstResponseSeconds,
        handlingSeconds: r.handlingSeconds,
        resolutionSeconds: r.resolutionSeconds,
        messages: r.messagesFromContact + r.messagesFromAgents,
        rating: r.rating,
      };
    }),
  };
}
