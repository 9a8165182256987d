// Every customer contact begins here: an interaction on a case — a new case (with its number, status
// and service-level clocks, announced as "case.created") or one the contact continues — with what
// the customer gave as typed data and, for inbound contacts, its "arrived" event. Channels then put
// it in a queue (routing/enqueue.ts), hand it to an IVR flow or place a call.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Channel } from "../queues/save-queue.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { createCase } from "../cases/create-case.ts";
import type { InteractionEventData } from "./event-types.ts";
import type { InteractionData } from "./interaction-data.ts";
import { recordEvent } from "./record-event.ts";

type NewCase = Omit<Parameters<typeof createCase>[1], "organizationId" | "channel" | "now">;

export interface OpenInteraction {
  organizationId: string;
  channel: Channel;
  direction?: "INBOUND" | "OUTBOUND";
  /** The case it belongs to: one the contact continues, or a new one. */
  case: { id: string } | { new: NewCase };
  entryPointId?: string | null;
  visitorId?: string | null;
  topic?: string;
  queueId?: string | null;
  /** An agent's own outbound call is theirs and live from the start. */
  agentId?: string | null;
  state?: "QUEUED" | "ACTIVE" | "ENDED";
  data?: InteractionData;
  /** The contact arrived through an entry point (recorded as "arrived"). */
  arrived?: InteractionEventData<"arrived">;
  now: Date;
}

export async function openInteraction(tx: Db, input: OpenInteraction, events: PendingEvents) {
  const { organizationId, now } = input;
  const kase = "new" in input.case ? await createCase(tx, { ...input.case.new, organizationId, channel: input.channel, now }) : null;
  const caseId = kase?.id ?? (input.case as { id: string }).id;
  const interaction = await tx.interaction.create({
    data: {
      organizationId,
      caseId,
      channel: input.channel,
      direction: input.direction ?? "INBOUND",
      state: input.state ?? "QUEUED",
      entryPointId: input.entryPointId ?? null,
      visitorId: input.visitorId ?? null,
      topic: input.topic ?? "",
      queueId: input.queueId ?? null,
      agentId: input.agentId ?? null,
      arrivedAt: now,
      ...(input.state === "ENDED" ? { endedAt: now, endedBy: "SYSTEM" } : {}),
      data: (input.data ?? {}) as Prisma.InputJsonObject,
    },
  });
  if (input.arrived) await recordEvent(tx, { organizationId, interactionId: interaction.id, type: "arrived", at: now, data: input.arrived });
  if (kase) events.add("case.created", { organizationId, caseId: kase.id });
  return { interaction, case: kase, caseId };
}
