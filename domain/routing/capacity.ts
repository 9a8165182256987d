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
