// The system's own links as alarm subjects (monitoring): each active SMS account and each active
// mailbox with how many minutes it has been failing — not up since `downSince` (lib/sms/sms-links.ts
// writes it through reconnects), or unreadable since `failingSince` (channels/email/mailbox-reader.ts)
// — 0 while it works. The SMS_LINK_DOWN and MAILBOX_FAILING alarms compare that with their threshold.
import type { Db } from "../shared/tx.ts";

export type LinkSubject = { id: string; name: string; value: number };

const minutesSince = (since: Date | null | undefined, now: Date) => (since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 6000) / 10) : 0);

export async function smsLinkHealth(db: Db, organizationId: string, now: Date): Promise<LinkSubject[]> {
  const accounts = await db.smsAccount.findMany({
    where: { organizationId, active: true },
    select: { id: true, name: true, downSince: true },
    orderBy: { name: "asc" },
  });
  return accounts.map((a) => ({ id: a.id, name: a.name, value: minutesSince(a.downSince, now) }));
}

export async function mailboxHealth(db: Db, organizationId: string, now: Date): Promise<LinkSubject[]> {
  const mailboxes = await db.entryPoint.findMany({
    where: { organizationId, kind: "MAILBOX", active: true },
    select: { id: true, name: true, key: true, mailboxSync: { select: { failingSince: true } } },
    orderBy: { name: "asc" },
  });
  return mailboxes.map((m) => ({ id: m.id, name: m.name || m.key, value: minutesSince(m.mailboxSync?.failingSince, now) }));
}
