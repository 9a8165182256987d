// One SMPP 3.4 account (an SMSC or a GSM gateway) as an SMS provider: a long-lived
// bind_transceiver, rebound with backoff whenever the link drops; sends paced by a token bucket
// and a window of outstanding submit_sm, retried on "throttled" / "queue full" and across a
// dropped link (so nothing queued is lost: a part whose answer never came is sent again, which
// may deliver it twice — SMPP has no idempotency); deliver_sm answered only once its handler has
// stored it (receipts and incoming parts, raw bytes kept for joining). The `smpp` package does
// the wire protocol; what it lacks is here: docs/sms.md lists it.
import type { PDU, PduFields, Session } from "smpp";
import type { IncomingSmsPart, OutgoingSms, SentSms, SmsHandlers, SmsPartState } from "../../domain/sms/sms-provider.ts";
import { planSms } from "../../domain/sms/sms-text.ts";
import type { Logger } from "../logger.ts";
import { smpp } from "./smpp-library.ts";
import { tokenBucket } from "./token-bucket.ts";

const RECEIPT = 0x04;
const UDH_INDICATOR = 0x40;
const ESME_RMSGQFUL = 0x14;

export interface SmppAccount {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** The contracted rate (submit_sm a second). */
  ratePerSecond?: number;
  /** submit_sm awaiting their answer at once. */
  window?: number;
  /** How long an answer may take before the request counts as lost. */
  timeoutMs?: number;
  /** enquire_link every so often; an unanswered one drops the link. */
  enquireLinkMs?: number;
  /** Rebinding: the first wait, doubled on each failure up to the last. */
  reconnectMs?: { first: number; last: number };
  /** How long a send waits for a bound link before it fails (the outbox tries again later). */
  giveUpMs?: number;
}

export type SmppState = "CONNECTING" | "BOUND" | "DOWN" | "STOPPED";

/** A send the SMSC refused for good (an invalid number, a barred sender…): not to be retried. */
export class SmppRefused extends Error {
  constructor(readonly status: number) {
    super(`the SMSC refused the message (command_status 0x${status.toString(16)})`);
    this.name = "SmppRefused";
  }
}

/** Not bound within giveUpMs (the SMSC is down or refuses the bind): try again later. */
export class SmppUnavailable extends Error {
  constructor(reason: string) {
    super(`the SMSC is not available: ${reason}`);
    this.name = "SmppUnavailable";
  }
}

class LinkLost extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sender and receiver addressing: a number is international (TON 1, NPI 1, no "+"); letters are alphanumeric (TON 5). */
export function addressOf(a: string): { ton: number; npi: number; addr: string } {
  const digits = a.replace(/^\+/, "");
  return /^\d+$/.test(digits) ? { ton: 1, npi: 1, addr: digits } : { ton: 5, npi: 0, addr: a.slice(0, 11) };
}

/** A delivery receipt's state: the message_state TLV, else the text's `stat:` word. */
export function receiptState(pdu: Pick<PduFields, "message_state">, text: string): { state: SmsPartState; detail: string } {
  const stat = /stat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? "";
  const err = /err:(\w+)/i.exec(text)?.[1] ?? "";
  const detail = [stat, err && `err:${err}`].filter(Boolean).join(" ");
  const byState: Record<number, SmsPartState> = {
    1: "PENDING",
    2: "DELIVERED",
    3: "FAILED",
    4: "FAILED",
    5: "FAILED",
    6: "ACCEPTED",
    7: "PENDING",
    8: "FAILED",
  };
  const byStat: Record<string, SmsPartState> = {
    DELIVRD: "DELIVERED",
    ACCEPTD: "ACCEPTED",
    ENROUTE: "PENDING",
    UNKNOWN: "PENDING",
    UNDELIV: "FAILED",
    EXPIRED: "FAILED",
    DELETED: "FAILED",
    REJECTD: "FAILED",
  };
  const state = (pdu.message_state !== undefined ? byState[pdu.message_state] : undefined) ?? byStat[stat] ?? "PENDING";
  return { state, detail };
}

export class SmppClient {
  private session: Session | null = null;
  private stateNow: SmppState = "DOWN";
  private failures = 0;
  private lastError = "";
  private boundWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private inFlight = 0;
  private windowWaiters: (() => void)[] = [];
  private readonly bucket;
  private enquireTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly o: Required<Omit<SmppAccount, "systemType">> & { systemType: string };

  constructor(
    account: SmppAccount,
    private readonly handlers: SmsHandlers,
    private readonly log: Pick<Logger, "info" | "warn" | "error">,
  ) {
    this.o = {
      systemType: "",
      ratePerSecond: 30,
      window: 10,
      timeoutMs: 10_000,
      enquireLinkMs: 30_000,
      reconnectMs: { first: 500, last: 30_000 },
      giveUpMs: 60_000,
      ...account,
    };
    this.bucket = tokenBucket(this.o.ratePerSecond);
  }

  get state(): SmppState {
    return this.stateNow;
  }

  /** Why the link is not bound, when it is not. */
  get error(): string {
    return this.lastError;
  }

  start() {
    if (this.stateNow === "STOPPED") throw new Error("stopped");
    this.connect();
  }

  async stop() {
    this.stateNow = "STOPPED";
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopEnquiring();
    for (const w of this.boundWaiters.splice(0)) w.reject(new SmppUnavailable("the client stopped"));
    const s = this.session;
    this.session = null;
    if (!s) return;
    await Promise.race([this.request(s, "unbind", {}, 2000).catch(() => undefined), sleep(2000)]);
    s.destroy();
  }

  /**
   * Sends every part of the text (coding and parts chosen by sms-text.ts); the parts' ids in order.
   * (SMPP has no idempotency key: a part whose answer was lost may arrive twice.)
   */
  async send(msg: Omit<OutgoingSms, "key">): Promise<SentSms> {
    const plan = planSms(msg.text, msg.ref);
    const from = addressOf(msg.from);
    const to = addressOf(msg.to);
    const partIds: string[] = [];
    for (const part of plan.segments) {
      const fields: PduFields = {
        source_addr_ton: from.ton,
        source_addr_npi: from.npi,
        source_addr: from.addr,
        dest_addr_ton: to.ton,
        dest_addr_npi: to.npi,
        destination_addr: to.addr,
        registered_delivery: 1,
        esm_class: part.udh ? UDH_INDICATOR : 0,
        data_coding: plan.dataCoding,
        short_message: Buffer.concat([part.udh ?? new Uint8Array(), part.payload]),
      };
      partIds.push(await this.submit(fields));
    }
    return { partIds };
  }

  /** One part, until the SMSC takes it: throttled and lost answers are retried, a refusal is thrown. */
  private async submit(fields: PduFields): Promise<string> {
    let throttled = 0;
    for (;;) {
      const session = await this.bound();
      await this.slot();
      let resp: PDU;
      try {
        const wait = this.bucket.wait(Date.now());
        if (wait) await sleep(wait);
        resp = await this.request(session, "submit_sm", fields, this.o.timeoutMs);
      } catch (e) {
        if (!(e instanceof LinkLost)) throw e;
        // No answer, or the link went: the part is sent again once the link is back.
        if (this.session === session) this.drop(session, e.message);
        continue;
      } finally {
        this.release();
      }
      if (resp.command_status === 0) return String(resp.message_id ?? "");
      if (resp.command_status === smpp.ESME_RTHROTTLED || resp.command_status === ESME_RMSGQFUL) {
        await sleep(Math.min(5000, 50 * 2 ** throttled++));
        continue;
      }
      throw new SmppRefused(resp.command_status);
    }
  }

  private async slot() {
    while (this.inFlight >= this.o.window) await new Promise<void>((r) => this.windowWaiters.push(r));
    this.inFlight++;
  }

  private release() {
    this.inFlight--;
    this.windowWaiters.shift()?.();
  }

  /** The bound session, waiting for it (up to giveUpMs) while the link is down. */
  private bound(): Promise<Session> {
    if (this.stateNow === "STOPPED") return Promise.reject(new SmppUnavailable("the client stopped"));
    if (this.stateNow === "BOUND" && this.session) return Promise.resolve(this.session);
    return new Promise<Session>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve(this.session!);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.boundWaiters = this.boundWaiters.filter((w) => w !== waiter);
        reject(new SmppUnavailable(this.lastError || "not bound"));
      }, this.o.giveUpMs);
      this.boundWaiters.push(waiter);
    });
  }

  private connect() {
    if (this.stateNow === "STOPPED") return;
    this.stateNow = "CONNECTING";
    const session = smpp.connect({ host: this.o.host, port: this.o.port });
    // Each request in the window listens for the link closing.
    session.setMaxListeners(this.o.window + 10);
    this.session = session;
    session.on("error", (e) => this.drop(session, e.message));
    session.on("close", () => this.drop(session, "the SMSC closed the link"));
    session.on("connect", () => void this.bind(session));
    session.on("enquire_link", (pdu) => session.send(pdu.response()));
    session.on("unbind", (pdu) => {
      session.send(pdu.response());
      this.drop(session, "the SMSC unbound");
    });
    session.on("deliver_sm", (pdu) => void this.delivered(session, pdu));
  }

  private async bind(session: Session) {
    try {
      const resp = await this.request(session, "bind_transceiver", {
        system_id: this.o.systemId,
        password: this.o.password,
        system_type: this.o.systemType,
        interface_version: 0x34,
      });
      if (resp.command_status !== 0) return this.drop(session, `bind refused (command_status 0x${resp.command_status.toString(16)})`);
      if (this.session !== session || this.stateNow === "STOPPED") return;
      this.stateNow = "BOUND";
      this.failures = 0;
      this.lastError = "";
      this.log.info({ host: this.o.host, systemId: this.o.systemId }, "SMPP bound");
      this.startEnquiring(session);
      for (const w of this.boundWaiters.splice(0)) w.resolve();
    } catch (e) {
      this.drop(session, (e as Error).message);
    }
  }

  /** The link is gone (or must go): closes it and binds again after the backoff. */
  private drop(session: Session, reason: string) {
    if (this.session !== session) return;
    this.session = null;
    this.stopEnquiring();
    session.destroy();
    if (this.stateNow === "STOPPED") return;
    this.stateNow = "DOWN";
    this.lastError = reason;
    const wait = Math.min(this.o.reconnectMs.last, this.o.reconnectMs.first * 2 ** this.failures++);
    this.log.warn({ host: this.o.host, systemId: this.o.systemId, reason, retryInMs: wait }, "SMPP link down");
    this.reconnectTimer = setTimeout(() => this.connect(), wait);
  }

  private startEnquiring(session: Session) {
    this.stopEnquiring();
    this.enquireTimer = setInterval(() => {
      this.request(session, "enquire_link", {}, this.o.timeoutMs).catch((e: Error) => this.drop(session, `enquire_link: ${e.message}`));
    }, this.o.enquireLinkMs);
  }

  private stopEnquiring() {
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
  }

  /** A receipt or an incoming part: answered once its handler has stored it, refused (to come again) if it failed. */
  private async delivered(session: Session, pdu: PDU) {
    const raw = pdu.short_message?.raw ?? Buffer.alloc(0);
    try {
      if (((pdu.esm_class ?? 0) & 0x3c) === RECEIPT) {
        const text = raw.toString("latin1");
        const partId = String(pdu.receipted_message_id ?? /id:(\S+)/.exec(text)?.[1] ?? "");
        await this.handlers.receipt({ partId, ...receiptState(pdu, text) });
      } else {
        const udhi = ((pdu.esm_class ?? 0) & UDH_INDICATOR) !== 0 && raw.length > 0;
        const part: IncomingSmsPart = {
          from: pdu.source_addr ?? "",
          to: pdu.destination_addr ?? "",
          dataCoding: pdu.data_coding ?? 0,
          udh: udhi ? new Uint8Array(raw.subarray(0, raw[0] + 1)) : null,
          payload: new Uint8Array(udhi ? raw.subarray(raw[0] + 1) : raw),
        };
        await this.handlers.inbound(part);
      }
      session.send(pdu.response());
    } catch (e) {
      this.log.error({ err: e }, "an SMS from the SMSC could not be stored; it will come again");
      session.send(pdu.response({ command_status: smpp.ESME_RSYSERR }));
    }
  }

  /** A request with a deadline (the library waits for ever and keeps the callback). */
  private request(
    session: Session,
    command: "submit_sm" | "bind_transceiver" | "enquire_link" | "unbind",
    fields: PduFields,
    timeoutMs = this.o.timeoutMs,
  ): Promise<PDU> {
    return new Promise((resolve, reject) => {
      const pdu = new smpp.PDU(command, fields);
      const onClose = () => finish(new LinkLost(`${command}: the link closed before the answer`));
      const finish = (e: Error | null, answer?: PDU) => {
        clearTimeout(timer);
        session.off("close", onClose);
        delete (session as unknown as { _callbacks: Record<number, unknown> })._callbacks[pdu.sequence_number];
        if (e) reject(e);
        else resolve(answer!);
      };
      const timer = setTimeout(() => finish(new LinkLost(`${command}: no answer in ${timeoutMs} ms`)), timeoutMs);
      session.once("close", onClose);
      // send() numbers the PDU at once, so its callback can be forgotten on a timeout.
      if (!session.send(pdu, (answer) => finish(null, answer))) finish(new LinkLost(`${command}: the link is not writable`));
    });
  }
}
