// Writing and reading interaction events through the catalogue (event-types.ts): a writer cannot
// store a kind that is not in it or data of the wrong shape (a test or the first run says so,
// instead of a report quietly miscounting months later); a reader gets typed data or, for a row
// written before its kind's schema changed, null.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../shared/tx.ts";
import {
  INTERACTION_EVENT_TYPES,
  type InteractionEventData,
  type InteractionEventOf,
  type InteractionEventType,
  isInteractionEventType,
} from "./event-types.ts";

export type NewInteractionEvent<T extends InteractionEventType = InteractionEventType> = {
  organizationId: string;
  interactionId: string;
  type: T;
  at: Date;
  agentId?: string | null;
  queueId?: string | null;
} & (Record<string, never> extends InteractionEventData<T> ? { data?: InteractionEventData<T> } : { data: InteractionEventData<T> });

/** Any one new event, each kind with its own data (for batches). */
export type AnyNewInteractionEvent = { [T in InteractionEventType]: NewInteractionEvent<T> }[InteractionEventType];

/** The row to insert, its data checked against the kind's schema (throws on a mismatch). */
export function eventRow<T extends InteractionEventType>(e: NewInteractionEvent<T>): Prisma.InteractionEventCreateManyInput {
  const data = INTERACTION_EVENT_TYPES[e.type].parse(e.data ?? {}) as Prisma.InputJsonObject;
  return {
    organizationId: e.organizationId,
    interactionId: e.interactionId,
    type: e.type,
    at: e.at,
    agentId: e.agentId ?? null,
    queueId: e.queueId ?? null,
    data,
  };
}

/** Records one event on an interaction (inside the caller's transaction, or on its own). */
export function recordEvent<T extends InteractionEventType>(db: Db, e: NewInteractionEvent<T>) {
  return db.interactionEvent.create({ data: eventRow(e) });
}

/** Records several events at once (steps of an IVR flow, a batch of e-mails). */
export async function recordEvents(db: Db, list: AnyNewInteractionEvent[]) {
  if (list.length) await db.interactionEvent.createMany({ data: list.map((e) => eventRow(e as NewInteractionEvent)) });
}

/** An event row's kind and data, checked; null when the kind is unknown or the data does not fit. */
export function readEvent(row: { type: string; data: unknown }): InteractionEventOf | null {
  if (!isInteractionEventType(row.type)) return null;
  const parsed = INTERACTION_EVENT_TYPES[row.type].safeParse(row.data ?? {});
  return parsed.success ? ({ type: row.type, data: parsed.data } as InteractionEventOf) : null;
}
