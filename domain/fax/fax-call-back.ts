// Fax-on-demand by call-back: an IVR flow's fax step set to call back queues the document as an
// outgoing fax to the number the caller rang from (their fax machine's line: they hang up, and our
// fax outbox calls it, from the number they dialled, tried again on busy or no answer like any fax),
// or to the fax number they keyed in. What was asked for goes on the call's case at once — a
// message with the document and the QUEUED fax — and the outbox records how it went there. A
// caller's number is only a claim (it can be forged) and a keyed one is anybody's choice, so the
// organisation's toll-fraud rules apply as to an agent's fax, one number gets at most
// CALL_BACKS_PER_DAY faxes from the flows a day, and the organisation's flows send at most
// FLOW_FAXES_PER_DAY in all.
import { storeReceivedFile } from "../cases/attachments.ts";
import { callerIdOn } from "../phone/dial-out.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import { keyedFaxNumber } from "./fax-rules.ts";
import { faxRefusal } from "./send-fax.ts";

export const CALL_BACKS_PER_DAY = 3;
/** Faxes an organisation's flows may queue in a day, whoever asks: what a caller can make us spend. */
export const FLOW_FAXES_PER_DAY = 200;
/** The first call waits this long: the caller has to hang up first, or the line is busy. */
export const CALL_BACK_AFTER_MS = 30_000;

export type FaxCallBack = { queued: true; faxId: string } | { queued: false; reason: string };

export async function queueFaxCallBack(
  callId: string,
  documentId: string,
  deps: Deps,
  /** The number the caller keyed in (else the one they rang from). */
  keyed?: { digits: string; nationalPrefix: string | null },
): Promise<FaxCallBack> {
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
  const to = keyed ? keyedFaxNumber(keyed.digits, keyed.nationalPrefix) : normalisePhone(call.remoteNumber);
  if (!to) return { queued: false, reason: keyed ? `the number keyed in (${keyed.digits.slice(0, 30)}) is not a full number` : "the caller's number is withheld or not a full number" };
  const { organizationId } = call;
  const now = deps.now();
  const flowFaxes = { organizationId, direction: "OUTBOUND" as const, message: { authorType: "SYSTEM" as const }, createdAt: { gte: new Date(now.getTime() - 86_400_000) } };
  const [doc, org, lately, today] = await Promise.all([
    deps.db.faxDocument.findFirst({ where: { id: documentId, organizationId }, select: { name: true, pdf: true } }),
    deps.db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true, outboundCalls: true } }),
    deps.db.faxMessage.count({ where: { ...flowFaxes, customerNumber: to } }),
    deps.db.faxMessage.count({ where: flowFaxes }),
  ]);
  if (!doc) return { queued: false, reason: "the document was deleted" };
  if (lately >= CALL_BACKS_PER_DAY) return { queued: false, reason: `this number was faxed ${lately} times by the flows today` };
  if (today >= FLOW_FAXES_PER_DAY) return { queued: false, reason: `the flows have queued ${today} faxes today, their daily most` };
  const refusal = faxRefusal(org, call.trunk, to, now);
  if (refusal) return { queued: false, reason: refusal.message };

  const caseId = call.interaction.caseId;
  const events = new PendingEvents();
  const faxId = await deps.db.$transaction(async (tx) => {
    const message = await tx.message.create({
      data: { organizationId, caseId, interactionId: call.interactionId, authorType: "SYSTEM", body: `Fax-on-demand, ${keyed ? `to the number keyed in, ${to}` : "called back"}: ${doc.name}`, createdAt: now },
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
