// The interactions behind one figure of the queue report (a cell: an interval, a queue or the
// total, and a figure): the same facts the interval rows were summed from, each with its case.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { LIST_INTERVAL, type QueueReportInput, prepareQueueReport } from "./queue-report.ts";
import { type EndReason, END_REASONS } from "./call-details.ts";

export const DRILL_FIGURES = ["OFFERED", "ANSWERED", "ANSWERED_IN_SL", "UNANSWERED", "ABANDONED", "SHORT_ABANDONED", "TRANSFERRED"] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

/** Rows one list shows at most; `total` says how many there are. */
export const DRILL_LIMIT = 200;

export interface QueueReportCall {
  interactionId: string;
  caseId: string;
  caseNumber: number;
  channel: string;
  queueId: string;
  queueName: string;
  offeredAt: Date;
  answeredAt: Date | null;
  agentName: string | null;
  customer: string;
  waitSeconds: number;
  talkSeconds: number;
  answered: boolean;
  answeredInSl: boolean;
  abandoned: boolean;
  shortAbandon: boolean;
  transferred: boolean;
  offers: number;
}

const CONDITION: Record<DrillFigure, Prisma.QueueCallFactWhereInput> = {
  OFFERED: {},
  ANSWERED: { answered: true },
  ANSWERED_IN_SL: { answeredInSl: true },
  UNANSWERED: { answered: false },
  ABANDONED: { abandoned: true },
  SHORT_ABANDONED: { shortAbandon: true },
  TRANSFERRED: { transferred: true },
};

export async function queueReportCalls(
  viewer: Viewer,
  input: Omit<QueueReportInput, "interval"> & { figure: DrillFigure; queueId?: string | null; detail?: DetailFilter | null },
  deps: Pick<Deps, "db" | "now">,
): Promise<{ total: number; calls: QueueReportCall[] }> {
  const p = await prepareQueueReport(viewer, { ...input, interval: LIST_INTERVAL, queueIds: input.queueId ? [input.queueId] : input.queueIds }, deps);
  const where: Prisma.QueueCallFactWhereInput = {
    organizationId: p.organizationId,
    bucket: { gte: p.from, lt: p.to },
    queueId: { in: p.queueIds },
    ...(p.channel ? { channel: p.channel } : {}),
    ...(p.agentIds ? { agentId: { in: p.agentIds } } : {}),
    ...CONDITION[input.figure],
    ...(input.detail ? detailCondition(input.detail) : {}),
  };
  const [total, rows] = await Promise.all([
    deps.db.queueCallFact.count({ where }),
    deps.db.queueCallFact.findMany({
      where,
      orderBy: [{ offeredAt: "asc" }, { interactionId: "asc" }],
      take: DRILL_LIMIT,
      include: {
        interaction: {
          select: {
            caseId: true,
            case: { select: { number: true, contact: { select: { firstName: true, lastName: true, company: true } } } },
          },
        },
      },
    }),
  ]);
  const agentIds = [...new Set(rows.map((r) => r.agentId).filter((a): a is string => !!a))];
  const [agents, calls] = await Promise.all([
    agentIds.length ? deps.db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }) : [],
    deps.db.call.findMany({ where: { interactionId: { in: rows.map((r) => r.interactionId) } }, select: { interactionId: true, remoteNumber: true } }),
  ]);
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  const number = new Map(calls.map((c) => [c.interactionId, c.remoteNumber]));
  const queueName = new Map(p.scope.queues.map((q) => [q.id, q.name]));
  return {
    total,
    calls: rows.map((r) => ({
      interactionId: r.interactionId,
      caseId: r.interaction.caseId,
      caseNumber: r.interaction.case.number,
      channel: r.channel,
      queueId: r.queueId,
      queueName: queueName.get(r.queueId) ?? "",
      offeredAt: r.offeredAt,
      answeredAt: r.answeredAt,
      agentName: r.agentId ? (agentName.get(r.agentId) ?? null) : null,
      customer: [contactName(r.interaction.case.contact), number.get(r.interactionId)].filter(Boolean).join(" · "),
      waitSeconds: r.waitSeconds,
      talkSeconds: r.talkSeconds,
      answered: r.answered,
      answeredInSl: r.answeredInSl,
      abandoned: r.abandoned,
      shortAbandon: r.shortAbandon,
      transferred: r.transferred,
      offers: r.offers,
    })),
  };
}

export const DETAIL_DIMENSIONS = ["NUMBER", "END_REASON", "IVR_PATH"] as const;

/** The calls of one row of the calls in detail: a number dialled, an end reason, an IVR key path. */
export interface DetailFilter {
  dimension: (typeof DETAIL_DIMENSIONS)[number];
  value: string;
}

function detailCondition(d: DetailFilter): Prisma.QueueCallFactWhereInput {
  if (d.dimension === "NUMBER") return { dialled: d.value || null };
  if (d.dimension === "IVR_PATH") return { ivrPath: d.value };
  return (END_REASONS as readonly string[]).includes(d.value) ? { endReason: d.value as EndReason } : { interactionId: { in: [] } };
}

export function contactName(c: { firstName: string; lastName: string; company: string } | null): string {
  if (!c) return "";
  return `${c.firstName} ${c.lastName}`.trim() || c.company;
}
