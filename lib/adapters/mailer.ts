import type { Transporter } from "nodemailer";
import type { Mailer } from "../../domain/ports.ts";
import type { Logger } from "../logger.ts";

/** SMTP through nodemailer when SMTP_URL is set; otherwise a mailer that says it is not configured. */
export function smtpMailer(smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async () => {
        throw new Error("SMTP_URL is not set");
      },
    };
  }
  let transport: Transporter | null = null;
  return {
    configured: true,
    async send(m) {
      if (!transport) {
        // Loaded with the first mail, not at start.
        transport = (await import("nodemailer")).default.createTransport(smtpUrl);
        transport.on("error", (err) => log.error({ err }, "SMTP transport error"));
      }
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        attachments: m.attachments?.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.content) })),
      });
    },
  };
}
