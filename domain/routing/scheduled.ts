// Work with a time of its own (a call-back asked for later, or the next try of one nobody answered)
// sits in its queue unseen until then: not offered, not counted as waiting, not ahead of anyone,
// and not what makes a queue full. The router's steady tick offers it once the time has come.
import type { Prisma } from "../../generated/prisma/client.ts";

/** Queue items that are due at `now`: no time set, or it has come. */
export const dueAt = (now: Date): Prisma.QueueItemWhereInput => ({ OR: [{ notBefore: null }, { notBefore: { lte: now } }] });

/** Queue items still waiting for their time. */
export const scheduledAfter = (now: Date): Prisma.QueueItemWhereInput => ({ notBefore: { gt: now } });
