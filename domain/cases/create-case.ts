import type { Channel } from "../queues/save-queue.ts";
import type { Db } from "../shared/tx.ts";
import { slaColumns, slaPolicyFor } from "./case-sla.ts";
import { nextSla } from "./sla.ts";
import { syncCaseStatusSpans } from "./status-spans.ts";

/** The process a new case in this queue follows (the queue's, else the organisation's default) and its first NEW status. */
export async function casePlacement(tx: Db, organizationId: string, queueId: string | null): Promise<{ processId: string; statusId: string }> {
  const queue = queueId ? await tx.queue.findUnique({ where: { id: queueId }, select: { processId: true } }) : null;
  const process =
    (queue?.processId && (await tx.process.findUnique({ where: { id: queue.processId } }))) ||
    (await tx.process.findFirstOrThrow({ where: { organizationId, isDefault: true } }));
  const status = await tx.caseStatus.findFirstOrThrow({ where: { processId: process.id, category: "NEW", active: true }, orderBy: { sortOrder: "asc" } });
  return { processId: process.id, statusId: status.id };
}

/** The service-level columns of a case opened now in this queue (its clocks started). */
export async function newCaseSla(tx: Db, organizationId: string, queueId: string | null, channel: Channel, now: Date) {
  return slaColumns(nextSla(null, { type: "created", at: now, category: "NEW" }, await slaPolicyFor(tx, organizationId, queueId, channel)));
}

/**
 * Opens a case (inside the caller's transaction) with the next number of the organisation and the
 * first NEW status of the queue's process (or the organisation's default process), its service-level
 * clocks started by the queue's targets.
 */
export async function createCase(
  tx: Db,
  input: {
    organizationId: string;
    channel: Channel;
    subject: string;
    contactId: string | null;
    /** False: matched only by what a web visitor typed (see Case.contactVerified). */
    contactVerified?: boolean;
    queueId: string | null;
    priority?: number;
    now: Date;
  },
) {
  // The counter row is the lock that keeps numbers unique and gap-free under concurrency.
  const org = await tx.organization.update({ where: { id: input.organizationId }, data: { caseCounter: { increment: 1 } }, select: { caseCounter: true } });
  const { processId, statusId } = await casePlacement(tx, input.organizationId, input.queueId);
  const kase = await tx.case.create({
    data: {
      organizationId: input.organizationId,
      number: org.caseCounter,
      subject: input.subject.slice(0, 200),
      processId,
      statusId,
      priority: input.priority ?? 0,
      channel: input.channel,
      contactId: input.contactId,
      contactVerified: input.contactVerified ?? true,
      queueId: input.queueId,
      createdAt: input.now,
      lastActivityAt: input.now,
      ...(await newCaseSla(tx, input.organizationId, input.queueId, input.channel, input.now)),
    },
  });
  await syncCaseStatusSpans(tx, [kase.id]);
  return kase;
}
