// The RPC layer between nodes against the real Redis: answers and errors cross, a node that does
// not answer times out, a node that is gone (or dies while working) fails at once, and the
// registry of live nodes follows heartbeats.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DomainError } from "../../domain/shared/errors.ts";
import { createLogger } from "../../lib/logger.ts";
import { NodeRegistry } from "../../lib/rpc/node-registry.ts";
import { RpcNode } from "../../lib/rpc/rpc-node.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const namespace = `centrala-test-${randomUUID()}`;
const log = createLogger("silent", false);
let a: RpcNode;
let b: RpcNode;

beforeAll(async () => {
  a = await RpcNode.open({ redisUrl: REDIS_URL, namespace, log, timeoutMs: 2000, probeMs: 200 });
  b = await RpcNode.open({ redisUrl: REDIS_URL, namespace, log });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const failure = async (p: Promise<unknown>) => {
  const started = Date.now();
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return { err: err as DomainError, ms: Date.now() - started };
};

it("answers and coded errors cross between two nodes; other errors are masked", async () => {
  b.handle("add", (x: number, y: number) => x + y);
  b.handle("refuse", () => {
    throw new DomainError("CONFLICT", "no room", { reason: "NO_ROOM" });
  });
  b.handle("crash", () => {
    throw new TypeError("secret detail");
  });
  expect(await a.call(b.id, "add", [2, 3])).toBe(5);
  const refused = (await failure(a.call(b.id, "refuse", []))).err;
  expect(refused).toBeInstanceOf(DomainError);
  expect([refused.code, refused.details.reason]).toEqual(["CONFLICT", "NO_ROOM"]);
  const crashed = (await failure(a.call(b.id, "crash", []))).err;
  expect(crashed).not.toBeInstanceOf(DomainError);
  expect(crashed.message).toContain("remote failure");
  // Many calls at once are each answered with their own result (correlation ids).
  const sums = await Promise.all(Array.from({ length: 50 }, (_, i) => a.call(b.id, "add", [i, 1000])));
  expect(sums).toEqual(Array.from({ length: 50 }, (_, i) => i + 1000));
});

it("a node that does not answer fails the call with NODE_TIMEOUT after the call's timeout", async () => {
  b.handle("hang", () => new Promise(() => {}));
  const { err, ms } = await failure(a.call(b.id, "hang", [], { timeoutMs: 400 }));
  expect([err.code, err.details.reason]).toEqual(["UNAVAILABLE", "NODE_TIMEOUT"]);
  expect(ms).toBeGreaterThanOrEqual(390);
  expect(ms).toBeLessThan(1500);
});

it("a node that is not there fails the call with NODE_GONE at once", async () => {
  const { err, ms } = await failure(a.call("no-such-node", "add", [1, 2]));
  expect([err.code, err.details.reason]).toEqual(["UNAVAILABLE", "NODE_GONE"]);
  expect(ms).toBeLessThan(200);
});

it("a node killed while working on a request fails the call with NODE_GONE well before the timeout", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "../support/rpc-child.ts")], {
    env: { ...process.env, REDIS_URL, RPC_NAMESPACE: namespace },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const said = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => out.includes(text) && resolve();
      child.stdout!.on("data", (d: Buffer) => ((out += d), check()));
      check();
    });
  await said("node ");
  const childId = /node (\S+)/.exec(out)![1];
  expect(await a.call(childId, "echo", [{ hello: "world" }])).toEqual({ hello: "world" });
  const call = failure(a.call(childId, "slow", [], { timeoutMs: 10_000 }));
  await said("working");
  child.kill("SIGKILL");
  const { err, ms } = await call;
  expect([err.code, err.details.reason]).toEqual(["UNAVAILABLE", "NODE_GONE"]);
  expect(ms).toBeLessThan(2000);
}, 20_000);

it("the registry lists nodes that beat, and forgets one that stops or withdraws", async () => {
  const registry = new NodeRegistry(a.redis, namespace, log, 600);
  const info = { roles: ["media"], load: 0, voice: { enabled: true, reason: null }, phoneProblem: null };
  const first = new NodeRegistry(b.redis, namespace, log, 600);
  await first.announce(() => ({ ...info, id: "first" }));
  const second = new NodeRegistry(b.redis, namespace, log, 600);
  await second.announce(() => ({ ...info, id: "second", load: 3 }));
  expect((await registry.live("media")).map((n) => n.id).sort()).toEqual(["first", "second"]);
  expect(await registry.live("web")).toEqual([]);
  // Kept alive by its beat well past its TTL.
  await new Promise((r) => setTimeout(r, 1000));
  expect(await registry.alive("first")).toBe(true);
  await first.withdraw("first", ["media"]);
  expect((await registry.live("media")).map((n) => n.id)).toEqual(["second"]);
  // A node that stops beating without withdrawing (killed) is gone once its key expires.
  (second as unknown as { timer: NodeJS.Timeout }).timer.close();
  await new Promise((r) => setTimeout(r, 700));
  expect(await registry.live("media")).toEqual([]);
});
