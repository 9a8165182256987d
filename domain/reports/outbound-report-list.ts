// The calls out behind one figure of the Outbound calls report (a cell: an interval, a kind, a
// campaign or an agent row, or the total; and a figure): the facts its interval rows were summed
// from, each with its case. Same period, scope and filters as the report (prepareOutboundReport).
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import type { OutboundKind, OutboundResult } from "./outbound-facts.ts";
import { type OutboundReportInput, outboundWhere, prepareOutboundReport } from "./outbound-report.ts";
import { LIST_INTERVAL } from "./queue-report.ts";
import { DRILL_LIMIT, contactName } from "./queue-report-calls.ts";

export const OUTBOUND_FIGURES = ["CALLS", "ANSWERED", "MACHINE", "ABANDONED", "BUSY", "NO_ANSWER", "FAILED", "CANCELLED"] as const;
export type OutboundFigure = (typeof OUTBOUND_FIGURES)[number];

const RESULTS: Record<OutboundFigure, OutboundResult[] | null> = {
  CALLS: null,
  ANSWERED: ["ANSWERED"],
  MACHINE: ["MACHINE"],
  ABANDONED: ["ABANDONED"],
  BUSY: ["BUSY"],
  NO_ANSWER: ["NO_ANSWER"],
  FAILED: ["INVALID_NUMBER", "NETWORK_ERROR"],
  CANCELLED: ["CANCELLED"],
};

export interface ReportOutboundCall {
  interactionId: string;
  caseId: string;
  caseNumber: number;
  subject: string;
  kind: OutboundKind;
  campaignName: string | null;
  agentName: string | null;
  customer: string;
  number: string;
  placedAt: Date;
  result: OutboundResult;
  sipCode: number | null;
  ringSeconds: number;
  talkSeconds: number;
}

export interface OutboundRow {
  /** A row of the report: a kind, a campaign or an agent (null: nobody took it). */
  rowKind?: OutboundKind | null;
  campaignId?: string | null;
  agentId?: string | null;
}

interface FactRow {
  interactionId: string;
  caseId: string;
  kind: string;
  campaignId: string | null;
  agentId: string | null;
  number: string;
  placedAt: Date;
  result: string;
  sipCode: number | null;
  ringSeconds: number;
  talkSeconds: number;
}

export async function outboundReportList(
  viewer: Viewer,
  input: Omit<OutboundReportInput, "interval"> & { figure: OutboundFigure; row?: OutboundRow | null },
  deps: Pick<Deps, "db" | "now">,
): Promise<{ total: number; calls: ReportOutboundCall[] }> {
  const row = input.row ?? {};
  const p = await prepareOutboundReport(
    viewer,
    { ...input, interval: LIST_INTERVAL, campaignId: row.campaignId ?? input.campaignId, kind: row.rowKind ?? input.kind },
    deps,
  );
  const where = outboundWhere(p, true);
  const params = [...where.params, RESULTS[input.figure], row.agentId === undefined ? null : row.agentId, row.agentId === null];
  const n = where.params.length;
  // The row's agent within the report's agent filter; "nobody" is the calls no agent had.
  const sql = `${where.sql} and ($${n + 1}::text[] is null or "result" = any($${n + 1}::text[]))
    and ($${n + 2}::uuid is null or "agentId" = $${n + 2}::uuid) and (not $${n + 3}::boolean or "agentId" is null)`;
  const [[{ count }], facts] = await Promise.all([
    deps.db.$queryRawUnsafe<{ count: bigint | number }[]>(`select count(*) as "count" from "OutboundCallFact" where ${sql}`, ...params),
    deps.db.$queryRawUnsafe<FactRow[]>(
      `select "interactionId"::text, "caseId"::text, "kind", "campaignId"::text, "agentId"::text, "number", "placedAt", "result", "sipCode", "ringSeconds", "talkSeconds"
       from "OutboundCallFact" where ${sql} order by "placedAt", "interactionId" limit ${DRILL_LIMIT}`,
      ...params,
    ),
  ]);
  const caseIds = [...new Set(facts.map((f) => f.caseId))];
  const agentIds = [...new Set(facts.map((f) => f.agentId).filter((a): a is string => !!a))];
  const [cases, agents] = await Promise.all([
    caseIds.length
      ? deps.db.case.findMany({
          where: { id: { in: caseIds } },
          select: { id: true, number: true, subject: true, contact: { select: { firstName: true, lastName: true, company: true } } },
        })
      : [],
    agentIds.length ? deps.db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }) : [],
  ]);
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  const campaignName = new Map(p.campaigns.map((c) => [c.id, c.name]));
  return {
    total: Number(count),
    calls: facts.map((f) => {
      const c = caseOf.get(f.caseId);
      return {
        interactionId: f.interactionId,
        caseId: f.caseId,
        caseNumber: c?.number ?? 0,
        subject: c?.subject ?? "",
        kind: f.kind as OutboundKind,
        campaignName: f.campaignId ? (campaignName.get(f.campaignId) ?? null) : null,
        agentName: f.agentId ? (agentName.get(f.agentId) ?? null) : null,
        customer: contactName(c?.contact ?? null),
        number: f.number,
        placedAt: new Date(f.placedAt),
        result: f.result as OutboundResult,
        sipCode: f.sipCode,
        ringSeconds: Number(f.ringSeconds),
        talkSeconds: Number(f.talkSeconds),
      };
    }),
  };
}
