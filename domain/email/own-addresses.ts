// The organisation's own e-mail addresses: every mailbox it reads (the IMAP login, when it is an
// address) and every address it sends from (each mailbox's From and SMTP login). Mail from one of
// them that turns up in a mailbox — a reply an agent sent from another mail program with the
// support address in Cc, a copy the server filed back — is our side of the conversation, never a
// customer: it is kept as outgoing mail and never makes a contact. Compared without case and
// without a "+tag" (support+billing@ is support@).

export type MailboxAddresses = { fromAddress: string; imap: { user: string }; smtp?: { user: string } | null };

/** The comparable form of an address: lower case, no "+tag" in the local part. */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf("@");
  if (at < 1) return a;
  return `${a.slice(0, at).replace(/\+.*$/, "")}${a.slice(at)}`;
}

export function ownAddresses(mailboxes: MailboxAddresses[]): Set<string> {
  const own = new Set<string>();
  for (const m of mailboxes) {
    for (const a of [m.fromAddress, m.imap.user, m.smtp?.user ?? ""]) if (/^[^@\s]+@[^@\s]+$/.test(a.trim())) own.add(addressKey(a));
  }
  return own;
}

export const isOwnAddress = (address: string | null | undefined, own: Set<string>) => !!address && own.has(addressKey(address));
