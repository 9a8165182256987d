// The outbox's way out: each mailbox's own SMTP server (its settings and sealed password), or the
// server-wide SMTP_URL for mailboxes without one. Transports are kept per mailbox version.
import type { Transporter } from "nodemailer";
import { type MailboxConfig, type MailboxCredentials, readMailboxConfig } from "../../domain/entry-points/mailbox-config.ts";
import { DeliveryError, type EmailSender, type OutgoingEmail, type SecretBox } from "../../domain/ports.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** nodemailer is loaded with the first mail, not at start: a server that sends none never needs it. */
export const loadNodemailer = () => import("nodemailer").then((m) => m.default);

/** A mailbox's own SMTP server, as its settings say (also used by the connection test). */
export async function smtpTransport(
  smtp: NonNullable<MailboxConfig["smtp"]>,
  password: string,
  timeouts: { connectionTimeout: number; greetingTimeout: number; socketTimeout?: number },
) {
  const nodemailer = await loadNodemailer();
  return nodemailer.createTransport({
    host: smtp.host.replace(/^\[|\]$/g, ""),
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: smtp.user ? { user: smtp.user, pass: password } : undefined,
    ...timeouts,
  });
}

export function smtpEmailSender(db: PrismaClient, secrets: SecretBox, smtpUrl: string | undefined): EmailSender {
  const transports = new Map<string, { version: string; transport: Transporter }>();
  let shared: Transporter | null = null;

  async function transportFor(mailboxId: string | null): Promise<Transporter> {
    const ep = mailboxId ? await db.entryPoint.findUnique({ where: { id: mailboxId } }) : null;
    const config = ep ? readMailboxConfig(ep.config) : null;
    if (!ep || !config?.smtp) {
      if (!smtpUrl) throw new DeliveryError("No SMTP server is set up for this mailbox (and SMTP_URL is not set)", false);
      shared ??= (await loadNodemailer()).createTransport(smtpUrl);
      return shared;
    }
    const version = ep.updatedAt.toISOString();
    const known = transports.get(ep.id);
    if (known?.version === version) return known.transport;
    const credentials = ep.credentials ? (JSON.parse(secrets.open(ep.credentials)) as MailboxCredentials) : null;
    const transport = await smtpTransport(config.smtp, credentials?.smtpPassword ?? "", {
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    });
    transports.set(ep.id, { version, transport });
    return transport;
  }

  return {
    async send(email: OutgoingEmail) {
      const transport = await transportFor(email.mailboxId);
      const fmt = (a: { address: string; name: string }) => (a.name ? { name: a.name, address: a.address } : a.address);
      try {
        await transport.sendMail({
          from: fmt(email.from),
          to: email.to.map(fmt),
          cc: email.cc.map(fmt),
          bcc: email.bcc.map(fmt),
          subject: email.subject,
          text: email.text,
          ...(email.html ? { html: `<!doctype html><html><head><meta charset="utf-8"></head><body>${email.html}</body></html>` } : {}),
          messageId: `<${email.messageId}>`,
          ...(email.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
          ...(email.references.length ? { references: email.references.map((r) => `<${r}>`) } : {}),
          attachments: email.attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.content) })),
        });
      } catch (err) {
        const e = err as { responseCode?: number; response?: string; message?: string; code?: string };
        // 5xx: the server said no for good (unknown recipient, rejected); anything else may pass later.
        const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
        throw new DeliveryError(e.response || e.message || String(err), permanent);
      }
    },
  };
}
