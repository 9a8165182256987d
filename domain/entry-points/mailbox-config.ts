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
  /** Sent to the sender of every new case (never to automatic mail, lists or no-reply senders). */
  acknowledgement: z
    .object({
      enabled: z.boolean().default(false),
      body: z
        .string()
        .trim()
        .max(5000, "at most 5000 characters")
        .default("Dear {first_name},\n\nthank you for your message. It has the number {case_number}; we will answer as soon as we can."),
    })
    .default({ enabled: false, body: "Dear {first_name},\n\nthank you for your message. It has the number {case_number}; we will answer as soon as we can." }),
});

export type MailboxConfig = z.output<typeof mailboxConfigSchema>;

export type MailboxCredentials = { imapPassword: string; smtpPassword: string };

export function readMailboxConfig(stored: unknown): MailboxConfig | null {
  const parsed = mailboxConfigSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
