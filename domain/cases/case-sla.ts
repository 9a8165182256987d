// Keeps a case's service-level clocks (columns sla*) in step with what happens to it, inside the
// transaction of the change itself: the rule is domain/cases/sla.ts, the targets its queue's.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Channel } from "../queues/save-queue.ts";
import { readSlaSettings, targetsFor } from "../queues/sla-settings.ts";
import type { Db } from "../shared/tx.ts";
import { type CaseCategory, nextSla, type SlaEvent, type SlaPolicy, type SlaState } from "./sla.ts";

/** The policy a case of this queue and channel follows now (no targets without a queue). */
export async function slaPolicyFor(tx: Db, organizationId: string, queueId: string | null, channel: Channel): Promise<SlaPolicy> {
  const [org, queue] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true } }),
    queueId ? tx.queue.findUnique({ where: { id: queueId }, select: { sla: true } }) : null,
  ]);
  return { ...targetsFor(readSlaSettings(queue?.sla), channel), timeZone: org.timezone };
}

/** The columns that store a state. */
export function slaColumns(s: SlaState) {
  return {
    slaFirstResponseDueAt: s.firstResponseDueAt,
    slaFirstRespondedAt: s.firstRespondedAt,
    slaResolutionDueAt: s.resolutionDueAt,
    slaHeldAt: s.heldAt,
    slaBreached: s.breached,
    slaDueAt: s.dueAt,
    slaWarnAt: s.warnAt,
  } satisfies Prisma.CaseUncheckedUpdateInput;
}

/** The columns of a case's clocks, for a Prisma select. */
export const SLA_COLUMNS = {
  slaFirstResponseDueAt: true,
  slaFirstRespondedAt: true,
  slaResolutionDueAt: true,
  slaHeldAt: true,
  slaBreached: true,
  slaDueAt: true,
  slaWarnAt: true,
} as const;
const slaSelect = { organizationId: true, queueId: true, channel: true, status: { select: { category: true } }, ...SLA_COLUMNS } as const;

/**
 * Moves the case's clocks on after a change already written in `tx`: an agent's first public
 * answer (a reply, or a call answered), or a new status (`from`: the category it had before).
 */
export async function advanceCaseSla(tx: Db, caseId: string, change: { type: "first_response" } | { type: "status"; from: CaseCategory }, at: Date) {
  const c = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: slaSelect });
  const category = c.status.category;
  if (change.type === "first_response" && c.slaFirstRespondedAt) return;
  if (change.type === "status" && change.from === category) return;
  const state: SlaState = {
    firstResponseDueAt: c.slaFirstResponseDueAt,
    firstRespondedAt: c.slaFirstRespondedAt,
    resolutionDueAt: c.slaResolutionDueAt,
    heldAt: c.slaHeldAt,
    breached: c.slaBreached,
    dueAt: c.slaDueAt,
    warnAt: c.slaWarnAt,
  };
  const event: SlaEvent = change.type === "status" ? { type: "status", from: change.from, to: category, at } : { type: "first_response", category, at };
  const next = nextSla(state, event, await slaPolicyFor(tx, c.organizationId, c.queueId, c.channel));
  await tx.case.update({ where: { id: caseId }, data: slaColumns(next) });
}

/** Where the inbox looks for cases that missed a target or whose running clock is past due. */
export function breachedWhere(now: Date): Prisma.CaseWhereInput {
  return { OR: [{ slaBreached: true }, { slaDueAt: { lte: now } }] };
}
