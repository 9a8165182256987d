// Declarations for the `smpp` package (0.5.1 ships none and there is no @types/smpp): only what
// lib/sms/smpp-client.ts and its tests use. PDU fields are named as in SMPP 3.4.
declare module "smpp" {
  import { EventEmitter } from "node:events";

  export interface PduFields {
    command_status?: number;
    sequence_number?: number;
    system_id?: string;
    password?: string;
    system_type?: string;
    interface_version?: number;
    source_addr_ton?: number;
    source_addr_npi?: number;
    source_addr?: string;
    dest_addr_ton?: number;
    dest_addr_npi?: number;
    destination_addr?: string;
    esm_class?: number;
    registered_delivery?: number;
    data_coding?: number | null;
    /** A Buffer is sent as it is. */
    short_message?: Buffer | string | { message: string | Buffer; udh?: Buffer };
    message_id?: string;
    receipted_message_id?: string;
    message_state?: number;
    [tlv: string]: unknown;
  }

  /** A PDU, sent or received; received ones carry the fields by their SMPP names. */
  export class PDU {
    constructor(command: string, fields?: PduFields);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    system_id?: string;
    password?: string;
    source_addr?: string;
    destination_addr?: string;
    esm_class?: number;
    data_coding?: number;
    message_id?: string;
    receipted_message_id?: string;
    message_state?: number;
    /** Decoded by the library: { message, udh? }; lib/sms/smpp-client.ts adds `raw` (the bytes as sent). */
    short_message: { message: string | Buffer; udh?: Buffer[]; raw?: Buffer } & Record<string, unknown>;
    isResponse(): boolean;
    response(fields?: PduFields): PDU;
  }

  type Callback = (pdu: PDU) => void;

  export class Session extends EventEmitter {
    socket: import("node:net").Socket;
    send(pdu: PDU, responseCallback?: Callback, sendCallback?: Callback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    bind_transceiver(fields: PduFields, cb?: Callback): boolean;
    submit_sm(fields: PduFields, cb?: Callback): boolean;
    deliver_sm(fields: PduFields, cb?: Callback): boolean;
    enquire_link(fields?: PduFields, cb?: Callback): boolean;
    unbind(fields?: PduFields, cb?: Callback): boolean;
    on(event: "error", listener: (err: Error) => void): this;
    on(event: "close" | "connect", listener: () => void): this;
    on(event: string, listener: (pdu: PDU) => void): this;
  }

  export interface Server extends EventEmitter {
    sessions: Session[];
    listen(port: number, host?: string, cb?: () => void): this;
    close(cb?: () => void): void;
    address(): import("node:net").AddressInfo;
  }

  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export function connect(options: { host: string; port: number } & Record<string, unknown>, listener?: () => void): Session;

  export const filters: { message: { decode: (this: PduFields, value: unknown, skipUdh?: boolean) => unknown } };
  export const ESME_ROK: number;
  export const ESME_RINVPASWD: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RMSGQFUL: number;
  export const ESME_RSYSERR: number;
  export const ESM_CLASS: { MC_DELIVERY_RECEIPT: number; UDH_INDICATOR: number; [k: string]: number };
  export const MESSAGE_STATE: Record<string, number>;
}
