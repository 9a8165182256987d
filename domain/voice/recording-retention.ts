// Recordings are kept for their queue's retention period, else their organisation's (none: for
// ever). When it has run out the file is deleted and the row stays, DELETED with the date, as the
// record that the call was recorded. Part files left behind by recordings that failed or were
// interrupted are removed too. Run by the worker role: every step is a conditional update or a
// forced delete, so several nodes sweeping at once delete each file once and count each row once.
import type { Prisma } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";

/** Port: the recordings' files (a folder today). */
export interface RecordingFiles {
  /** Deletes one recording's file; one already gone is no error. */
  remove(storageKey: string): Promise<void>;
  /** The calls that have a folder of part files, and when each last changed. */
  partFolders(): Promise<{ callId: string; modifiedAt: Date }[]>;
  /** Deletes a call's part files; none is no error. */
  removeParts(callId: string): Promise<void>;
}

const DAY_MS = 86_400_000;
/** Part files untouched this long belong to nobody any more, unless their recording is still going. */
export const PARTS_GRACE_MS = 3_600_000;
const EXPIRABLE = { in: ["READY", "FAILED"] } satisfies Prisma.EnumRecordingStateFilter;

export interface SweepResult {
  /** Recordings whose file the retention period deleted in this run, per organisation. */
  deleted: Map<string, number>;
  /** Part-file folders removed. */
  partsRemoved: number;
}

export async function expireRecordings(deps: Pick<Deps, "db" | "now" | "log">, files: RecordingFiles, o: { batchSize?: number } = {}): Promise<SweepResult> {
  const batchSize = o.batchSize ?? 500;
  const now = deps.now();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const [queues, orgs] = await Promise.all([
    deps.db.queue.findMany({ where: { recordingRetentionDays: { not: null } }, select: { id: true, organizationId: true, recordingRetentionDays: true } }),
    deps.db.organization.findMany({ where: { recordingRetentionDays: { not: null } }, select: { id: true, recordingRetentionDays: true } }),
  ]);
  // A queue's own period wins; the organisation's covers its other queues and calls without one.
  const scopes: { organizationId: string; where: Prisma.RecordingWhereInput }[] = [
    ...queues.map((q) => ({
      organizationId: q.organizationId,
      where: { organizationId: q.organizationId, queueId: q.id, startedAt: { lt: before(q.recordingRetentionDays!) } },
    })),
    ...orgs.map((org) => ({
      organizationId: org.id,
      where: {
        organizationId: org.id,
        startedAt: { lt: before(org.recordingRetentionDays!) },
        OR: [{ queueId: null }, { queueId: { notIn: queues.filter((q) => q.organizationId === org.id).map((q) => q.id) } }],
      },
    })),
  ];

  const deleted = new Map<string, number>();
  for (const scope of scopes) {
    let after: string | null = null;
    for (;;) {
      const batch: { id: string; storageKey: string }[] = await deps.db.recording.findMany({
        where: { AND: [scope.where, { state: EXPIRABLE }, after ? { id: { gt: after } } : {}] },
        select: { id: true, storageKey: true },
        orderBy: { id: "asc" },
        take: batchSize,
      });
      const gone: string[] = [];
      for (const r of batch) {
        try {
          if (r.storageKey) await files.remove(r.storageKey);
          gone.push(r.id);
        } catch (err) {
          // Left as it is; the next sweep tries again.
          deps.log.error({ err, recordingId: r.id }, "an expired recording's file could not be deleted");
        }
      }
      if (gone.length) {
        const { count } = await deps.db.recording.updateMany({
          where: { id: { in: gone }, state: EXPIRABLE },
          data: { state: "DELETED", deletedAt: now, storageKey: "" },
        });
        if (count) deleted.set(scope.organizationId, (deleted.get(scope.organizationId) ?? 0) + count);
      }
      if (batch.length < batchSize) break;
      after = batch.at(-1)!.id;
    }
  }
  for (const [organizationId, count] of deleted) {
    await recordAudit(deps.db, { organizationId, actorId: null, action: "recordings.expired", targetType: "Recording", data: { count } });
  }
  return { deleted, partsRemoved: await removeLeftoverParts(deps, files, batchSize) };
}

/** Part files of recordings that were made into their file (or deleted by retention, or have no
 * row), untouched for a while. A FAILED recording's parts are what is left of the call, kept for
 * salvage until retention deletes the recording. */
async function removeLeftoverParts(deps: Pick<Deps, "db" | "now" | "log">, files: RecordingFiles, batchSize: number) {
  const idle = new Date(deps.now().getTime() - PARTS_GRACE_MS);
  const folders = (await files.partFolders()).filter((f) => f.modifiedAt < idle && /^[0-9a-f-]{36}$/.test(f.callId));
  let removed = 0;
  for (let i = 0; i < folders.length; i += batchSize) {
    const callIds = folders.slice(i, i + batchSize).map((f) => f.callId);
    const busy = await deps.db.recording.findMany({
      where: { callId: { in: callIds }, state: { in: ["RECORDING", "PROCESSING", "FAILED"] } },
      select: { callId: true },
    });
    const keep = new Set(busy.map((r) => r.callId));
    for (const callId of callIds.filter((c) => !keep.has(c))) {
      try {
        await files.removeParts(callId);
        removed++;
      } catch (err) {
        deps.log.error({ err, callId }, "a recording's leftover part files could not be deleted");
      }
    }
  }
  return removed;
}
