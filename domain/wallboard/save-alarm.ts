// Supervisors define alarms: a kind, the queue (or trunk) it watches, the threshold, who is told
// by e-mail and which numbers are texted (through which SMS account). Saved, it is evaluated at once (alarm-listener.ts).
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { parsePhoneList } from "../shared/phone-number.ts";
import type { Db } from "../shared/tx.ts";
import { accountSender } from "../sms/notices.ts";
import { ALARM_KINDS, isQueueKind } from "./alarm-rules.ts";

const alarmSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
    kind: z.enum(ALARM_KINDS),
    queueId: z.uuid().nullable().default(null),
    trunkId: z.uuid().nullable().default(null),
    threshold: z.number().int().min(0, "0–86400").max(86_400, "0–86400").default(0),
    recipientIds: z.array(z.uuid()).max(50).default([]),
    /** Numbers texted when it is raised and cleared (one per entry, or several in one, as typed). */
    smsNumbers: z.array(z.string().max(400)).max(50).default([]),
    smsAccountId: z.uuid().nullable().default(null),
    active: z.boolean().default(true),
  })
  .refine((a) => !["SERVICE_LEVEL_BELOW", "ABANDON_RATE_ABOVE"].includes(a.kind) || a.threshold <= 100, { message: "0–100", path: ["threshold"] });
export type AlarmInput = z.input<typeof alarmSchema>;
const MAX_SMS_NUMBERS = 10;

function mayManageAlarms(viewer: Viewer) {
  if (!can(viewer, "alarms.manage")) throw new DomainError("FORBIDDEN", "You may not manage alarms");
}

export async function saveAlarm(viewer: Viewer, id: string | null, raw: AlarmInput, deps: Deps, ip?: string) {
  mayManageAlarms(viewer);
  const input = parseInput(alarmSchema, raw);
  const organizationId = viewer.organizationId;
  const alarm = await deps.db.$transaction(async (tx) => {
    const existing = id ? await tx.alarm.findFirst({ where: { id, organizationId } }) : null;
    if (id && !existing) throw notFound("Alarm");
    // What it watches and who hears of it must be this organisation's.
    if (input.queueId && !(await tx.queue.count({ where: { id: input.queueId, organizationId } }))) throw notFound("Queue");
    if (input.trunkId && !(await tx.sipTrunk.count({ where: { id: input.trunkId, organizationId } }))) throw notFound("Trunk");
    const people = await tx.user.count({ where: { id: { in: input.recipientIds }, organizationId } });
    if (people !== new Set(input.recipientIds).size) throw notFound("User");
    const sms = await smsTargets(tx, organizationId, input);
    const data = {
      ...input,
      ...sms,
      queueId: isQueueKind(input.kind) ? input.queueId : null,
      trunkId: input.kind === "TRUNK_UNREGISTERED" ? input.trunkId : null,
    };
    const saved = id
      ? await tx.alarm.update({ where: { id }, data })
      : await tx.alarm.create({ data: { ...data, organizationId, createdById: viewer.userId } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: id ? "alarm.updated" : "alarm.created",
      targetType: "Alarm",
      targetId: saved.id,
      targetLabel: saved.name,
      data: { changes: auditChanges(existing, data) } as never,
      ip,
    });
    return saved;
  });
  deps.events.publish("alarm.updated", { organizationId, alarmId: alarm.id });
  return alarm;
}

/** The numbers to text, checked, and an account of this organisation with a number to text from. */
async function smsTargets(tx: Db, organizationId: string, input: { smsNumbers: string[]; smsAccountId: string | null }) {
  const { numbers, invalid } = parsePhoneList(input.smsNumbers);
  if (invalid.length) {
    throw fieldError("input.smsNumbers", "invalid_phone", `Not phone numbers with a country code: ${invalid.join(", ")}`, {
      numbers: invalid.slice(0, 5).join(", "),
    });
  }
  if (numbers.length > MAX_SMS_NUMBERS) throw fieldError("input.smsNumbers", "too_big", `at most ${MAX_SMS_NUMBERS} numbers`, { maximum: MAX_SMS_NUMBERS });
  if (!numbers.length) return { smsNumbers: [], smsAccountId: input.smsAccountId };
  if (!input.smsAccountId) throw fieldError("input.smsAccountId", "required", "Choose the SMS account that sends the texts");
  if (!(await tx.smsAccount.count({ where: { id: input.smsAccountId, organizationId } }))) throw notFound("SMS account");
  if (!(await accountSender(tx, organizationId, input.smsAccountId))) {
    throw new DomainError("CONFLICT", "The SMS account has no number to text from", { reason: "NO_SMS_NUMBER" });
  }
  return { smsNumbers: numbers, smsAccountId: input.smsAccountId };
}

export async function deleteAlarm(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  mayManageAlarms(viewer);
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const existing = await tx.alarm.findFirst({ where: { id, organizationId } });
    if (!existing) throw notFound("Alarm");
    // Its history goes with it (occurrences cascade).
    await tx.alarm.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "alarm.deleted",
      targetType: "Alarm",
      targetId: id,
      targetLabel: existing.name,
      ip,
    });
  });
  deps.events.publish("alarm.changed", { organizationId });
}
