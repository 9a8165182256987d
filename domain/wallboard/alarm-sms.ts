// Texts an alarm's numbers that it was raised or cleared: the mail's sentence (alarm-mail.ts), in
// the organisation's language, queued as notices (domain/sms/notices.ts) inside the transaction
// that raises or clears it, so the text goes exactly when the alarm's history says it happened.
import { isLocale } from "../shared/locale.ts";
import type { Db } from "../shared/tx.ts";
import { queueNotices } from "../sms/notices.ts";
import { alarmNews } from "./alarm-mail.ts";

type TextedAlarm = {
  id: string;
  organizationId: string;
  name: string;
  kind: string;
  threshold: number;
  recipientIds: string[];
  smsNumbers: string[];
  smsAccountId: string | null;
};

export async function textAlarm(tx: Db, what: "raised" | "cleared", a: { alarm: TextedAlarm; subjectName: string; value: number; at: Date }): Promise<number> {
  const { alarm } = a;
  if (!alarm.smsAccountId || !alarm.smsNumbers.length) return 0;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: alarm.organizationId }, select: { timezone: true, locale: true } });
  const news = alarmNews(what, a, isLocale(org.locale) ? org.locale : "en", org.timezone);
  return queueNotices(tx, {
    organizationId: alarm.organizationId,
    accountId: alarm.smsAccountId,
    alarmId: alarm.id,
    numbers: alarm.smsNumbers,
    text: news.body,
    now: a.at,
  });
}
