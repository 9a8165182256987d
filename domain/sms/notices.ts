// Texts Centrala sends on its own, owned by neither a case nor a campaign: an alarm raised or
// cleared, told to the numbers the alarm names. They are written (NoticeSms, QUEUED) in the
// transaction that raises or clears the alarm, so a crash after it loses none, and the node holding
// the account's link sends them ahead of its outbox (lib/sms/sms-links.ts): claimed so a crash
// mid-send only delays them, the same idempotency key on every try, retried while the provider is
// unreachable, failed at once when it refuses, and moved to delivered or failed by their receipts.
import { randomInt } from "node:crypto";
import type { Deps } from "../ports.ts";
import type { Db } from "../shared/tx.ts";
import { type SmsSender, afterSendFailure, claimDue, recordSentParts, refuseIfOptedOut, settleNotice } from "./deliver-sms.ts";
import { NOTICES_PER_NUMBER_HOUR, NOTICE_NOT_SENT, smsAddress } from "./sms-rules.ts";
import { countSms } from "./sms-text.ts";

/** The account's first active SMS number (a notice's sender), or "" when it has none. */
export async function accountSender(db: Db, organizationId: string, accountId: string): Promise<string> {
  const number = await db.entryPoint.findFirst({
    where: { organizationId, kind: "SMS", smsAccountId: accountId, active: true },
    orderBy: { createdAt: "asc" },
    select: { key: true },
  });
  return number ? smsAddress(number.key) : "";
}

/** One text to each number, queued inside the caller's transaction; returns how many. */
export async function queueNotices(
  tx: Db,
  n: { organizationId: string; accountId: string; alarmId: string | null; numbers: readonly string[]; text: string; now: Date },
): Promise<number> {
  const numbers = [...new Set(n.numbers.map(smsAddress).filter(Boolean))];
  if (!numbers.length || !n.text) return 0;
  const from = await accountSender(tx, n.organizationId, n.accountId);
  const count = countSms(n.text);
  const lastHour = await tx.noticeSms.groupBy({
    by: ["toNumber"],
    where: {
      organizationId: n.organizationId,
      toNumber: { in: numbers },
      createdAt: { gt: new Date(n.now.getTime() - 3_600_000) },
      error: { not: NOTICE_NOT_SENT.heldBack },
    },
    _count: { _all: true },
  });
  const full = new Set(lastHour.filter((g) => g._count._all >= NOTICES_PER_NUMBER_HOUR).map((g) => g.toNumber));
  const notSent = (toNumber: string) => (!from ? NOTICE_NOT_SENT.noNumber : full.has(toNumber) ? NOTICE_NOT_SENT.heldBack : "");
  await tx.noticeSms.createMany({
    data: numbers.map((toNumber) => {
      const error = notSent(toNumber);
      return {
        organizationId: n.organizationId,
        accountId: n.accountId,
        alarmId: n.alarmId,
        toNumber,
        ownNumber: from,
        text: n.text,
        coding: count.coding,
        parts: count.parts,
        ref: randomInt(256),
        createdAt: n.now,
        // Kept with its reason (the alarms page shows it) rather than waiting for a number forever.
        ...(error ? { state: "FAILED" as const, error } : { nextAttemptAt: n.now }),
      };
    }),
  });
  return numbers.length;
}

/** Sends the account's due notices (run by the node holding its link). */
export async function deliverDueNotices(accountId: string, sender: SmsSender, deps: Deps): Promise<{ sent: number; failed: number; retrying: number }> {
  const claimed = await claimDue(deps.db, "NoticeSms", accountId);
  const tally = { sent: 0, failed: 0, retrying: 0 };
  for (const o of await Promise.all(claimed.map(({ id }) => sendNotice(id, accountId, sender, deps)))) tally[o]++;
  return tally;
}

async function sendNotice(id: string, accountId: string, sender: SmsSender, deps: Deps): Promise<"sent" | "failed" | "retrying"> {
  const notice = await deps.db.noticeSms.findUniqueOrThrow({ where: { id } });
  const attempts = notice.attempts + 1;
  try {
    await refuseIfOptedOut(deps.db, notice.organizationId, notice.toNumber);
    const sent = await sender.send({ to: notice.toNumber, from: notice.ownNumber, text: notice.text, ref: notice.ref, key: id });
    await deps.db.$transaction(async (tx) => {
      await recordSentParts(tx, accountId, { noticeSmsId: id }, sent.partIds);
      await tx.noticeSms.update({
        where: { id },
        data: { state: "SENT", sentAt: deps.now(), attempts, error: "", nextAttemptAt: null, parts: sent.parts ?? sent.partIds.length },
      });
      await settleNotice(tx, id, deps.now());
    });
    return "sent";
  } catch (err) {
    const failure = afterSendFailure(err, attempts, deps.now());
    deps.log.warn({ err, noticeSmsId: id, attempts }, failure.giveUp ? "notice SMS failed for good" : "notice SMS not sent; will retry");
    await deps.db.noticeSms.update({ where: { id }, data: failure.data });
    return failure.giveUp ? "failed" : "retrying";
  }
}
