// A mailbox entry point's settings: where to read (IMAP) and how to answer (SMTP, or the server's
// shared SMTP_URL). Passwords are not here: they are sealed in EntryPoint.credentials.
import { z } from "zod";

const host = z
  .string()
  .trim()
  .min(1, "required")
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, "a host name or address");
const security = z.enum(["tls", "starttls", "none"]);

export const mailboxConfigSchema = z.object({
  imap: z.object({
    host,
    port: z.number().int().min(1).max(65535).default(993),
    security: security.default("tls"),
    user: z.string().trim().min(1, "required").max(254),
    folder: z.string().trim().min(1).max(200).default("INBOX"),
  }),
  /** null: replies go out through the server's SMTP_URL. */
  smtp: z
    .object({
      host,
      port: z.number().int().min(1).max(65535).default(587),
      security: security.default("starttls"),
      user: z.string().trim().max(254).default(""),
    })
    .nullable()
    .default(null),
  fromAddress: z.email("not a valid e-mail address").trim().max(254),
  fromName: z.string().trim().max(120).default(""),
  /** Attachments larger than this are not stored as files (they stay inside the kept original). */
  maxAttachmentMegabytes: z.number().int().min(1).max(100).default(25),
});

export type MailboxConfig = z.output<typeof mailboxConfigSchema>;

export type MailboxCredentials = { imapPassword: string; smtpPassword: string };

export function readMailboxConfig(stored: unknown): MailboxConfig | null {
  const parsed = mailboxConfigSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
