// Runs the SMS links on worker nodes: each active SMS account is bound by exactly one node at a
// time, the holder of its lease (SmsAccount.holder, renewed every round, taken over by another
// node once it lapses), so the provider sees one bind and its receipts come back where the sends
// went. The holder sends its accounts' notices (alarms), outbox and SMS campaigns (on every
// "sms.queued" event and every few seconds) and takes in what arrives. A changed account is bound again with its new settings;
// the link's state is written on the account for the admin. An HTTP provider's account has no
// connection to hold, but the same lease: one node sends for it, so its rate holds cluster-wide
// (what it sends back arrives as webhooks on the web nodes).
import { randomUUID } from "node:crypto";
import os from "node:os";
import { type SmsSender, SMS_BATCH, deliverDueSms, recordSmsReceipt } from "../../domain/sms/deliver-sms.ts";
import { deliverDueNotices } from "../../domain/sms/notices.ts";
import { joinStaleParts, receiveSmsPart } from "../../domain/sms/receive-sms.ts";
import { sendCampaignTexts } from "../../domain/campaigns/sms/send-campaign-sms.ts";
import { smsWebhookUrl } from "../../domain/sms/sms-webhook.ts";
import { DeliveryError } from "../../domain/ports.ts";
import { coalesced } from "../coalesced.ts";
import type { AppServices } from "../services.ts";
import { HttpSmsClient } from "./http-sms-client.ts";
import { limited } from "./limited.ts";
import { SmppClient, SmppRefused, type SmppState } from "./smpp-client.ts";

const LEASE_SECONDS = 45;
/** What a link stores at once of what arrives: an SMSC may send far more before waiting for our
 * answers than the database pool has connections; the rest waits here, unanswered (so not lost). */
const INTAKE_AT_ONCE = 4;
const ROUND_MS = 10_000;
const OUTBOX_TICK_MS = 5_000;

export interface SmsLinks {
  /** One round now: take leases, bind and unbind, write states (tests call it). */
  round(): Promise<void>;
  /** Send what is due now on the links this node holds. */
  send(): Promise<void>;
  /** The accounts whose link this node holds. */
  held(): string[];
  stop(): Promise<void>;
}

/** A provider account's client, whichever kind: its state for the admin, and stopping it. */
type Client = { readonly state: SmppState; readonly error: string; stop(): Promise<void> };
type Link = { client: Client; sender: SmsSender; version: string; state: SmppState | null; detail: string };
type Account = {
  id: string;
  organizationId: string;
  kind: "SMPP" | "HTTP";
  host: string;
  port: number;
  systemId: string;
  url: string;
  secret: string;
  systemType: string;
  ratePerSecond: number;
  window: number;
};

export function startSmsLinks(app: AppServices, options: { roundMs?: number; leaseSeconds?: number } = {}): SmsLinks {
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
  const links = new Map<string, Link>();
  let stopped = false;

  async function leased(accountId: string) {
    const rows = await app.db.rawQuery<{ holder: string }>(
      `update "SmsAccount" set "holder" = $2, "leaseUntil" = now() + make_interval(secs => $3)
       where "id" = $1::uuid and ("holder" is null or "holder" = $2 or "leaseUntil" < now())
       returning "holder"`,
      [accountId, holder, leaseSeconds],
    );
    return rows[0]?.holder === holder;
  }

  async function writeState(accountId: string, link: Link) {
    const state = link.client.state;
    const detail = state === "BOUND" ? "" : link.client.error;
    if (state === link.state && detail === link.detail) return;
    link.state = state;
    link.detail = detail;
    const status = state === "BOUND" ? "BOUND" : state === "CONNECTING" ? "CONNECTING" : state === "STOPPED" ? "OFF" : "DOWN";
    // Down since the first moment it was not up, through reconnects (connecting, down, connecting...).
    await app.db.rawQuery(
      `update "SmsAccount" set "status" = $2::"SmsLinkStatus", "statusDetail" = $3, "statusAt" = now(),
         "downSince" = case when $2 = 'BOUND' then null else coalesce("downSince", now()) end
       where "id" = $1::uuid`,
      [
        accountId,
        status,
        detail.slice(0, 500),
      ],
    );
  }

  function bind(account: Account): { client: Client; sender: SmsSender } {
    const password = account.secret ? app.deps.secrets.open(account.secret) : "";
    if (account.kind === "HTTP") {
      // Its receipts and texts come as webhooks, to whichever web node; only sending is here.
      const client = new HttpSmsClient(
        {
          url: account.url,
          token: password,
          ratePerSecond: account.ratePerSecond,
          window: account.window,
          callbackUrl: smsWebhookUrl(app.config.publicUrl, account.id),
        },
        app.log,
      );
      client.start();
      return { client, sender: client };
    }
    const ref = { id: account.id, organizationId: account.organizationId };
    const intake = limited(INTAKE_AT_ONCE);
    const client = new SmppClient(
      {
        host: account.host,
        port: account.port,
        systemId: account.systemId,
        password,
        systemType: account.systemType,
        ratePerSecond: account.ratePerSecond,
        window: account.window,
      },
      {
        inbound: (part) => intake(async () => void (await receiveSmsPart(ref, part, app.deps))),
        receipt: (receipt) => intake(() => recordSmsReceipt(account.id, receipt, app.deps)),
      },
      app.log,
    );
    const sender: SmsSender = {
      async send(sms) {
        try {
          return await client.send(sms);
        } catch (err) {
          if (err instanceof SmppRefused) throw new DeliveryError(err.message, true);
          throw err;
        }
      },
    };
    client.start();
    return { client, sender };
  }

  async function round() {
    const accounts = await app.db.prisma.smsAccount.findMany({ where: { active: true } });
    const wanted = new Set<string>();
    for (const account of accounts) {
      if (stopped) return;
      try {
        if (!(await leased(account.id))) continue;
      } catch (err) {
        app.log.error({ err, smsAccount: account.id }, "SMS link lease failed");
        continue;
      }
      wanted.add(account.id);
      const version = account.updatedAt.toISOString();
      const running = links.get(account.id);
      if (running?.version !== version) {
        await running?.client.stop();
        links.set(account.id, { ...bind(account), version, state: null, detail: "" });
        void send();
      }
      await writeState(account.id, links.get(account.id)!).catch((err) => app.log.error({ err }, "SMS link state not written"));
    }
    for (const [id, link] of links) {
      if (wanted.has(id)) continue;
      links.delete(id);
      await link.client.stop();
    }
    await joinStaleParts(app.deps).catch((err) => app.log.error({ err }, "joining stale SMS parts failed"));
  }

  const send = coalesced(
    async () => {
      let more = false;
      for (const [accountId, link] of links) {
        if (stopped) return;
        try {
          // Alarms' texts first: they are about now.
          await deliverDueNotices(accountId, link.sender, app.deps);
          const r = await deliverDueSms(accountId, link.sender, app.deps);
          if (r.sent + r.failed + r.retrying === SMS_BATCH) more = true;
          // Campaigns after the agents' replies: they keep to their own pace per tick.
          await sendCampaignTexts(accountId, link.sender, app.deps, OUTBOX_TICK_MS);
        } catch (err) {
          app.log.error({ err, smsAccount: accountId }, "SMS outbox run failed");
        }
      }
      return more;
    },
    () => stopped,
  );

  const safeRound = () => round().catch((err) => app.log.error({ err }, "SMS links round failed"));
  const roundTimer = setInterval(() => void safeRound(), options.roundMs ?? ROUND_MS);
  roundTimer.unref();
  const sendTimer = setInterval(() => void send(), OUTBOX_TICK_MS);
  sendTimer.unref();
  const wake = app.pubsub.subscribe("smsQueued");
  void (async () => {
    for await (const _ of wake) void send();
  })();
  void safeRound();

  return {
    round,
    send,
    held: () => [...links.keys()],
    async stop() {
      stopped = true;
      clearInterval(roundTimer);
      clearInterval(sendTimer);
      await wake.return?.();
      await Promise.all([...links.values()].map((l) => l.client.stop()));
      links.clear();
      // Let another node take over at once.
      await app.db
        .rawQuery(
          `update "SmsAccount" set "holder" = null, "leaseUntil" = null, "status" = 'OFF', "statusAt" = now(),
             "downSince" = case when "active" then coalesce("downSince", now()) else null end
           where "holder" = $1`,
          [holder],
        )
        .catch(() => {});
    },
  };
}
