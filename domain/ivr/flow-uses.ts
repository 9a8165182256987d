// Which IVR flows use a thing (a sound, a fax document) by its id: those whose draft or published
// version — the one callers hear — names it. Flows are JSON written by JSON.stringify-able values,
// so a step naming it reads exactly `"<key>":"<id>"`.
import type { Db } from "../shared/tx.ts";

export async function ivrFlowsNaming(db: Db, organizationId: string, key: "audioId" | "documentId", id: string): Promise<string[]> {
  const flows = await db.ivrFlow.findMany({
    where: { organizationId },
    select: { name: true, draft: true, publishedVersion: true, versions: { select: { version: true, definition: true } } },
    orderBy: { name: "asc" },
  });
  const mentions = (json: unknown) => JSON.stringify(json ?? null).includes(`"${key}":"${id}"`);
  return flows.filter((f) => mentions(f.draft) || mentions(f.versions.find((v) => v.version === f.publishedVersion)?.definition)).map((f) => f.name);
}
