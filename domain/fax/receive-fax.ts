// A fax that came in on a fax number, once its call is over: a new case on the number's queue with
// one message carrying the document (a PDF of the pages as they arrived, and the fax file itself
// as the record) and what the call said
// (the sender's number and station ident, pages, speed, and the reason when it failed), routed by
// the ACD on the FAX channel. A partial fax is kept with the pages that arrived; a call that
// brought no page at all (a voice caller on the fax number, a machine that gave up) is kept too,
// so someone can call back. Nothing is written while the call runs: the sender's machine redials
// a fax that a crash cut off (docs/fax.md).
import { storeReceivedFile } from "../cases/attachments.ts";
import { matchContact } from "../contacts/match-contact.ts";
import { openInboundInteraction } from "../interactions/inbound-message.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { cleanIdent, faxState } from "./fax-rules.ts";

/** A fax call answered on a fax number (domain/phone/inbound-call.ts said so). */
export interface FaxArrival {
  organizationId: string;
  entryPointId: string;
  queueId: string;
  /** The number's name, for the case's subject. */
  entryName: string;
  /** The caller's number (SIP From) and the fax number dialled. */
  caller: string;
  dialled: string;
  displayName: string;
}

/** What the fax modem reported at the end (media/fax/t30.ts FaxOutcome). */
export interface FaxResult {
  ok: boolean;
  pages: number;
  reason: string;
  remoteIdent: string;
  bitRate: number | null;
  ecm: boolean | null;
  badRows: number;
  audioSeconds: number;
}

/** The pages as they arrived: a PDF to read in the browser, and the fax file itself (TIFF-F);
 * a file too damaged to make a PDF of is kept alone, as it is. */
export interface FaxDocuments {
  pdf: Uint8Array | null;
  tiff: Uint8Array;
}

export async function receiveFax(arrival: FaxArrival, result: FaxResult, documents: FaxDocuments | null, deps: Deps) {
  const { organizationId } = arrival;
  const now = deps.now();
  const state = faxState(result);
  const remoteIdent = cleanIdent(result.remoteIdent);
  const events = new PendingEvents();
  const saved = await deps.db.$transaction(async (tx) => {
    const phone = arrival.caller.startsWith("+") ? arrival.caller : "";
    const { contactId } = await matchContact(tx, organizationId, { name: arrival.displayName, email: "", phone });
    const contact = contactId ? await tx.contact.findUnique({ where: { id: contactId }, select: { firstName: true, lastName: true } }) : null;
    const who = (contact ? `${contact.firstName} ${contact.lastName}`.trim() : "") || arrival.displayName || remoteIdent || arrival.caller;
    const { caseId, interactionId } = await openInboundInteraction(
      tx,
      { new: { subject: `${who} → ${arrival.entryName || arrival.dialled}`.slice(0, 120), contactId, queueId: arrival.queueId } },
      { organizationId, channel: "FAX", entryPointId: arrival.entryPointId, queueId: arrival.queueId, routed: true, now },
      events,
    );
    const message = await tx.message.create({
      data: { organizationId, caseId, interactionId, authorType: "CONTACT", body: "", createdAt: now },
    });
    await tx.faxMessage.create({
      data: {
        id: message.id,
        organizationId,
        entryPointId: arrival.entryPointId,
        direction: "INBOUND",
        customerNumber: arrival.caller,
        ownNumber: arrival.dialled,
        remoteIdent,
        pages: result.pages,
        state,
        reason: state === "RECEIVED" ? "" : result.reason.slice(0, 300),
        bitRate: result.bitRate,
        ecm: result.ecm,
        badRows: result.badRows,
        seconds: Math.round(result.audioSeconds),
        createdAt: now,
      },
    });
    if (documents) {
      const name = `fax-${now.toISOString().slice(0, 16).replace(/[-:T]/g, "")}`;
      for (const [ext, bytes] of [
        ["pdf", documents.pdf],
        ["tif", documents.tiff],
      ] as const)
        if (bytes?.length) await storeReceivedFile(tx, { organizationId, caseId, messageId: message.id, fileName: `${name}.${ext}`, bytes }, deps);
    }
    await tx.case.update({ where: { id: caseId }, data: { lastActivityAt: now } });
    events.add("message.created", { organizationId, caseId, messageId: message.id, interactionId, kind: "MESSAGE", authorType: "CONTACT" });
    events.add("case.updated", { organizationId, caseId });
    return { caseId, messageId: message.id, state };
  });
  events.publishTo(deps.events);
  return saved;
}
