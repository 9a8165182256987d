// When a mailbox's stored passwords may be used again. The admin's form leaves a password empty to
// keep the saved one — but only for the server it was saved for: otherwise whoever edits the
// mailbox could point it (or "test connection") at a server of their own and receive the password.
// So a stored password (IMAP and SMTP each) goes only to the same host, port, user and security;
// anything else needs the password typed again. Saving and testing both ask here.
import type { SecretBox } from "../ports.ts";
import { fieldError } from "../shared/errors.ts";
import { type MailboxConfig, type MailboxCredentials, readMailboxConfig } from "./mailbox-config.ts";

export type StoredMailbox = { config: MailboxConfig | null; credentials: MailboxCredentials };

/** A saved mailbox's settings and its passwords, unsealed. */
export function openStoredMailbox(row: { config: unknown; credentials: string | null }, secrets: SecretBox): StoredMailbox {
  const credentials: MailboxCredentials = row.credentials ? JSON.parse(secrets.open(row.credentials)) : { imapPassword: "", smtpPassword: "" };
  return { config: readMailboxConfig(row.config), credentials };
}

type Server = { host: string; port: number; security: string; user: string };

const sameServer = (a: Server | null | undefined, b: Server | null | undefined) =>
  !!a && !!b && a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.security === b.security && a.user === b.user;

const requiredAgain = (path: string) =>
  fieldError(path, "required_for_new_server", "The server, port, user or security changed: type the password again (the saved one stays with the old server)");

/**
 * The passwords to connect with: what was typed, else the stored one when it is for this very
 * server. Throws `required_for_new_server` on the field when a stored password exists but the
 * server it belongs to changed. An empty result means none was typed and none is stored.
 */
export function passwordsToUse(stored: StoredMailbox | null, next: MailboxConfig, typed: MailboxCredentials): MailboxCredentials {
  let imapPassword = typed.imapPassword;
  if (!imapPassword && stored?.credentials.imapPassword) {
    if (!sameServer(stored.config?.imap, next.imap)) throw requiredAgain("input.imapPassword");
    imapPassword = stored.credentials.imapPassword;
  }
  // No SMTP server of its own, or one without a user: no password is sent, none is kept.
  let smtpPassword = next.smtp?.user ? typed.smtpPassword : "";
  if (!smtpPassword && next.smtp?.user && stored?.credentials.smtpPassword) {
    if (!sameServer(stored.config?.smtp, next.smtp)) throw requiredAgain("input.smtpPassword");
    smtpPassword = stored.credentials.smtpPassword;
  }
  return { imapPassword, smtpPassword };
}
