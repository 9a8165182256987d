import type { Deps } from "../ports.ts";
import { changeAgentState } from "./set-agent-state.ts";
import { PresenceRepository } from "./presence-repository.ts";

/**
 * An agent whose browser has been silent longer than `timeoutSeconds` is no longer at the desk:
 * set them OFFLINE so the ACD stops offering them work. Safe to run on several nodes at once:
 * the change is applied only if the presence is still stale under the row lock.
 */
export async function markDisconnectedAgentsOffline(timeoutSeconds: number, deps: Deps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - timeoutSeconds * 1000);
  const stale = await new PresenceRepository(deps.db).stale(cutoff);
  let changed = 0;
  for (const agent of stale) {
    const result = await changeAgentState(
      {
        userId: agent.userId,
        organizationId: agent.organizationId,
        state: "OFFLINE",
        source: "CONNECTION_LOST",
        changedById: null,
        seen: false,
        onlyIf: (p) => p.state !== "OFFLINE" && (p.lastSeenAt ?? p.since) < cutoff,
      },
      deps,
    );
    if (result?.changed) {
      changed++;
      deps.log.warn({ userId: agent.userId }, "agent connection lost: set OFFLINE");
    }
  }
  return changed;
}

/** Called periodically by each web node for the agents whose browsers it holds a connection to. */
export async function touchConnectedAgents(userIds: string[], deps: Pick<Deps, "db" | "now">) {
  if (userIds.length) await new PresenceRepository(deps.db).touch(userIds, deps.now());
}
