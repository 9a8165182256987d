// One account at a generic HTTP SMS provider: a message is one POST to <url>/messages with the API
// token as a Bearer token and an Idempotency-Key naming this send, so a POST repeated after its
// answer was lost is not sent twice. The provider splits long texts itself and answers with its
// id for the message (receipts name it) and the parts it took. Receipts and customers' texts come
// back as signed webhooks (lib/sms/sms-webhook-http.ts), not through this client.
//
// Flow: a token bucket at the contracted rate and at most `window` requests in flight. "429 Too
// Many Requests" waits as Retry-After says (up to 30 s, three times) and tries again with the same
// key. What the provider refuses for good (400, 404, 422 …) is final, in its own words; anything
// else (no answer, 5xx, a rejected token) is left for the outbox to retry, and shows on the account
// as the link being down, with the reason.
import { DeliveryError } from "../../domain/ports.ts";
import type { OutgoingSms, SentSms } from "../../domain/sms/sms-provider.ts";
import type { Logger } from "../logger.ts";
import { limited } from "./limited.ts";
import type { SmppState } from "./smpp-client.ts";
import { tokenBucket } from "./token-bucket.ts";

export interface HttpSmsSettings {
  url: string;
  token: string;
  ratePerSecond: number;
  window: number;
  /** Where the provider should send this message's receipts. */
  callbackUrl: string;
  /** One request's deadline. */
  timeoutMs?: number;
}

const THROTTLED_TRIES = 3;
const MAX_RETRY_AFTER_S = 30;

export class HttpSmsClient {
  private stateNow: SmppState = "STOPPED";
  private errorNow = "";
  private readonly bucket;
  private readonly inFlight;
  private readonly stopping = new AbortController();

  constructor(
    private readonly settings: HttpSmsSettings,
    private readonly log: Logger,
  ) {
    this.bucket = tokenBucket(settings.ratePerSecond);
    this.inFlight = limited(settings.window);
  }

  /** BOUND while the provider answers, DOWN (with the reason) after a send it did not take for a reason of its own. */
  get state(): SmppState {
    return this.stateNow;
  }

  get error(): string {
    return this.errorNow;
  }

  start() {
    this.stateNow = "BOUND";
  }

  async stop() {
    this.stateNow = "STOPPED";
    this.stopping.abort();
  }

  send(sms: OutgoingSms): Promise<SentSms> {
    return this.inFlight(async () => {
      for (let throttled = 0; ; throttled++) {
        const wait = this.bucket.wait(Date.now());
        if (wait) await this.sleep(wait);
        const res = await this.post(sms);
        if (res.status === 429 && throttled < THROTTLED_TRIES) {
          await this.sleep(retryAfterMs(res.headers.get("retry-after")));
          continue;
        }
        return this.outcome(res);
      }
    });
  }

  private async post(sms: OutgoingSms): Promise<Response> {
    if (this.stopping.signal.aborted) throw new Error("The SMS link was stopped");
    try {
      return await fetch(`${this.settings.url.replace(/\/+$/, "")}/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          authorization: `Bearer ${this.settings.token}`,
          "idempotency-key": sms.key,
        },
        body: JSON.stringify({ to: sms.to, from: sms.from, text: sms.text, reference: sms.key, callbackUrl: this.settings.callbackUrl }),
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.settings.timeoutMs ?? 15_000)]),
        redirect: "error",
      });
    } catch (err) {
      const reason =
        err instanceof Error && err.name === "TimeoutError" ? "the provider did not answer in time" : `the provider cannot be reached (${causeOf(err)})`;
      this.down(reason);
      throw new Error(reason);
    }
  }

  private async outcome(res: Response): Promise<SentSms> {
    const text = await res.text().catch(() => "");
    if (res.ok) {
      const answer = parseJson(text) as { id?: unknown; parts?: unknown } | null;
      const id = typeof answer?.id === "string" || typeof answer?.id === "number" ? String(answer.id).slice(0, 120) : "";
      if (!id) {
        this.down(`the provider answered HTTP ${res.status} without a message id`);
        throw new Error(this.errorNow);
      }
      this.up();
      const parts = typeof answer?.parts === "number" && answer.parts >= 1 && answer.parts <= 255 ? Math.floor(answer.parts) : undefined;
      return { partIds: [id], parts };
    }
    const said = providerWords(text);
    if (res.status === 401 || res.status === 403) {
      // The account's settings, not the message: retried once an admin fixes the token.
      this.down(`the provider refused our API token (HTTP ${res.status}${said ? `: ${said}` : ""})`);
      throw new Error(this.errorNow);
    }
    if (res.status === 429 || res.status === 408 || res.status >= 500) {
      const reason = `the provider is busy or failing (HTTP ${res.status}${said ? `: ${said}` : ""})`;
      if (res.status >= 500) this.down(reason);
      throw new Error(reason);
    }
    this.up();
    throw new DeliveryError(`the provider refused the message (HTTP ${res.status}${said ? `: ${said}` : ""})`, true);
  }

  private up() {
    if (this.stateNow === "STOPPED") return;
    this.stateNow = "BOUND";
    this.errorNow = "";
  }

  private down(reason: string) {
    if (this.stateNow === "STOPPED") return;
    if (this.stateNow !== "DOWN" || this.errorNow !== reason) this.log.warn({ reason }, "SMS provider not taking messages");
    this.stateNow = "DOWN";
    this.errorNow = reason;
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.stopping.signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });
  }
}

/** Retry-After in seconds or as a date; 1 s when absent, at most 30 s. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 1000;
  const seconds = /^\d+(\.\d+)?$/.test(header.trim()) ? Number(header) : (Date.parse(header) - now) / 1000;
  if (!Number.isFinite(seconds)) return 1000;
  return Math.round(Math.min(MAX_RETRY_AFTER_S, Math.max(0, seconds)) * 1000);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The provider's reason: a JSON body's error or message, else its text, short. */
function providerWords(text: string): string {
  const j = parseJson(text) as { error?: unknown; message?: unknown } | null;
  const said = typeof j?.error === "string" ? j.error : typeof j?.message === "string" ? j.message : j ? "" : text;
  return said.replace(/\s+/g, " ").trim().slice(0, 200);
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
