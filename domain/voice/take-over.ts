// A supervisor takes an agent's call over: they become the answering party and own the
// conversation and the case; the agent drops out (free for the next call). Audit-logged, and only
// for calls of agents the supervisor may watch.
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { agentOf } from "./call-parties.ts";
import { handOverCall } from "./hand-over-call.ts";
import { canWatch } from "./monitor-call.ts";

export async function takeOverCall(viewer: Viewer, callId: string, deps: Deps, ip?: string) {
  if (!can(viewer, "agents.monitor_team") && !can(viewer, "agents.monitor_all")) throw new DomainError("FORBIDDEN", "You may not take over calls");
  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`select 1 from "Call" where "id" = ${callId}::uuid for update`;
    const call = await tx.call.findFirst({
      where: { id: callId, organizationId: viewer.organizationId },
      include: { parties: { include: { user: { select: { name: true } } } } },
    });
    if (!call) throw notFound("Call");
    // The agent (who answered, or who dialled the customer) and a colleague they consult.
    const agents = call.parties.filter((p) => p.role !== "MONITOR" && p.userId && !p.leftAt && p.userId !== viewer.userId);
    if (
      !(await canWatch(
        viewer,
        agents.map((a) => a.userId!),
        { db: tx },
      ))
    )
      throw notFound("Call");
    if (call.state !== "ACTIVE" || !call.interactionId)
      throw new DomainError("CONFLICT", "Only a customer's call in progress can be taken over", { reason: "CALL_NOT_ACTIVE" });
    const now = deps.now();
    const mine = call.parties.find((p) => p.userId === viewer.userId);
    const party = mine ?? (await tx.callParty.create({ data: { callId, role: "MONITOR", userId: viewer.userId, joinedAt: now, createdAt: now } }));
    await handOverCall(
      tx,
      {
        callId,
        interactionId: call.interactionId,
        toPartyId: party.id,
        toUserId: viewer.userId,
        fromUserIds: agents.map((a) => a.userId!),
        event: { type: "taken_over", data: { from: agentOf(call.parties)?.userId ?? null, by: viewer.userId } },
        now,
      },
      events,
    );
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "call.taken_over",
      targetType: "Call",
      targetId: callId,
      targetLabel: agents.map((a) => a.user?.name ?? "").join(", "),
      ip,
    });
  });
  events.publishTo(deps.events);
}
