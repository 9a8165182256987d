// A written message from a customer (an e-mail, an SMS, a fax) into a case: onto the case's live
// interaction of that channel, or a new interaction the ACD routes (a new case, or the customer
// writing back: the case reopens). A message that needs no agent (an automatic reply, a bounce,
// an opt-out) is kept on an ended interaction and routed nowhere.
import { reopenCase } from "../cases/reopen-case.ts";
import { isTrustedVip } from "../contacts/match-contact.ts";
import type { Channel } from "../queues/save-queue.ts";
import { enqueue } from "../routing/enqueue.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { type OpenInteraction, openInteraction } from "./open-interaction.ts";

export interface InboundWay {
  organizationId: string;
  channel: Extract<Channel, "EMAIL" | "SMS" | "FAX">;
  /** The entry point it came through (a mailbox, an SMS or fax number), and its queue. */
  entryPointId: string | null;
  queueId: string | null;
  /** False: kept, never routed to an agent. */
  routed: boolean;
  now: Date;
}

/** Into an existing case: its live interaction of this channel, or a new one routed again. */
export async function continueCaseWith(tx: Db, caseId: string, way: InboundWay, events: PendingEvents): Promise<string | null> {
  const live = await tx.interaction.findFirst({
    where: { caseId, channel: way.channel, state: { in: ["QUEUED", "ACTIVE"] } },
    orderBy: { arrivedAt: "desc" },
    select: { id: true },
  });
  if (live) return live.id;
  if (!way.routed) {
    const last = await tx.interaction.findFirst({ where: { caseId }, orderBy: { arrivedAt: "desc" }, select: { id: true } });
    return last?.id ?? null;
  }
  await reopenCase(tx, caseId, way.now);
  return (await openInboundInteraction(tx, { id: caseId }, way, events)).interactionId;
}

/** A new interaction on the case (a new case when asked), queued when routed. */
export async function openInboundInteraction(tx: Db, kase: OpenInteraction["case"], way: InboundWay, events: PendingEvents) {
  const routed = way.routed && !!way.queueId;
  const { interaction, caseId } = await openInteraction(
    tx,
    {
      organizationId: way.organizationId,
      case: kase,
      channel: way.channel,
      entryPointId: way.entryPointId,
      queueId: way.queueId,
      state: routed ? "QUEUED" : "ENDED",
      ...(way.entryPointId ? { arrived: { entryPoint: way.entryPointId } } : {}),
      now: way.now,
    },
    events,
  );
  if (routed) {
    const c = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { contactVerified: true, contact: { select: { vip: true } } } });
    await enqueue(
      tx,
      { organizationId: way.organizationId, queueId: way.queueId!, interactionId: interaction.id, channel: way.channel, vip: isTrustedVip(c), now: way.now },
      events,
    );
  }
  return { caseId, interactionId: interaction.id };
}
