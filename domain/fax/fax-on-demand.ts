// Fax-on-demand: an IVR flow's fax step sent a document to the caller's own fax machine on their
// call (media/phone/fax-calls.ts faxOnCall). What went is written on the call's case — a message
// with the document and an outgoing FaxMessage, SENT or FAILED with the reason — so an agent sees
// what the caller was sent.
import { storeReceivedFile } from "../cases/attachments.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { cleanIdent } from "./fax-rules.ts";
import type { FaxAttemptDetails } from "./send-fax.ts";

/** The document the step names, for the media role to send (null: deleted since it was published). */
export async function faxOnDemandDocument(callId: string, documentId: string, deps: Pick<Deps, "db">) {
  const call = await deps.db.call.findUnique({ where: { id: callId }, select: { organizationId: true, localNumber: true } });
  if (!call) return null;
  const doc = await deps.db.faxDocument.findFirst({ where: { id: documentId, organizationId: call.organizationId }, select: { name: true, pdf: true } });
  return doc ? { ...doc, ident: call.localNumber, organizationId: call.organizationId } : null;
}

export async function faxOnDemandEnded(
  callId: string,
  documentId: string,
  outcome: { ok: boolean; reason: string } & FaxAttemptDetails,
  deps: Deps,
): Promise<void> {
  const call = await deps.db.call.findUnique({
    where: { id: callId },
    select: { organizationId: true, interactionId: true, remoteNumber: true, localNumber: true, trunkId: true },
  });
  if (!call?.interactionId) return;
  const interaction = await deps.db.interaction.findUniqueOrThrow({ where: { id: call.interactionId }, select: { id: true, caseId: true } });
  const doc = await deps.db.faxDocument.findUnique({ where: { id: documentId }, select: { name: true, pdf: true } });
  const now = deps.now();
  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    const message = await tx.message.create({
      data: {
        organizationId: call.organizationId,
        caseId: interaction.caseId,
        interactionId: interaction.id,
        authorType: "SYSTEM",
        body: `Fax-on-demand: ${doc?.name ?? "a document since deleted"}`,
        createdAt: now,
      },
    });
    const attachment = doc
      ? await storeReceivedFile(
          tx,
          { organizationId: call.organizationId, caseId: interaction.caseId, messageId: message.id, fileName: `${doc.name}.pdf`, bytes: doc.pdf },
          deps,
        )
      : null;
    await tx.faxMessage.create({
      data: {
        id: message.id,
        organizationId: call.organizationId,
        direction: "OUTBOUND",
        customerNumber: call.remoteNumber,
        ownNumber: call.localNumber,
        trunkId: call.trunkId,
        state: outcome.ok ? "SENT" : "FAILED",
        reason: outcome.ok ? "" : outcome.reason,
        pages: outcome.pages ?? 0,
        remoteIdent: cleanIdent(outcome.remoteIdent ?? ""),
        bitRate: outcome.bitRate ?? null,
        ecm: outcome.ecm ?? null,
        seconds: outcome.seconds ?? 0,
        attempts: 1,
        sentAt: outcome.ok ? now : null,
        documentIds: attachment ? [attachment.id] : [],
        createdAt: now,
      },
    });
    await tx.case.update({ where: { id: interaction.caseId }, data: { lastActivityAt: now } });
    events.add("message.created", {
      organizationId: call.organizationId,
      caseId: interaction.caseId,
      messageId: message.id,
      interactionId: interaction.id,
      kind: "MESSAGE",
      authorType: "SYSTEM",
    });
  });
  events.publishTo(deps.events);
}
