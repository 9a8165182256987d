// The numbers customers dial (DIDs): PHONE entry points whose key is the number in E.164, each on
// one of the organisation's trunks and answered by one of its queues (a fax number: by the fax
// modem, its faxes cases on a queue that takes faxes; a voice number may also listen for fax
// machines while its IVR flow speaks). A number exists once in the
// whole system (EntryPoint.key is unique), so two organisations cannot both claim it.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { numberClash, numberTaken } from "../entry-points/number-clash.ts";
import { phoneNumberField } from "../shared/phone-number.ts";
import type { Db } from "../shared/tx.ts";

const phoneNumberSchema = z.object({
  number: phoneNumberField(),
  /** Empty: the number itself. */
  name: z.string().trim().max(80, "at most 80 characters").default(""),
  trunkId: z.uuid(),
  queueId: z.uuid(),
  /** Callers meet this IVR flow first (the queue is where a failing flow sends them); null: the queue at once. */
  ivrFlowId: z.uuid().nullable().default(null),
  active: z.boolean().default(true),
  /** A fax number: answered by the fax modem, each fax a case on a queue that takes faxes. */
  fax: z.boolean().default(false),
  /** A voice number with a flow: a fax machine heard while the caller is in the flow is answered
   * by the fax modem on the same call (its queue must take faxes too). */
  faxDetect: z.boolean().default(false),
});
export type PhoneNumberInput = z.input<typeof phoneNumberSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
}

async function checkTargets(tx: Db, organizationId: string, trunkId: string, queueId: string, fax: boolean, faxDetect: boolean) {
  if (!(await tx.sipTrunk.count({ where: { id: trunkId, organizationId } }))) throw fieldError("input.trunkId", "unknown", "Unknown trunk");
  const queue = await tx.queue.findFirst({ where: { id: queueId, organizationId }, select: { channels: true } });
  if (!queue) throw fieldError("input.queueId", "unknown", "Unknown queue");
  if (!fax && !queue.channels.includes("VOICE")) throw fieldError("input.queueId", "no_voice", "This queue does not take calls");
  // A fax number's faxes, or the faxes a voice number hears, wait in its queue.
  if ((fax || faxDetect) && !queue.channels.includes("FAX")) throw fieldError("input.queueId", "no_fax", "This queue does not take faxes");
}

/** Creates (no id) or updates a number. */
export async function savePhoneNumber(viewer: Viewer, id: string | null, raw: PhoneNumberInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(phoneNumberSchema, raw);
  const organizationId = viewer.organizationId;
  const name = input.name || input.number;
  const clash = (db: Db) => numberClash(db, { organizationId, id, number: input.number, name });
  try {
    const ep = await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.entryPoint.findFirst({ where: { id, organizationId, kind: "PHONE" } }) : null;
      if (id && !existing) throw notFound("Phone number");
      const faxDetect = input.faxDetect && !input.fax;
      await checkTargets(tx, organizationId, input.trunkId, input.queueId, input.fax, faxDetect);
      // The fax modem answers a fax number: no flow could speak to a fax machine.
      if (input.fax && input.ivrFlowId) throw fieldError("input.ivrFlowId", "fax_number", "A fax number has no IVR flow");
      if (input.ivrFlowId && !(await tx.ivrFlow.count({ where: { id: input.ivrFlowId, organizationId } })))
        throw fieldError("input.ivrFlowId", "unknown", "Unknown IVR flow");
      const taken = await clash(tx);
      if (taken) throw taken;
      const data = { key: input.number, name, trunkId: input.trunkId, queueId: input.queueId, ivrFlowId: input.ivrFlowId, active: input.active, fax: input.fax, faxDetect };
      const ep = existing ? await tx.entryPoint.update({ where: { id: existing.id }, data }) : await tx.entryPoint.create({ data: { ...data, organizationId, kind: "PHONE" } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "phone_number.updated" : "phone_number.created",
        targetType: "EntryPoint",
        targetId: ep.id,
        targetLabel: ep.key,
        data: { number: input.number, name, trunkId: input.trunkId, queueId: input.queueId, active: input.active, fax: input.fax, faxDetect, ...(existing ? { was: existing.key } : {}) },
        ip,
      });
      return ep;
    });
    return ep;
  } catch (e) {
    // Two admins saving at once: say which of the two unique values the other one took.
    if (isUniqueViolation(e)) throw (await clash(deps.db)) ?? numberTaken();
    throw e;
  }
}

export async function deletePhoneNumber(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const ep = await tx.entryPoint.findFirst({ where: { id, organizationId, kind: "PHONE" } });
    if (!ep) throw notFound("Phone number");
    await tx.entryPoint.delete({ where: { id } });
    await recordAudit(tx, { organizationId, actorId: viewer.userId, action: "phone_number.deleted", targetType: "EntryPoint", targetId: id, targetLabel: ep.key, ip });
  });
}
