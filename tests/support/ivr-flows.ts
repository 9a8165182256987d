// An IVR flow as tests need it: saved and published (version 1) in one step, as an admin's
// "Publish" would leave it; what callers of a number or widget naming it then follow.
import type { Db } from "../../domain/shared/tx.ts";

export async function publishedFlow(db: Db, organizationId: string, name: string, flow: object): Promise<string> {
  const saved = await db.ivrFlow.create({ data: { organizationId, name, draft: flow, publishedVersion: 1, versions: { create: { version: 1, definition: flow } } } });
  return saved.id;
}
