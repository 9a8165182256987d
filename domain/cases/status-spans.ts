// A case's history of statuses, for the cases report: every status change is kept as a case event
// (`status_changed`, with the status before and after), and the stretches a case spent in each
// status (CaseStatusSpan) are derived from its creation and those events by a pure rule. The spans
// of a case are replaced whole at each change, so writing them twice changes nothing and the live
// rows always equal a rebuild (rebuildCaseStatusSpans, scripts/rebuild-reports.ts).
import type { Db } from "../shared/tx.ts";

export interface StatusChange {
  at: Date;
  fromStatusId: string;
  toStatusId: string;
}

export interface StatusSpan {
  statusId: string;
  fromAt: Date;
  /** Null: the status the case is in now. */
  toAt: Date | null;
}

/**
 * The stretches of one case: from its creation in the status the first change left (or the one it
 * has now, never changed), each change ending one and starting the next; the last one open.
 */
export function statusSpans(createdAt: Date, currentStatusId: string, changes: StatusChange[]): StatusSpan[] {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const spans: StatusSpan[] = [];
  let statusId = sorted[0]?.fromStatusId ?? currentStatusId;
  let fromAt = createdAt;
  for (const c of sorted) {
    if (c.toStatusId === statusId) continue;
    const at = c.at < fromAt ? fromAt : c.at;
    if (at > fromAt) spans.push({ statusId, fromAt, toAt: at });
    statusId = c.toStatusId;
    fromAt = at;
  }
  spans.push({ statusId, fromAt, toAt: null });
  return spans;
}

function changesOf(rows: { at: Date; data: unknown }[]): StatusChange[] {
  const out: StatusChange[] = [];
  for (const r of rows) {
    const d = (r.data ?? {}) as { fromStatusId?: unknown; toStatusId?: unknown };
    if (typeof d.fromStatusId === "string" && typeof d.toStatusId === "string") out.push({ at: r.at, fromStatusId: d.fromStatusId, toStatusId: d.toStatusId });
  }
  return out;
}

/** Writes the spans of these cases again from their rows and events. */
export async function syncCaseStatusSpans(tx: Db, caseIds: string[]): Promise<void> {
  if (!caseIds.length) return;
  const [cases, events] = await Promise.all([
    tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, organizationId: true, createdAt: true, statusId: true } }),
    tx.caseEvent.findMany({ where: { caseId: { in: caseIds }, type: "status_changed" }, select: { caseId: true, at: true, data: true }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
  ]);
  const byCase = new Map<string, { at: Date; data: unknown }[]>();
  for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  await tx.caseStatusSpan.deleteMany({ where: { caseId: { in: caseIds } } });
  const data = cases.flatMap((c) =>
    statusSpans(c.createdAt, c.statusId, changesOf(byCase.get(c.id) ?? [])).map((s) => ({ organizationId: c.organizationId, caseId: c.id, ...s })),
  );
  if (data.length) await tx.caseStatusSpan.createMany({ data });
}

/**
 * Keeps a status change in the case's history, in the transaction that made it (after the case
 * row was updated), and brings its spans up to date. No change, nothing written.
 */
export async function recordStatusChange(
  tx: Db,
  change: { organizationId: string; caseId: string; fromStatusId: string; toStatusId: string; actorId: string | null; at: Date },
): Promise<void> {
  if (change.fromStatusId === change.toStatusId) return;
  await tx.caseEvent.create({
    data: {
      organizationId: change.organizationId,
      caseId: change.caseId,
      type: "status_changed",
      actorId: change.actorId,
      data: { fromStatusId: change.fromStatusId, toStatusId: change.toStatusId },
      at: change.at,
    },
  });
  await syncCaseStatusSpans(tx, [change.caseId]);
}

/** Every case of the organisation again, in batches: after restoring a backup, or when in doubt. */
export async function rebuildCaseStatusSpans(organizationId: string, deps: { db: Db }, batch = 1000): Promise<number> {
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const page: { id: string }[] = await deps.db.case.findMany({
      where: { organizationId, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (!page.length) return done;
    after = page.at(-1)!.id;
    await syncCaseStatusSpans(
      deps.db,
      page.map((p) => p.id),
    );
    done += page.length;
  }
}
