import type { Deps } from "../ports.ts";
import { changeAgentState } from "./set-agent-state.ts";

/** Wrap-up that ran its time ends: the agent is Ready again (and the router hears of it). */
export async function endExpiredWrapUps(deps: Deps): Promise<number> {
  const due = await deps.db.agentPresence.findMany({
    where: { state: "WRAP_UP", wrapUpUntil: { lte: deps.now() } },
    select: { userId: true, organizationId: true },
    take: 500,
  });
  let n = 0;
  for (const p of due) {
    const done = await changeAgentState(
      {
        userId: p.userId,
        organizationId: p.organizationId,
        state: "READY",
        source: "SYSTEM",
        changedById: null,
        seen: false,
        onlyIf: (c) => c.state === "WRAP_UP",
      },
      deps,
    );
    if (done?.changed) n++;
  }
  return n;
}
