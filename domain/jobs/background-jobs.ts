// The installation's background jobs as operators see them, and a run asked for now. The jobs
// themselves live in lib/jobs/ (worker nodes); here is only their Job row, which every node shares.
// Installation-wide: only operators (system.jobs) see or start them, whatever their organisation.
import { type Viewer, can } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";

function mustOperate(viewer: Viewer) {
  if (!can(viewer, "system.jobs")) throw new DomainError("FORBIDDEN", "Only the installation's operators may see and run background jobs");
}

export async function listBackgroundJobs(viewer: Viewer, deps: Pick<Deps, "db">) {
  mustOperate(viewer);
  return deps.db.job.findMany({ orderBy: { name: "asc" } });
}

/**
 * Makes the job due now and tells the worker nodes, which run it at once (an exclusive job on the
 * one node that claims it). Audit-logged in the operator's organisation.
 */
export async function requestJobRun(viewer: Viewer, name: string, deps: Deps, ip?: string) {
  mustOperate(viewer);
  const job = await deps.db.$transaction(async (tx) => {
    const found = await tx.job.findUnique({ where: { name }, select: { name: true } });
    if (!found) throw notFound("Background job");
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "job.run_requested",
      targetType: "Job",
      targetId: name,
      targetLabel: name,
      ip,
    });
    return tx.job.update({ where: { name }, data: { nextRunAt: deps.now() } });
  });
  deps.events.publish("job.run_requested", { organizationId: viewer.organizationId, name });
  return job;
}
