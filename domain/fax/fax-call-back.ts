// Fax-on-demand by call-back: an IVR flow's fax step set to call back queues the document as an
// outgoing fax to the number the caller rang from (their fax machine's line: they hang up, and our
// fax outbox calls it, from the number they dialled, tried again on busy or no answer like any fax).
// What was asked for goes on the call's case at once — a message with the document and the QUEUED
// fax — and the outbox records how it went there. A caller's number is only a claim (it can be
// forged), so the organisation's toll-fraud rules apply as to an agent's fax, and one number gets
// at most CALL_BACKS_PER_DAY faxes from the flows a day.
import { storeReceivedFile } from "../cases/attachments.ts";
import { callerIdOn } from "../phone/dial-out.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import { faxRefusal } from "./send-fax.ts";

export const CALL_BACKS_PER_DAY = 3;
/** The first call waits this long: the caller has to hang up first, or the line is busy. */
export const CALL_BACK_AFTER_MS = 30_000;

export type FaxCallBack = { queued: true; faxId: string } | { queued: false; reason: string };

export async function queueFaxCallBack(callId: string, documentId: string, deps: Deps): Promise<FaxCallBack> {
  const found = await deps.db.call.findUnique({
    where: { id: callId },
    select: { organizationId: true, interactionId: true, remoteNumber: true, localNumber: true, trunkId: true },
  });
  const [interaction, trunk] = await Promise.all([
    found?.interactionId ? deps.db.interaction.findUnique({ where: { id: found.interactionId }, select: { caseId: true, entryPointId: true } }) : null,
    found?.trunkId
      ? deps.db.sipTrunk.findUnique({ where: { id: found.trunkId }, select: { id: true, active: true, callerIds: true } })
      : null,
  ]);
  if (!found || !interaction || !trunk) return { queued: false, reason: "the call is not on a telephone line" };
  const call = { ...found, interaction, trunk };
  const to = normalisePhone(call.remoteNumber);
  if (!to) return { queued: false, reason: "the caller's number is withheld or not a full number" };
  const { organizationId } = call;
  const now = deps.now();
  const [doc, org, lately] = await Promise.all([
    deps.db.faxDocument.findFirst({ where: { id: documentId, organizationId }, select: { name: true, pdf: true } }),
    deps.db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true, outboundCalls: true } }),
    deps.db.faxMessage.count({
      where: { organizationId, customerNumber: to, direction: "OUTBOUND", message: { authorType: "SYSTEM" }, createdAt: { gte: new Date(now.getTime() - 86_400_000) } },
    }),
  ]);
  if (!doc) return { queued: false, reason: "the document was deleted" };
  if (lately >= CALL_BACKS_PER_DAY) return { queued: false, reason: `this number was faxed ${lately} times by the flows today` };
  const refusal = faxRefusal(org, call.trunk, to, now);
  if (refusal) return { queued: false, reason: refusal.message };

  const caseId = call.interaction.caseId;
  const events = new PendingEvents();
  const faxId = await deps.db.$transaction(async (tx) => {
    const message = await tx.message.create({
      data: { organizationId, caseId, interactionId: call.interactionId, authorType: "SYSTEM", body: `Fax-on-demand, called back: ${doc.name}`, createdAt: now },
    });
    const attachment = await storeReceivedFile(tx, { organizationId, caseId, messageId: message.id, fileName: `${doc.name}.pdf`, bytes: doc.pdf }, deps);
    await tx.faxMessage.create({
      data: {
        id: message.id,
        organizationId,
        entryPointId: call.interaction.entryPointId,
        trunkId: call.trunk.id,
        direction: "OUTBOUND",
        customerNumber: to,
        ownNumber: callerIdOn(call.trunk, undefined, call.localNumber) ?? call.localNumber,
        state: "QUEUED",
        documentIds: [attachment.id],
        cover: false,
        nextAttemptAt: new Date(now.getTime() + CALL_BACK_AFTER_MS),
        createdAt: now,
      },
    });
    await tx.case.update({ where: { id: caseId }, data: { lastActivityAt: now } });
    await events.addDurable(tx, "fax.queued", { organizationId, messageId: message.id });
    events.add("message.created", { organizationId, caseId, messageId: message.id, interactionId: call.interactionId, kind: "MESSAGE", authorType: "SYSTEM" });
    return message.id;
  });
  events.publishTo(deps.events);
  return { queued: true, faxId };
}
