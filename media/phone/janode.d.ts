// The parts of janode 1.8 (plain JavaScript, no types of its own) that the phone gateway uses.
declare module "janode" {
  import type { EventEmitter } from "node:events";
  export interface JanodeSession extends EventEmitter {
    id: number;
    attach<H>(descriptor: { id: string; Handle: new (session: JanodeSession, id: number) => H }): Promise<H>;
    destroy(): Promise<void>;
  }
  export interface JanodeConnection extends EventEmitter {
    create(keepaliveSeconds?: number): Promise<JanodeSession>;
    close(): Promise<void>;
  }
  const Janode: {
    connect(config: { address: { url: string; apisecret?: string }; retry_time_secs?: number; max_retries?: number }): Promise<JanodeConnection>;
    Logger: { setLevel(level: string): void };
    EVENT: Record<string, string>;
  };
  export default Janode;
}
declare module "janode/handle" {
  import { EventEmitter } from "node:events";
  import type { JanodeSession } from "janode";
  export default class Handle extends EventEmitter {
    constructor(session: JanodeSession, id: number);
    id: number;
    session: JanodeSession;
    message(body: Record<string, unknown>, jsep?: { type: string; sdp: string }): Promise<unknown>;
    detach(): Promise<void>;
    closeTransactionWithError(id: string, error: Error): void;
    closeTransactionWithSuccess(id: string, data: unknown): void;
    handleMessage(message: Record<string, unknown>): unknown;
  }
}
