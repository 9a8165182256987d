// An RPC node in a process of its own, for tests that kill it: it serves `slow` (never answers,
// says "working" when a request arrives) and `echo`, and prints its node id once listening.
import { createLogger } from "../../lib/logger.ts";
import { RpcNode } from "../../lib/rpc/rpc-node.ts";

const node = await RpcNode.open({ redisUrl: process.env.REDIS_URL!, namespace: process.env.RPC_NAMESPACE!, log: createLogger("silent", false) });
node.handle("slow", () => {
  console.log("working");
  return new Promise(() => {});
});
node.handle("echo", (x: unknown) => x);
console.log(`node ${node.id}`);
