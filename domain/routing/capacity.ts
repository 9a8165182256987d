// How much work of each channel an agent takes at once: the organisation's default, overridden
// per agent. Stored as JSON; anything unreadable falls back to the product default, never to 0.
import { z } from "zod";
import { CHANNELS, type Channel } from "../queues/save-queue.ts";

export type Capacity = Record<Channel, number>;
export const PRODUCT_DEFAULT_CAPACITY: Capacity = { VOICE: 1, CHAT: 3, EMAIL: 5, SMS: 5, FAX: 5 };

export const capacitySchema = z.partialRecord(z.enum(CHANNELS), z.number().int().min(0, "0–50").max(50, "0–50"));

export function effectiveCapacity(organizationDefault: unknown, userOverride: unknown): Capacity {
  const base = capacitySchema.safeParse(organizationDefault);
  const own = capacitySchema.safeParse(userOverride ?? {});
  return { ...PRODUCT_DEFAULT_CAPACITY, ...(base.success ? base.data : {}), ...(own.success ? own.data : {}) };
}

/**
 * Blended rules: how live work (calls, chats) and deferred work (e-mail, SMS, fax) mix for one
 * agent. Capacity limits each channel on its own; these rules say which channels block others.
 */
export const blendingSchema = z.object({
  /** A call may be offered to an agent who has chats or e-mails open (they are set aside). */
  callsInterrupt: z.boolean(),
  /** A chat may be offered to an agent who has e-mails, SMS or faxes open. */
  chatsInterruptDeferred: z.boolean(),
  /** While on a call an agent may still be offered chats. */
  chatsDuringCall: z.boolean(),
  /** While on a call or in a chat an agent may still be offered e-mails, SMS and faxes. */
  deferredDuringLive: z.boolean(),
});
export type Blending = z.infer<typeof blendingSchema>;
export const DEFAULT_BLENDING: Blending = { callsInterrupt: true, chatsInterruptDeferred: true, chatsDuringCall: false, deferredDuringLive: false };

export function effectiveBlending(stored: unknown): Blending {
  const own = blendingSchema.partial().safeParse(stored ?? {});
  return { ...DEFAULT_BLENDING, ...(own.success ? own.data : {}) };
}

const DEFERRED: Channel[] = ["EMAIL", "SMS", "FAX"];

/** How many more items of `channel` an agent can be offered now, given their capacity, their
 * current work (active plus offered, per channel) and the blended rules. Pure. */
export function roomFor(channel: Channel, capacity: Capacity, load: Partial<Record<Channel, number>>, rules: Blending): number {
  const n = (c: Channel) => load[c] ?? 0;
  const own = capacity[channel] - n(channel);
  if (own <= 0) return 0;
  const onCall = n("VOICE") > 0;
  const chatting = n("CHAT") > 0;
  const deferred = DEFERRED.some((c) => n(c) > 0);
  if (channel === "VOICE") return !rules.callsInterrupt && (chatting || deferred) ? 0 : own;
  if (channel === "CHAT") {
    if (onCall && !rules.chatsDuringCall) return 0;
    return !rules.chatsInterruptDeferred && deferred ? 0 : own;
  }
  return (onCall || chatting) && !rules.deferredDuringLive ? 0 : own;
}
