import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { type AgentState, type StateSource, checkStateRequest, isSameState } from "./agent-state.ts";
import { PresenceRepository } from "./presence-repository.ts";
import { canSeeAgent } from "./agent-visibility.ts";
import { assertWrapUpMayEnd } from "./wrap-up.ts";

export interface SetAgentStateInput {
  userId: string;
  state: AgentState;
  pauseCodeId?: string | null;
}

/** An agent changes their own state (Ready, Pause with a reason, Break, Away, Offline). */
export async function setOwnAgentState(viewer: Viewer, input: Omit<SetAgentStateInput, "userId">, deps: Deps) {
  if (!can(viewer, "agents.work")) throw new DomainError("FORBIDDEN", "Your role does not take work, so it has no agent state");
  return changeAgentState({ ...input, userId: viewer.userId, organizationId: viewer.organizationId, source: "AGENT", changedById: null, seen: true }, deps);
}

/** A supervisor sets an agent's state (e.g. signs out an agent who left). Audited. */
export async function setAgentStateAsSupervisor(viewer: Viewer, input: SetAgentStateInput, deps: Deps, ip?: string) {
  if (!can(viewer, "agents.control")) throw new DomainError("FORBIDDEN", "You may not change other agents' states");
  if (!(await canSeeAgent(viewer, input.userId, deps.db))) throw notFound("Agent");
  const result = await changeAgentState(
    { ...input, organizationId: viewer.organizationId, source: "SUPERVISOR", changedById: viewer.userId, seen: false },
    deps,
    async (tx, before) => {
      await recordAudit(tx, {
        organizationId: viewer.organizationId,
        actorId: viewer.userId,
        action: "agent.state_forced",
        targetType: "User",
        targetId: input.userId,
        targetLabel: before.name,
        data: { from: before.state, to: input.state, pauseCodeId: input.pauseCodeId ?? null },
        ip,
      });
    },
  );
  return result;
}

export interface StateChange extends SetAgentStateInput {
  organizationId: string;
  source: StateSource;
  changedById: string | null;
  /** The agent's own browser asked: it is evidently connected. */
  seen: boolean;
  /** Applied only if the presence still matches (used by the connection sweeper). */
  onlyIf?: (current: { state: AgentState; lastSeenAt: Date | null; since: Date }) => boolean;
}

/**
 * The one place an agent's state changes: closes the open history row, opens a new one and
 * updates the presence, in one transaction serialised per agent; publishes after commit.
 * Returns null when `onlyIf` declined.
 */
export async function changeAgentState(
  change: StateChange,
  deps: Deps,
  inTransaction?: (tx: Parameters<Parameters<Deps["db"]["$transaction"]>[0]>[0], before: { state: AgentState; name: string }) => Promise<void>,
) {
  const outcome = await deps.db.$transaction(async (tx) => {
    const repo = new PresenceRepository(tx);
    const user = await tx.user.findFirst({
      where: { id: change.userId, organizationId: change.organizationId },
      select: { id: true, active: true, name: true },
    });
    if (!user) throw notFound("Agent");
    if (!user.active && change.state !== "OFFLINE") throw new DomainError("CONFLICT", "This user is deactivated");
    const current = await repo.lockForUpdate(change.organizationId, change.userId);
    if (change.onlyIf && !change.onlyIf(current)) return null;
    if (change.state === "WRAP_UP") throw new DomainError("CONFLICT", "Wrap-up begins by itself after a call", { reason: "WRAP_UP_AUTOMATIC" });
    if (current.state === "WRAP_UP" && change.state === "READY" && change.source === "AGENT") await assertWrapUpMayEnd(change.userId, tx);
    const next = checkStateRequest(change, change.state === "PAUSE" ? await repo.activePauseCodeIds(change.organizationId) : new Set());
    if (isSameState(current, next)) {
      if (change.seen) await repo.touch([change.userId], deps.now());
      return { changed: false as const, presence: current };
    }
    const at = deps.now();
    await inTransaction?.(tx, { state: current.state, name: user.name });
    const presence = await repo.recordChange({ ...change, ...next, at, seen: change.seen });
    // Idle time (longest-idle routing) counts from becoming Ready, unless work is still open.
    if (next.state === "READY" && (await tx.interaction.count({ where: { agentId: change.userId, state: "ACTIVE" } })) === 0) {
      await tx.agentPresence.update({ where: { userId: change.userId }, data: { idleSince: at } });
    }
    return { changed: true as const, presence };
  });
  if (outcome?.changed) {
    deps.events.publish("agent.state_changed", {
      organizationId: change.organizationId,
      userId: change.userId,
      state: outcome.presence.state,
      since: outcome.presence.since,
    });
  }
  return outcome;
}
