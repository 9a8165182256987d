// An agent answers a case by SMS. The reply is stored at once — the case's message and an
// outgoing SmsMessage in the outbox — and sent by the node that holds the account's link, so a
// provider that is down never loses it; its state (queued, sent, delivered, failed with the
// reason) shows on the message. It goes to the number the customer last texted from (else the
// number their fax came from, else the contact's phone), from the number they texted (else the
// case's queue's SMS number).
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { Viewer } from "../access/viewer.ts";
import { advanceCaseSla } from "../cases/case-sla.ts";
import { writableCase } from "../cases/case-access.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { parseInput } from "../shared/parse.ts";
import type { Db } from "../shared/tx.ts";
import { MAX_REPLY_PARTS, isReplyable, smsAddress } from "./sms-rules.ts";
import { countSms } from "./sms-text.ts";

const replySchema = z.object({
  caseId: z.uuid(),
  body: z.string().trim().min(1, "required").max(2000, "at most 2000 characters"),
});
export type ReplyBySmsInput = z.input<typeof replySchema>;

export async function replyBySms(viewer: Viewer, raw: ReplyBySmsInput, deps: Deps) {
  const input = parseInput(replySchema, raw);
  const kase = await writableCase(viewer, input.caseId, deps.db);
  const count = countSms(input.body);
  if (count.parts > MAX_REPLY_PARTS) {
    throw new DomainError("INVALID_INPUT", `An SMS reply may take at most ${MAX_REPLY_PARTS} parts; this one takes ${count.parts}`, {
      reason: "SMS_TOO_LONG",
    });
  }
  const route = await replyRoute(deps.db, viewer.organizationId, kase);
  const optedOut = await deps.db.smsOptOut.findUnique({ where: { organizationId_number: { organizationId: viewer.organizationId, number: route.to } } });
  if (optedOut) throw new DomainError("CONFLICT", "This number asked for no more SMS", { reason: "SMS_OPTED_OUT" });

  const events = new PendingEvents();
  const now = deps.now();
  const message = await deps.db.$transaction(async (tx) => {
    const live = await tx.interaction.findFirst({
      where: { caseId: kase.id, channel: "SMS", state: { in: ["QUEUED", "ACTIVE"] } },
      orderBy: { arrivedAt: "desc" },
      select: { id: true },
    });
    const m = await tx.message.create({
      data: {
        organizationId: viewer.organizationId,
        caseId: kase.id,
        interactionId: live?.id ?? null,
        authorType: "AGENT",
        authorUserId: viewer.userId,
        body: input.body,
        createdAt: now,
      },
    });
    await tx.smsMessage.create({
      data: {
        id: m.id,
        organizationId: viewer.organizationId,
        accountId: route.accountId,
        entryPointId: route.entryPointId,
        direction: "OUTBOUND",
        customerNumber: route.to,
        ownNumber: route.from,
        coding: count.coding,
        parts: count.parts,
        ref: randomInt(256),
        state: "QUEUED",
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    await tx.case.update({ where: { id: kase.id }, data: { lastActivityAt: now } });
    await advanceCaseSla(tx, kase.id, { type: "first_response" }, now);
    await events.addDurable(tx, "sms.queued", { organizationId: viewer.organizationId, messageId: m.id });
    events.add("message.created", {
      organizationId: viewer.organizationId,
      caseId: kase.id,
      messageId: m.id,
      interactionId: m.interactionId,
      kind: "MESSAGE",
      authorType: "AGENT",
    });
    return m;
  });
  events.publishTo(deps.events);
  return message;
}

/** Whom to text and through which number and account. */
async function replyRoute(db: Db, organizationId: string, kase: { id: string; queueId: string | null; contactId: string | null }) {
  const last = await db.smsMessage.findFirst({
    where: { organizationId, message: { caseId: kase.id }, direction: "INBOUND" },
    orderBy: { createdAt: "desc" },
    select: { customerNumber: true, entryPointId: true },
  });
  // A fax case: the number the fax came from.
  const fax = last
    ? null
    : await db.faxMessage.findFirst({
        where: { organizationId, message: { caseId: kase.id }, direction: "INBOUND", customerNumber: { startsWith: "+" } },
        orderBy: { createdAt: "desc" },
        select: { customerNumber: true },
      });
  const phone =
    last || fax
      ? null
      : kase.contactId
        ? await db.contactIdentity.findFirst({
            where: { organizationId, contactId: kase.contactId, kind: "PHONE" },
            orderBy: { id: "asc" },
            select: { value: true },
          })
        : null;
  const to = last?.customerNumber ?? fax?.customerNumber ?? (phone ? smsAddress(phone.value) : "");
  if (!to || !isReplyable(to)) throw new DomainError("CONFLICT", "There is no number to text in this case", { reason: "NO_SMS_RECIPIENT" });
  const numbers = await db.entryPoint.findMany({
    where: { organizationId, kind: "SMS", active: true, smsAccountId: { not: null }, smsAccount: { active: true } },
    orderBy: { createdAt: "asc" },
    select: { id: true, key: true, queueId: true, smsAccountId: true },
  });
  const number = numbers.find((n) => n.id === last?.entryPointId) ?? numbers.find((n) => n.queueId === kase.queueId) ?? numbers[0];
  if (!number) throw new DomainError("CONFLICT", "There is no SMS number to answer from", { reason: "NO_SMS_NUMBER" });
  return { to, from: number.key, entryPointId: number.id, accountId: number.smsAccountId! };
}
