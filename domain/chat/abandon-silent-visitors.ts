import type { Deps } from "../ports.ts";
import { endInteraction } from "../routing/end-interaction.ts";

/**
 * A visitor whose widget has been silent this long while still waiting has closed the page: their
 * chat is abandoned, so no agent is offered a conversation with nobody. Live chats are left to
 * their agent, who sees the visitor went quiet.
 */
export async function abandonSilentVisitors(silentSeconds: number, deps: Deps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - silentSeconds * 1000);
  const gone = await deps.db.interaction.findMany({
    where: { channel: "CHAT", state: "QUEUED", visitor: { lastSeenAt: { lt: cutoff } }, queueItem: { state: { in: ["WAITING", "OFFERED"] } } },
    select: { id: true },
    take: 500,
  });
  for (const g of gone) await endInteraction(g.id, "SYSTEM", deps);
  return gone.length;
}
