// Who may find and play which recordings: recordings.listen, and then the agents they may watch
// (monitor_all: everyone's; monitor_team: their teams'). Every playback is audit-logged.
import type { Prisma } from "../../generated/prisma/client.ts";
import { type Viewer, can } from "../access/viewer.ts";
import { visibleAgentsWhere } from "../agents/agent-visibility.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";

export type RecordingFilter = { from?: Date | null; to?: Date | null; queueId?: string | null; agentId?: string | null; search?: string | null };

export async function visibleRecordingsWhere(viewer: Viewer, db: Db, f: RecordingFilter = {}): Promise<Prisma.RecordingWhereInput> {
  if (!can(viewer, "recordings.listen")) throw new DomainError("FORBIDDEN", "You may not listen to recordings");
  const base: Prisma.RecordingWhereInput = {
    organizationId: viewer.organizationId,
    ...(f.from || f.to ? { startedAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(f.queueId ? { queueId: f.queueId } : {}),
    ...(f.agentId ? { agentId: f.agentId } : {}),
    ...customerMatches(f.search),
  };
  if (can(viewer, "agents.monitor_all")) return base;
  const agents = visibleAgentsWhere(viewer);
  const ids = agents ? (await db.user.findMany({ where: agents, select: { id: true } })).map((u) => u.id) : [];
  return { AND: [base, { agentId: { in: ids } }] };
}

/** Name, e-mail or number; a number is also found as it is stored (+48123…) however it was typed. */
function customerMatches(search: string | null | undefined): Prisma.RecordingWhereInput {
  const text = search?.trim();
  if (!text) return {};
  const forms = new Set([text]);
  if (/^[+\d\s\-.()]+$/.test(text)) forms.add(text.replace(/[\s\-.()]/g, "").replace(/^00/, "+"));
  return { OR: [...forms].map((f) => ({ customer: { contains: f, mode: "insensitive" as const } })) };
}

/** What the Recordings page offers to filter by: the organisation's voice queues and the agents this viewer may watch. */
export async function recordingFilterOptions(viewer: Viewer, db: Db) {
  if (!can(viewer, "recordings.listen")) throw new DomainError("FORBIDDEN", "You may not listen to recordings");
  const agents = visibleAgentsWhere(viewer);
  const [queues, people] = await Promise.all([
    db.queue.findMany({
      where: { organizationId: viewer.organizationId, channels: { has: "VOICE" } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    agents ? db.user.findMany({ where: agents, select: { id: true, name: true }, orderBy: { name: "asc" } }) : [],
  ]);
  return { queues, agents: people };
}

/** One recording ready to play, for this viewer; a playback (not each seek) goes in the audit log. */
export async function recordingToPlay(viewer: Viewer, id: string, deps: Pick<Deps, "db">, o: { ip?: string; audit: boolean }) {
  const where = await visibleRecordingsWhere(viewer, deps.db);
  const rec = await deps.db.recording.findFirst({ where: { AND: [where, { id }] } });
  if (!rec) throw notFound("Recording");
  if (rec.state !== "READY") throw new DomainError("CONFLICT", "The recording is not ready", { reason: "RECORDING_NOT_READY" });
  if (!o.audit) return rec;
  await recordAudit(deps.db, {
    organizationId: viewer.organizationId,
    actorId: viewer.userId,
    action: "recording.played",
    targetType: "Recording",
    targetId: rec.id,
    targetLabel: rec.customer,
    ip: o.ip,
  });
  return rec;
}
