// Where each INVITE Janus receives came from. Janus's SIP plugin does not say (its `incomingcall`
// event names the caller's URI, which anyone can write); but with its event handlers on, it hands
// every SIP message it receives to them as a `sip-in` event, as Sofia-SIP parsed it — and Sofia
// marks the top Via with `received=<address>` whenever the message came from another address
// than the Via claims (RFC 3261 18.2.1). Janus's sample event handler POSTs those events to this
// loopback HTTP listener; the gateway asks for an INVITE's source by its Call-ID.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

const KEEP_MS = 60_000;

/** The address an INVITE came from, out of its top Via: `received` when Sofia added it, else the
 * sent-by host (then it came from where it says). Null for anything but an INVITE. */
export function inviteSource(message: string): { callId: string; ip: string } | null {
  if (!/^INVITE\s/.test(message)) return null;
  const header = (re: RegExp) => re.exec(message)?.[1]?.trim() ?? "";
  const callId = header(/^(?:Call-ID|i)\s*:\s*(.+)$/im);
  const via = header(/^(?:Via|v)\s*:\s*(.+)$/im).split(",")[0];
  const received = /;\s*received=([^;\s,]+)/i.exec(via)?.[1];
  const sentBy = /^SIP\/2\.0\/\S+\s+(\[[^\]]+\]|[^:;\s]+)/i.exec(via)?.[1]?.replace(/^\[|\]$/g, "");
  const ip = received ?? sentBy;
  return callId && ip ? { callId, ip } : null;
}

export class SipSources {
  private server: http.Server | null = null;
  private known = new Map<string, { ip: string; at: number }>();
  private waiting = new Map<string, Set<(ip: string) => void>>();

  constructor(private readonly log: Logger) {}

  /** Listens on loopback; resolves with the URL Janus's event handler posts to. */
  async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (d: string) => (body += d));
      req.on("end", () => {
        res.writeHead(200).end();
        try {
          const parsed = JSON.parse(body) as unknown;
          for (const e of Array.isArray(parsed) ? parsed : [parsed]) this.event(e);
        } catch (err) {
          this.log.debug({ err }, "an unreadable event from Janus");
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  private event(e: unknown) {
    const data = (e as { event?: { data?: { event?: string; sip?: string } } })?.event?.data;
    if (data?.event !== "sip-in" || typeof data.sip !== "string") return;
    const found = inviteSource(data.sip);
    if (!found) return;
    const now = Date.now();
    this.known.set(found.callId, { ip: found.ip, at: now });
    for (const [id, v] of this.known) if (now - v.at > KEEP_MS) this.known.delete(id);
    for (const w of this.waiting.get(found.callId) ?? []) w(found.ip);
    this.waiting.delete(found.callId);
  }

  /** Where the INVITE with this Call-ID came from; null when Janus did not say within `ms`. */
  sourceOf(callId: string, ms = 2000): Promise<string | null> {
    const known = this.known.get(callId);
    if (known) return Promise.resolve(known.ip);
    return new Promise((resolve) => {
      const done = (ip: string | null) => {
        clearTimeout(timer);
        this.waiting.get(callId)?.delete(done);
        resolve(ip);
      };
      const timer = setTimeout(() => done(null), ms);
      const set = this.waiting.get(callId) ?? new Set();
      set.add(done);
      this.waiting.set(callId, set);
    });
  }

  async stop() {
    await new Promise((r) => (this.server ? this.server.close(r) : r(null)));
  }
}
