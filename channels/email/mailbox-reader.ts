// Reads one mailbox into cases: connects with imapflow, opens the folder and takes in every
// message past the last UID taken (in UID order, a batch of up to 200 in one transaction), then stays connected and
// idles (IMAP IDLE): a new message wakes it within about a second; a poll every
// MAIL_POLL_SECONDS covers servers and networks where IDLE is unreliable. A lost connection is
// retried with back-off; what went wrong is kept on MailboxSync for the admin to see.
import type { ImapFlow } from "imapflow";
import { type MailAt, type Mailbox, ingestEmails } from "../../domain/email/ingest-email.ts";
import { type MailboxConfig, type MailboxCredentials } from "../../domain/entry-points/mailbox-config.ts";
import type { Deps } from "../../domain/ports.ts";
import { coalesced } from "../../lib/coalesced.ts";
import type { Logger } from "../../lib/logger.ts";
import { describeMailError } from "./imap-errors.ts";
import { parseEmail } from "./parse-email.ts";

const BATCH = 200;

export type ReaderSettings = { mailbox: Mailbox; config: MailboxConfig; credentials: MailboxCredentials; pollSeconds: number };

/** imapflow is loaded with the first mailbox, not at start: a server with none never needs it. */
export async function imapClient(config: MailboxConfig, credentials: MailboxCredentials): Promise<ImapFlow> {
  const { ImapFlow } = await import("imapflow");
  return new ImapFlow({
    host: config.imap.host.replace(/^\[|\]$/g, ""),
    port: config.imap.port,
    secure: config.imap.security === "tls",
    doSTARTTLS: config.imap.security === "starttls" ? true : config.imap.security === "none" ? false : undefined,
    auth: { user: config.imap.user, pass: credentials.imapPassword },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    // imapflow waits 15 s of quiet before it starts IDLE; new mail should show at once.
    autoIdleDelay: 50,
    emitLogs: false,
  });
}

export class MailboxReader {
  private client: ImapFlow | null = null;
  private stopped = false;
  /** Takes in whatever is new; a call during a run makes it run once more afterwards. */
  readonly sync = coalesced(
    () => this.syncOnce(),
    () => this.stopped,
  );
  private poll: ReturnType<typeof setInterval> | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private backoff = 1000;

  constructor(
    private readonly settings: ReaderSettings,
    private readonly deps: Deps,
    private readonly log: Logger,
  ) {}

  start() {
    this.poll = setInterval(() => void this.sync(), this.settings.pollSeconds * 1000);
    this.poll.unref();
    void this.sync();
  }

  async stop() {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.retry) clearTimeout(this.retry);
    await this.sync().catch(() => {});
    await this.client?.logout().catch(() => {});
    this.client?.close();
    this.client = null;
  }

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    const { config, credentials } = this.settings;
    const client = await imapClient(config, credentials);
    client.on("error", (err) => this.log.warn({ err, mailbox: this.settings.mailbox.id }, "mailbox connection error"));
    client.on("close", () => {
      if (this.client === client) this.client = null;
    });
    // IDLE: the server tells us the moment a message arrives.
    client.on("exists", () => void this.sync());
    await client.connect();
    await client.mailboxOpen(config.imap.folder);
    this.client = client;
    return client;
  }

  private async syncOnce() {
    if (this.stopped) return;
    const { mailbox, config } = this.settings;
    try {
      const client = await this.connected();
      const folder = client.mailbox;
      if (!folder) throw new Error("no folder open");
      const uidValidity = BigInt(folder.uidValidity);
      const state = await this.deps.db.mailboxSync.findUnique({ where: { entryPointId: mailbox.id } });
      // A new UIDVALIDITY means the server renumbered the folder: read it all again (content fingerprints, domain/email/fingerprint.ts, keep it from repeating).
      const after = state?.uidValidity === uidValidity ? state.lastUid : 0n;
      const uids = ((await client.search({ uid: `${after + 1n}:*` }, { uid: true })) || []).map(BigInt).filter((u) => u > after);
      uids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const read = async (batch: bigint[]): Promise<MailAt[]> => {
        const fetched: { uid: bigint; source: Buffer }[] = [];
        for await (const m of client.fetch(batch.join(","), { uid: true, source: true }, { uid: true })) {
          if (m.source) fetched.push({ uid: BigInt(m.uid), source: m.source });
        }
        fetched.sort((a, b) => (a.uid < b.uid ? -1 : 1));
        const mails: MailAt[] = [];
        for (const m of fetched) mails.push({ at: { uidValidity, uid: m.uid }, email: await parseEmail(new Uint8Array(m.source)) });
        return mails;
      };
      // The next batch is fetched and parsed while this one is written (the server and the database work at once).
      const ahead = (i: number) => {
        if (i >= uids.length) return null;
        const p = read(uids.slice(i, i + BATCH));
        p.catch(() => {}); // awaited below; until then its failure is not "unhandled"
        return p;
      };
      let next = ahead(0);
      for (let i = 0; next && !this.stopped; i += BATCH) {
        const mails = await next;
        next = ahead(i + BATCH);
        if (this.stopped) return;
        // The batch is taken in at once (one transaction): all of it, or none of it.
        await ingestEmails(mailbox, mails, this.deps);
      }
      this.backoff = 1000;
      // Read again after failing: the admin's status and the MAILBOX_FAILING alarm clear.
      if (state?.failingSince || state?.lastErrorAt)
        await this.deps.db.mailboxSync.update({ where: { entryPointId: mailbox.id }, data: { lastError: "", lastErrorAt: null, failingSince: null } });
    } catch (err) {
      const problem = describeMailError(err, { host: config.imap.host, port: config.imap.port, folder: config.imap.folder });
      this.log.warn({ err, mailbox: mailbox.id, step: problem.step }, `mailbox sync failed: ${problem.message}`);
      await this.deps.db.mailboxSync
        .upsert({
          where: { entryPointId: mailbox.id },
          create: { entryPointId: mailbox.id, lastError: problem.message, lastErrorAt: this.deps.now(), failingSince: this.deps.now() },
          update: { lastError: problem.message, lastErrorAt: this.deps.now() },
        })
        .then(() => this.deps.db.mailboxSync.updateMany({ where: { entryPointId: mailbox.id, failingSince: null }, data: { failingSince: this.deps.now() } }))
        .catch(() => {});
      this.client?.close();
      this.client = null;
      if (!this.stopped && !this.retry) {
        this.retry = setTimeout(() => {
          this.retry = null;
          void this.sync();
        }, this.backoff);
        this.backoff = Math.min(this.backoff * 2, 5 * 60_000);
      }
    }
  }
}
