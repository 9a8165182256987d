import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

/** A Prisma client or an open transaction: repositories work with either. */
export type Db = PrismaClient | Prisma.TransactionClient;
