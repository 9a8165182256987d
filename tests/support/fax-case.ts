// A case holding a PDF, as an agent would have it before faxing it: opened on a queue, assigned to
// the agent, the document uploaded to it.
import { readFile } from "node:fs/promises";
import { storeAttachment } from "../../domain/cases/attachments.ts";
import { createCase } from "../../domain/cases/create-case.ts";
import type { AppServices } from "../../lib/services.ts";

export async function caseWithDocument(app: AppServices, o: { organizationId: string; queueId: string | null; assigneeId: string; pdf: string }) {
  const deps = app.deps;
  const kase = await deps.db.$transaction((tx) =>
    createCase(tx, { organizationId: o.organizationId, channel: "EMAIL", subject: "Order to confirm", contactId: null, queueId: o.queueId, now: deps.now() }),
  );
  await deps.db.case.update({ where: { id: kase.id }, data: { assigneeId: o.assigneeId } });
  const document = await storeAttachment(
    { organizationId: o.organizationId, caseId: kase.id, fileName: "order.pdf", bytes: await readFile(o.pdf), maxBytes: 10 << 20 },
    deps,
  );
  return { caseId: kase.id, documentId: document.id };
}
