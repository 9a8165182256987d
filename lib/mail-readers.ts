// Runs the mailbox readers on worker nodes: each active mailbox is read by exactly one node at a
// time, the holder of its MailboxSync lease (renewed every round, taken over by another node once
// it lapses). A mailbox whose settings change is reconnected with the new ones.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { MailboxReader } from "../channels/email/mailbox-reader.ts";
import { type MailboxCredentials, readMailboxConfig } from "../domain/entry-points/mailbox-config.ts";
import type { AppServices } from "./services.ts";

const LEASE_SECONDS = 60;
const ROUND_MS = 15_000;

export interface MailReaders {
  /** One round now: take leases, start and stop readers (tests call it). */
  round(): Promise<void>;
  /** Ask every running reader to look for new mail now. */
  syncAll(): Promise<void>;
  stop(): Promise<void>;
}

export function startMailReaders(app: AppServices): MailReaders {
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const readers = new Map<string, { reader: MailboxReader; version: string }>();
  let stopped = false;

  async function leased(entryPointId: string) {
    const rows = await app.db.rawQuery<{ holder: string }>(
      `insert into "MailboxSync" ("entryPointId", "holder", "leaseUntil") values ($1::uuid, $2, now() + make_interval(secs => $3))
       on conflict ("entryPointId") do update set "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil"
       where "MailboxSync"."holder" is null or "MailboxSync"."holder" = excluded."holder" or "MailboxSync"."leaseUntil" < now()
       returning "holder"`,
      [entryPointId, holder, LEASE_SECONDS],
    );
    return rows[0]?.holder === holder;
  }

  async function round() {
    const mailboxes = await app.db.prisma.entryPoint.findMany({ where: { kind: "MAILBOX", active: true } });
    const wanted = new Set<string>();
    for (const ep of mailboxes) {
      if (stopped) return;
      const config = readMailboxConfig(ep.config);
      if (!config || !ep.credentials) continue;
      try {
        if (!(await leased(ep.id))) continue;
      } catch (err) {
        app.log.error({ err, mailbox: ep.id }, "mailbox lease failed");
        continue;
      }
      wanted.add(ep.id);
      const version = ep.updatedAt.toISOString();
      const running = readers.get(ep.id);
      if (running?.version === version) continue;
      await running?.reader.stop();
      const credentials = JSON.parse(app.deps.secrets.open(ep.credentials)) as MailboxCredentials;
      const reader = new MailboxReader(
        {
          mailbox: {
            id: ep.id,
            organizationId: ep.organizationId,
            queueId: ep.queueId,
            maxAttachmentBytes: config.maxAttachmentMegabytes * 1024 * 1024,
            acknowledgement: config.acknowledgement.enabled
              ? { fromAddress: config.fromAddress, fromName: config.fromName, body: config.acknowledgement.body }
              : null,
          },
          config,
          credentials,
          pollSeconds: app.config.mailPollSeconds,
        },
        app.deps,
        app.log,
      );
      readers.set(ep.id, { reader, version });
      reader.start();
    }
    for (const [id, r] of readers) {
      if (wanted.has(id)) continue;
      readers.delete(id);
      await r.reader.stop();
    }
  }

  const timer = setInterval(() => void round().catch((err) => app.log.error({ err }, "mail readers round failed")), ROUND_MS);
  timer.unref();
  void round().catch((err) => app.log.error({ err }, "mail readers round failed"));

  return {
    round,
    async syncAll() {
      await Promise.all([...readers.values()].map((r) => r.reader.sync()));
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...readers.values()].map((r) => r.reader.stop()));
      readers.clear();
      // Let another node take over at once.
      await app.db.rawQuery(`update "MailboxSync" set "holder" = null, "leaseUntil" = null where "holder" = $1`, [holder]).catch(() => {});
    },
  };
}
