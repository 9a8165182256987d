// Request/response between processes over Redis pub/sub. Every node listens on its own channel;
// a request carries a correlation id and the caller's node id, the answer comes back on the
// caller's channel. A caller never waits forever: nobody subscribed to the target's channel
// (the node is gone, or died while working on the request) is UNAVAILABLE / NODE_GONE at once,
// no answer within the call's timeout is UNAVAILABLE / NODE_TIMEOUT. Errors the handler throws
// as DomainErrors cross over with their code and reason; any other is masked.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { Redis } from "ioredis";
import { DomainError } from "../../domain/shared/errors.ts";
import type { Logger } from "../logger.ts";
import { type RpcMessage, decodeError, encodeError } from "./rpc-wire.ts";

export type RpcHandler = (...params: never[]) => Promise<unknown> | unknown;

export interface RpcOptions {
  redisUrl: string;
  /** Keeps clusters sharing one Redis apart (the database's name, by default). */
  namespace: string;
  log: Logger;
  nodeId?: string;
  /** How long a call waits for its answer unless it says otherwise. */
  timeoutMs?: number;
  /** How often a waiting call checks that its target still listens. */
  probeMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export const newNodeId = () => `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

export class RpcNode {
  readonly id: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, RpcHandler>();
  private closed = false;

  private constructor(private readonly options: RpcOptions) {
    this.id = options.nodeId ?? newNodeId();
    this.pub = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(options.redisUrl);
    for (const client of [this.pub, this.sub]) client.on("error", (err) => options.log.error({ err }, "redis RPC connection error"));
  }

  /** A node listening on its channel (resolves once subscribed). */
  static async open(options: RpcOptions): Promise<RpcNode> {
    const node = new RpcNode(options);
    node.sub.on("messageBuffer", (_channel: Buffer, message: Buffer) => node.received(message.toString()));
    await node.sub.subscribe(node.channel(node.id));
    return node;
  }

  /** The Redis client for other keys of this cluster (the node registry). */
  get redis(): Redis {
    return this.pub;
  }
  get namespace() {
    return this.options.namespace;
  }

  private channel(nodeId: string) {
    return `${this.options.namespace}:rpc:${nodeId}`;
  }

  /** Serves `method` to other nodes. */
  handle(method: string, handler: RpcHandler) {
    this.handlers.set(method, handler);
  }

  /** Runs `method` on node `nodeId` and returns its answer. */
  async call<T>(nodeId: string, method: string, params: unknown[], { timeoutMs = this.options.timeoutMs ?? 5000 } = {}): Promise<T> {
    if (this.closed) throw new Error("RPC node closed");
    const id = randomUUID();
    const target = this.channel(nodeId);
    const answer = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const gone = () => new DomainError("UNAVAILABLE", `Node ${nodeId} is gone (${method})`, { reason: "NODE_GONE", nodeId });
    let timer: NodeJS.Timeout | undefined;
    let probe: NodeJS.Timeout | undefined;
    const fail = (err: Error) => this.pending.get(id)?.reject(err);
    try {
      const listeners = await this.pub.publish(target, JSON.stringify({ t: "req", id, from: this.id, method, params } satisfies RpcMessage));
      if (listeners === 0) throw gone();
      timer = setTimeout(
        () => fail(new DomainError("UNAVAILABLE", `Node ${nodeId} did not answer ${method} within ${timeoutMs} ms`, { reason: "NODE_TIMEOUT", nodeId })),
        timeoutMs,
      );
      probe = setInterval(() => {
        void this.pub.pubsub("NUMSUB", target).then(
          (r) => Number((r as [string, number])[1]) === 0 && fail(gone()),
          () => {},
        );
      }, this.options.probeMs ?? 500);
      return (await answer) as T;
    } finally {
      clearTimeout(timer);
      clearInterval(probe);
      this.pending.delete(id);
    }
  }

  private received(raw: string) {
    let msg: RpcMessage;
    try {
      msg = JSON.parse(raw) as RpcMessage;
    } catch {
      return this.options.log.warn({ raw: raw.slice(0, 200) }, "an RPC message that is not JSON was ignored");
    }
    if (msg.t === "res") {
      const p = this.pending.get(msg.id);
      if (!p) return; // answered after its caller gave up
      return msg.ok ? p.resolve(msg.value) : p.reject(decodeError(msg.error));
    }
    void this.serve(msg);
  }

  private async serve(req: Extract<RpcMessage, { t: "req" }>) {
    let reply: RpcMessage;
    try {
      const handler = this.handlers.get(req.method);
      if (!handler) throw new Error(`No RPC method ${req.method} on node ${this.id}`);
      const value = await (handler as (...p: unknown[]) => unknown)(...req.params);
      reply = { t: "res", id: req.id, ok: true, value: value ?? null };
    } catch (err) {
      if (!(err instanceof DomainError)) this.options.log.error({ err, method: req.method }, "an RPC request failed");
      reply = { t: "res", id: req.id, ok: false, error: encodeError(err) };
    }
    if (!this.closed) await this.pub.publish(this.channel(req.from), JSON.stringify(reply)).catch(() => {});
  }

  /** Stops listening; calls still waiting fail as their target would see it. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error("RPC node closed"));
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
