import type { Channel } from "../queues/save-queue.ts";
import type { Db } from "../shared/tx.ts";

/**
 * Opens a case (inside the caller's transaction) with the next number of the organisation and the
 * first NEW status of the queue's process (or the organisation's default process).
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
  const queue = input.queueId ? await tx.queue.findUnique({ where: { id: input.queueId }, select: { processId: true } }) : null;
  const process =
    (queue?.processId && (await tx.process.findUnique({ where: { id: queue.processId } }))) ||
    (await tx.process.findFirstOrThrow({ where: { organizationId: input.organizationId, isDefault: true } }));
  const status = await tx.caseStatus.findFirstOrThrow({ where: { processId: process.id, category: "NEW", active: true }, orderBy: { sortOrder: "asc" } });
  return tx.case.create({
    data: {
      organizationId: input.organizationId,
      number: org.caseCounter,
      subject: input.subject.slice(0, 200),
      processId: process.id,
      statusId: status.id,
      priority: input.priority ?? 0,
      channel: input.channel,
      contactId: input.contactId,
      contactVerified: input.contactVerified ?? true,
      queueId: input.queueId,
      createdAt: input.now,
      lastActivityAt: input.now,
    },
  });
}
