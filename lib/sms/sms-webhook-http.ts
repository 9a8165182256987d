// An HTTP SMS provider's webhooks: POST /api/sms/webhook/<account id>, signed with the account's
// webhook key (domain/sms/sms-webhook.ts). A customer's text goes into its case, a receipt onto its
// message; the provider is answered 204 only once that is stored, so on any failure (500) it
// delivers again. Public, so bounded: at most 64 KB a call, and an address whose calls keep
// failing verification gets no more database work for a minute (429 for what does not verify).
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { DomainError } from "../../domain/shared/errors.ts";
import { recordSmsReceipt } from "../../domain/sms/deliver-sms.ts";
import { receiveSmsText } from "../../domain/sms/receive-sms.ts";
import { SMS_WEBHOOK_PATH, WEBHOOK_MAX_BYTES, readSmsWebhook, verifySmsWebhook } from "../../domain/sms/sms-webhook.ts";
import { CLIENT_IP_HEADER } from "../auth/auth.ts";
import { readBody, sendError, sendJson } from "../http-helpers.ts";
import type { AppServices } from "../services.ts";
import { limited } from "./limited.ts";

/** Failed verifications an address may have a minute before it is refused outright. */
const FAILURES_PER_MINUTE = 20;
const BLOCK_MS = 60_000;
/** An account's key is read again after this long (a changed key counts within seconds). */
const ACCOUNT_CACHE_MS = 5_000;
/**
 * Verified calls stored at once by this node: a provider may post hundreds at once, far more than
 * the database pool has connections; the rest wait their turn (measured: 500 at once, a third
 * answered 500 without it).
 */
const STORED_AT_ONCE = 4;

type Account = { id: string; organizationId: string; key: string };

export function smsWebhookApi(app: AppServices) {
  const { deps, log } = app;
  const accounts = new Map<string, { at: number; account: Account | null }>();
  const blocked = new Map<string, number>();
  const intake = limited(STORED_AT_ONCE);

  /** `knownOnly`: no database work for an id not already seen to be an account. */
  async function accountFor(id: string, knownOnly: boolean): Promise<Account | null> {
    if (!z.uuid().safeParse(id).success) return null;
    const now = Date.now();
    const cached = accounts.get(id);
    if (knownOnly && !cached?.account) return null;
    if (cached && now - cached.at < ACCOUNT_CACHE_MS) return cached.account;
    const row = await deps.db.smsAccount.findUnique({ where: { id }, select: { id: true, organizationId: true, kind: true, webhookSecret: true } });
    const account =
      row?.kind === "HTTP" && row.webhookSecret ? { id: row.id, organizationId: row.organizationId, key: deps.secrets.open(row.webhookSecret) } : null;
    if (accounts.size > 1000) accounts.clear();
    accounts.set(id, { at: now, account });
    return account;
  }

  function failed(ip: string) {
    if (deps.limiter.take(`sms-webhook:${ip}`, FAILURES_PER_MINUTE)) return;
    if (blocked.size > 10_000) blocked.clear();
    blocked.set(ip, Date.now() + BLOCK_MS);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (!path.startsWith(SMS_WEBHOOK_PATH)) return false;
    const ip = String(req.headers[CLIENT_IP_HEADER] ?? "");
    try {
      if (req.method !== "POST") return (sendJson(res, 405, { code: "NOT_FOUND", message: "Webhooks are POSTed" }, { allow: "POST" }), true);
      // An address that keeps failing costs no more database work, but its calls that verify
      // (a provider behind the same proxy as the one failing) still count.
      const isBlocked = (blocked.get(ip) ?? 0) > Date.now();
      const raw = await readBody(req, WEBHOOK_MAX_BYTES);
      const account = await accountFor(path.slice(SMS_WEBHOOK_PATH.length), isBlocked);
      const signature = { timestamp: header(req, "x-timestamp"), signature: header(req, "x-signature") };
      const refusal = account ? verifySmsWebhook(account.key, signature, raw, deps.now().getTime()) : "UNSIGNED";
      if (!account || refusal) {
        failed(ip);
        if (isBlocked) {
          throw new DomainError("LIMIT_EXCEEDED", "Too many unverified calls: wait a minute", { reason: "TOO_MANY_TRIES", retryAfterSeconds: 60 });
        }
        log.warn({ ip, path, refusal }, "SMS webhook refused");
        // The same answer whether the account exists or not.
        sendJson(res, 401, { code: "UNAUTHENTICATED", message: "The call is not signed with this account's webhook key, or is too old", reason: refusal });
        return true;
      }
      const event = readSmsWebhook(raw);
      if (event === "MALFORMED") {
        log.warn({ smsAccount: account.id, body: raw.subarray(0, 500).toString("utf8") }, "SMS webhook not understood");
        sendJson(res, 400, { code: "INVALID_INPUT", message: 'Expected {"type":"inbound",id,from,to,text} or {"type":"status",id,status,error?}' });
        return true;
      }
      await intake(async () => {
        if (event.kind === "inbound") await receiveSmsText(account, event.text, deps);
        else await recordSmsReceipt(account.id, event.receipt, deps);
      });
      res.writeHead(204, { "cache-control": "no-store" }).end();
    } catch (err) {
      if (!res.headersSent) sendError(res, err, log);
      else res.end();
    }
    return true;
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
