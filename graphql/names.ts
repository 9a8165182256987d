// Names for lists that hold only ids (recordings, live calls): looked up once per request for the
// whole list (graphql/batch-loader.ts), not once per row.
import { loadBatched } from "./batch-loader.ts";
import type { GraphQLContext } from "./context.ts";

export const queueName = (ctx: GraphQLContext, id: string) =>
  loadBatched(
    ctx,
    "queueName",
    async (ids) =>
      new Map((await ctx.app.db.prisma.queue.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((q) => [q.id, q.name])),
    id,
  );

export const userName = (ctx: GraphQLContext, id: string) =>
  loadBatched(
    ctx,
    "userName",
    async (ids) =>
      new Map((await ctx.app.db.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name])),
    id,
  );

/** The queue an interaction came through (null for none). */
export const interactionQueueId = (ctx: GraphQLContext, id: string) =>
  loadBatched(
    ctx,
    "interactionQueueId",
    async (ids) =>
      new Map(
        (await ctx.app.db.prisma.interaction.findMany({ where: { id: { in: ids } }, select: { id: true, queueId: true } })).map((i) => [i.id, i.queueId]),
      ),
    id,
  );
