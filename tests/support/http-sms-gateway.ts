// A generic HTTP SMS provider on loopback, speaking the contract Centrala's HTTP client and
// webhooks are written to (docs/sms.md): POST /messages with a Bearer token and an Idempotency-Key
// (the same key again answers the same id and sends nothing), 429 with Retry-After when over its
// rate, and signed webhooks back: "sent" then "delivered" (or "undelivered" for UNDELIVERABLE),
// and customers' texts. Faults on demand: refusing for a while (503), answering too late, and
// reports out of order.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signSmsWebhook } from "../../domain/sms/sms-webhook.ts";

export const GATEWAY_TOKEN = "tok-3f6a1c9e2b";
export const GATEWAY_WEBHOOK_KEY = "whsec-8d2e4f1a7c";
/** A number the gateway takes a message for, then reports undeliverable. */
export const UNREACHABLE = "+48600000999";
/** A number the gateway refuses outright (400). */
export const INVALID = "+4800";

export type GatewayMessage = { id: string; key: string; to: string; from: string; text: string; parts: number };

export class HttpSmsGateway {
  port = 0;
  /** Where its webhooks go (as set in a provider's console). */
  webhookUrl = "";
  /** Messages taken, once each. */
  readonly messages: GatewayMessage[] = [];
  /** Every POST /messages, repeats included. */
  posts = 0;
  /** Statuses the webhooks were answered with. */
  readonly webhookAnswers: number[] = [];
  /** Answer 503 to sends while set. */
  failing = false;
  /** Answer this many sends with 429 first. */
  throttleNext = 0;
  /** Take the next this-many messages but never answer (the connection is cut). */
  hangNext = 0;
  /** Send "delivered" before "sent". */
  reportsOutOfOrder = false;
  private readonly byKey = new Map<string, GatewayMessage>();
  private readonly server: http.Server;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly key = GATEWAY_WEBHOOK_KEY) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  async start() {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url() {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async close() {
    await Promise.allSettled([...this.pending]);
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  /** A customer's text, as the provider's webhook: the answer's status. */
  async deliver(text: { id: string; from: string; to: string; text: string }, options: { timestamp?: number; key?: string } = {}) {
    return this.webhook(JSON.stringify({ type: "inbound", ...text }), options);
  }

  /** POSTs a raw body signed (or not) as the provider would. */
  async webhook(body: string, options: { timestamp?: number; key?: string; signature?: string } = {}) {
    const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature ?? signSmsWebhook(options.key ?? this.key, ts, body);
    const res = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-timestamp": String(ts), "x-signature": signature },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== "POST" || req.url !== "/v1/messages") return void res.writeHead(404).end();
    this.posts++;
    if (req.headers.authorization !== `Bearer ${GATEWAY_TOKEN}`) return json(res, 401, { error: "invalid API token" });
    if (this.failing) return json(res, 503, { error: "maintenance" });
    if (this.throttleNext > 0) {
      this.throttleNext--;
      res.setHeader("retry-after", "1");
      return json(res, 429, { error: "rate limit exceeded" });
    }
    const key = String(req.headers["idempotency-key"] ?? "");
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to: string; from: string; text: string };
    if (!key) return json(res, 400, { error: "Idempotency-Key is required" });
    const known = this.byKey.get(key);
    if (known) return json(res, 200, { id: known.id, parts: known.parts });
    if (body.to === INVALID) return json(res, 400, { error: "invalid destination number" });
    const parts = partsOf(body.text);
    const message = { id: `gw-${this.messages.length + 1}-${key.slice(0, 8)}`, key, to: body.to, from: body.from, text: body.text, parts };
    this.messages.push(message);
    this.byKey.set(key, message);
    if (this.hangNext > 0) {
      this.hangNext--;
      req.socket.destroy();
    } else {
      json(res, 202, { id: message.id, parts });
    }
    this.track(this.report(message));
  }

  private async report(m: GatewayMessage) {
    await new Promise((r) => setTimeout(r, 30));
    const final = m.to === UNREACHABLE ? { status: "undelivered", error: "absent subscriber" } : { status: "delivered" };
    const reports = [{ status: "sent" }, final];
    if (this.reportsOutOfOrder) reports.reverse();
    for (const r of reports) {
      // A provider retries a report that was not taken.
      for (let attempt = 0; attempt < 5; attempt++) {
        const status = await this.webhook(JSON.stringify({ type: "status", id: m.id, ...r })).catch(() => 0);
        this.webhookAnswers.push(status);
        if (status === 204) break;
        await new Promise((res) => setTimeout(res, 200));
      }
    }
  }

  private track(p: Promise<unknown>) {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Parts as a provider counts them: GSM 160/153, anything else 70/67 (enough for the tests' texts). */
function partsOf(text: string) {
  const gsm = /^[\x20-\x7e\n\r]*$/.test(text);
  const [one, many] = gsm ? [160, 153] : [70, 67];
  return text.length <= one ? 1 : Math.ceil(text.length / many);
}
