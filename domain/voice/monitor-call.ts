// Supervisors on agents' calls: listen (silent), whisper (only the agent hears), barge (everybody
// hears) — for calls of agents they may watch (their team's, or everyone's), each start and
// change audit-logged. A monitor who hangs up only leaves; the call goes on.
import { can, type Viewer } from "../access/viewer.ts";
import { canSeeAgent, visibleAgentIds } from "../agents/agent-visibility.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import type { MonitorMode } from "./audio-plan.ts";

export const MONITOR_MODES = ["LISTEN", "WHISPER", "BARGE"] as const satisfies readonly MonitorMode[];

/** Ids of the live calls of agents this supervisor may watch (agent visibility read once). */
export async function watchableCallIds(viewer: Viewer, deps: Pick<Deps, "db">): Promise<string[]> {
  if (!can(viewer, "agents.monitor_team") && !can(viewer, "agents.monitor_all")) throw new DomainError("FORBIDDEN", "You may not listen to calls");
  const visible = await visibleAgentIds(viewer, deps.db);
  visible.delete(viewer.userId);
  const calls = await deps.db.call.findMany({
    where: { organizationId: viewer.organizationId, state: "ACTIVE" },
    select: { id: true, parties: { where: { role: { not: "MONITOR" }, leftAt: null, userId: { not: null } }, select: { userId: true } } },
    orderBy: { answeredAt: "asc" },
    take: 500,
  });
  return calls.filter((c) => c.parties.some((p) => visible.has(p.userId!))).map((c) => c.id);
}

/** Whether one of this call's agents (one or two: a query each) is someone the viewer may watch. */
export async function canWatch(viewer: Viewer, agentIds: string[], deps: { db: Db }) {
  for (const id of agentIds) if (id !== viewer.userId && (await canSeeAgent(viewer, id, deps.db))) return true;
  return false;
}

/** Join a live call as a monitor, or change how you take part. */
export async function monitorCall(viewer: Viewer, callId: string, mode: MonitorMode, deps: Deps, ip?: string) {
  if (!MONITOR_MODES.includes(mode)) throw new DomainError("INVALID_INPUT", "Unknown monitoring mode");
  const events = new PendingEvents();
  const call = await deps.db.$transaction(async (tx) => {
    const call = await tx.call.findFirst({
      where: { id: callId, organizationId: viewer.organizationId },
      include: { parties: { include: { user: { select: { name: true } } } } },
    });
    if (!call) throw notFound("Call");
    const agents = call.parties.filter((p) => p.role !== "MONITOR" && p.userId && !p.leftAt);
    if (
      !(can(viewer, "agents.monitor_team") || can(viewer, "agents.monitor_all")) ||
      !(await canWatch(
        viewer,
        agents.map((a) => a.userId!),
        { db: tx },
      ))
    ) {
      throw notFound("Call");
    }
    if (call.state !== "ACTIVE") throw new DomainError("CONFLICT", "The call is not in progress", { reason: "CALL_NOT_ACTIVE" });
    if (agents.some((a) => a.userId === viewer.userId)) throw new DomainError("CONFLICT", "This is your own call", { reason: "OWN_CALL" });
    const now = deps.now();
    const mine = call.parties.find((p) => p.userId === viewer.userId);
    if (mine)
      await tx.callParty.update({
        where: { id: mine.id },
        data: { role: "MONITOR", mode, leftAt: null, joinedAt: mine.leftAt ? now : (mine.joinedAt ?? now) },
      });
    else await tx.callParty.create({ data: { callId: call.id, role: "MONITOR", mode, userId: viewer.userId, joinedAt: now } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "call.monitored",
      targetType: "Call",
      targetId: call.id,
      targetLabel: agents.map((a) => a.user?.name ?? "").join(", "),
      data: { mode },
      ip,
    });
    events.add("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ACTIVE" });
    return call;
  });
  events.publishTo(deps.events);
  return call;
}

/** A monitor leaves the call (the call goes on). */
export async function stopMonitoring(viewer: Viewer, callId: string, deps: Deps) {
  const party = await deps.db.callParty.findFirst({ where: { callId, userId: viewer.userId, role: "MONITOR", leftAt: null }, include: { call: true } });
  if (!party || party.call.organizationId !== viewer.organizationId) return false;
  await deps.db.callParty.update({ where: { id: party.id }, data: { leftAt: deps.now() } });
  deps.events.publish("call.updated", { organizationId: party.call.organizationId, callId, state: party.call.state });
  return true;
}
