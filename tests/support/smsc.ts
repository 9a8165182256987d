// A real SMSC on loopback for tests: the `smpp` package's server role, playing a provider that
// splits nothing and keeps every submit_sm's raw bytes, answers with ids and sends a delivery
// receipt for every part (UNDELIV for UNDELIVERABLE), refuses a bad password or the number "000",
// throttles on request, drops the link on request, and sends messages in (deliver).
import type { AddressInfo } from "node:net";
import type { PDU, Server, Session } from "smpp";
import { concatInfo, joinParts } from "../../domain/sms/sms-text.ts";
import { smpp } from "../../lib/sms/smpp-library.ts";

export { smpp };

export const SMSC_PASSWORD = "s3cret";
/** A number (as the SMSC sees it, without "+") whose parts are all undeliverable. */
export const UNDELIVERABLE = "48600000999";

export interface Submitted {
  to: string;
  from: string;
  dataCoding: number;
  udh: Buffer | null;
  payload: Buffer;
  messageId: string;
}

export class TestSmsc {
  submitted: Submitted[] = [];
  throttle: null | { max: number; windowMs: number; stamps: number[] } = null;
  throttled = 0;
  /** Drop the link instead of answering the n-th submit_sm from now (0: never). */
  dropAt = 0;
  /** Send receipts (off: parts stay SENT). */
  receipts = true;
  /** Name parts as many SMSCs do: in hex when answering the send, in zero-padded decimal in the receipt's text (no TLV). */
  hexIdsDecimalReceipts = false;
  binds = 0;
  nextId = 1;
  readonly sessions = new Set<Session>();
  port = 0;
  private server: Server | null = null;

  async start() {
    this.server = smpp.createServer({}, (session) => this.serve(session));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close() {
    for (const s of this.sessions) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** Drops every link now. */
  dropAll() {
    for (const s of this.sessions) s.destroy();
  }

  /** Sends a message in on the newest bound link; resolves with the ESME's command_status. */
  deliver(fields: Parameters<Session["deliver_sm"]>[0]): Promise<number> {
    const session = [...this.sessions].at(-1);
    if (!session) throw new Error("no link bound");
    return new Promise((resolve) => session.deliver_sm(fields, (resp: PDU) => resolve(resp.command_status)));
  }

  /** The texts received whole for a number (without "+"), joined by raw bytes per reference. */
  texts(to: string): string[] {
    const groups = new Map<string, Submitted[]>();
    for (const s of this.submitted.filter((x) => x.to === to)) {
      const info = s.udh ? concatInfo(s.udh) : null;
      const key = info ? `${info.ref}/${info.total}` : `single/${s.messageId}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    return [...groups.values()].map((parts) =>
      joinParts(
        parts.map((p) => ({ seq: p.udh ? concatInfo(p.udh)!.seq : 1, payload: p.payload })),
        parts[0]!.dataCoding,
      ),
    );
  }

  private serve(session: Session) {
    this.sessions.add(session);
    session.on("close", () => this.sessions.delete(session));
    session.on("error", () => undefined);
    session.on("bind_transceiver", (pdu) => {
      if (pdu.password !== SMSC_PASSWORD) return session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
      this.binds++;
      session.send(pdu.response({ system_id: "TEST-SMSC" }));
    });
    session.on("enquire_link", (pdu) => session.send(pdu.response()));
    session.on("unbind", (pdu) => session.send(pdu.response()));
    session.on("submit_sm", (pdu) => {
      if (this.dropAt && --this.dropAt === 0) return session.destroy();
      const t = this.throttle;
      if (t) {
        const now = Date.now();
        t.stamps = t.stamps.filter((x) => now - x < t.windowMs);
        if (t.stamps.length >= t.max) {
          this.throttled++;
          return session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
        }
        t.stamps.push(now);
      }
      if (pdu.destination_addr === "000") return session.send(pdu.response({ command_status: 0x0b })); // ESME_RINVDSTADR
      const raw = pdu.short_message.raw!;
      const udhi = ((pdu.esm_class ?? 0) & 0x40) !== 0;
      const n = this.nextId++;
      const messageId = this.hexIdsDecimalReceipts ? (0x3a000 + n).toString(16).toUpperCase() : `M${n}`;
      const receiptId = this.hexIdsDecimalReceipts ? String(0x3a000 + n).padStart(10, "0") : messageId;
      this.submitted.push({
        to: pdu.destination_addr ?? "",
        from: pdu.source_addr ?? "",
        dataCoding: pdu.data_coding ?? 0,
        udh: udhi ? raw.subarray(0, raw[0]! + 1) : null,
        payload: udhi ? raw.subarray(raw[0]! + 1) : raw,
        messageId,
      });
      session.send(pdu.response({ message_id: messageId }));
      if (!this.receipts) return;
      const stamp = "2612051200";
      const undeliverable = pdu.destination_addr === UNDELIVERABLE;
      session.deliver_sm({
        source_addr: pdu.destination_addr,
        destination_addr: pdu.source_addr,
        esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
        data_coding: 0,
        short_message: Buffer.from(
          `id:${receiptId} sub:001 dlvrd:000 submit date:${stamp} done date:${stamp} stat:${undeliverable ? "UNDELIV err:001" : "DELIVRD err:000"} text:`,
          "latin1",
        ),
        ...(this.hexIdsDecimalReceipts ? {} : { receipted_message_id: messageId }),
        message_state: undeliverable ? 5 : 2,
      });
    });
  }
}
