// Tells an alarm's chosen people that it was raised or cleared, each in their own language
// (the words are in messages/*.json, wallboard.mail; alarm-sms.ts texts the same words). A mail
// that fails is logged; the alarm stands on the boards all the same.
import { createRequire } from "node:module";
import type { Deps } from "../ports.ts";
import { isLocale, type Locale } from "../shared/locale.ts";

interface MailWords {
  raisedSubject: string;
  clearedSubject: string;
  raisedBody: string;
  clearedBody: string;
  kinds: Record<string, string>;
}

const words = (locale: Locale): MailWords =>
  (createRequire(import.meta.url)(`../../messages/${locale}.json`) as { wallboard: { mail: MailWords } }).wallboard.mail;

/** {name} placeholders filled in. */
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

type AlarmNews = {
  alarm: { organizationId: string; name: string; kind: string; threshold: number; recipientIds: string[] };
  subjectName: string;
  value: number;
  at: Date;
};

/** The words telling of an alarm raised or cleared, in `locale` and the organisation's time. */
export function alarmNews(what: "raised" | "cleared", a: AlarmNews, locale: Locale, timezone: string): { subject: string; body: string } {
  const w = words(locale);
  const time = new Intl.DateTimeFormat(locale, { timeZone: timezone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(a.at);
  const values = {
    name: a.alarm.name,
    subject: a.subjectName,
    rule: fill(w.kinds[a.alarm.kind] ?? a.alarm.kind, { n: a.alarm.threshold }),
    value: Math.round(a.value * 10) / 10,
    time,
  };
  return {
    subject: fill(what === "raised" ? w.raisedSubject : w.clearedSubject, values),
    body: fill(what === "raised" ? w.raisedBody : w.clearedBody, values),
  };
}

export async function mailAlarm(what: "raised" | "cleared", a: AlarmNews, deps: Pick<Deps, "db" | "mail" | "log">) {
  if (!a.alarm.recipientIds.length) return;
  if (!deps.mail.configured) return deps.log.warn({ alarm: a.alarm.name }, "an alarm's e-mail was not sent: no mail server is set up (SMTP_URL)");
  const [people, org] = await Promise.all([
    deps.db.user.findMany({
      where: { id: { in: a.alarm.recipientIds }, organizationId: a.alarm.organizationId, active: true },
      select: { email: true, locale: true },
    }),
    deps.db.organization.findUniqueOrThrow({ where: { id: a.alarm.organizationId }, select: { timezone: true } }),
  ]);
  for (const p of people) {
    const news = alarmNews(what, a, isLocale(p.locale) ? p.locale : "en", org.timezone);
    try {
      await deps.mail.send({ to: p.email, subject: news.subject, text: `${news.body}\n` });
    } catch (err) {
      deps.log.warn({ err, alarm: a.alarm.name }, "an alarm's e-mail could not be sent");
    }
  }
}
