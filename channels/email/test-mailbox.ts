// The admin's "test connection": log in to the IMAP server and open the folder, then greet the
// SMTP server (and log in) — and say which step failed and why (DNS, connection, TLS, password,
// folder), so the admin knows what to fix.
import type { MailboxConfig, MailboxCredentials } from "../../domain/entry-points/mailbox-config.ts";
import { describeMailError, type MailStep } from "./imap-errors.ts";
import { imapClient } from "./mailbox-reader.ts";
import { smtpTransport } from "./smtp-sender.ts";

export type ProbeResult = { ok: boolean; step: MailStep | null; message: string };

export async function testMailbox(config: MailboxConfig, credentials: MailboxCredentials): Promise<{ imap: ProbeResult; smtp: ProbeResult | null }> {
  return { imap: await probeImap(config, credentials), smtp: config.smtp ? await probeSmtp(config, credentials) : null };
}

async function probeImap(config: MailboxConfig, credentials: MailboxCredentials): Promise<ProbeResult> {
  const client = await imapClient(config, credentials);
  client.on("error", () => {});
  try {
    await client.connect();
    const box = await client.mailboxOpen(config.imap.folder, { readOnly: true });
    return { ok: true, step: null, message: `${box.exists} messages in "${config.imap.folder}"` };
  } catch (err) {
    const { step, message } = describeMailError(err, { host: config.imap.host, port: config.imap.port, folder: config.imap.folder });
    return { ok: false, step, message };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function probeSmtp(config: MailboxConfig, credentials: MailboxCredentials): Promise<ProbeResult> {
  const smtp = config.smtp!;
  const transport = await smtpTransport(smtp, credentials.smtpPassword, { connectionTimeout: 15_000, greetingTimeout: 15_000 });
  try {
    await transport.verify();
    return { ok: true, step: null, message: `${smtp.host} accepts mail` };
  } catch (err) {
    const e = err as { code?: string; responseCode?: number };
    if (e.code === "EAUTH" || e.responseCode === 535) return { ok: false, step: "AUTH", message: "The SMTP server refused the user name or password" };
    const { step, message } = describeMailError(err, { host: smtp.host, port: smtp.port });
    return { ok: false, step, message };
  } finally {
    transport.close();
  }
}
