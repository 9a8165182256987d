// The cluster test's shared ground, inside its network namespace: a fresh PostgreSQL database, a
// Redis of its own (the namespace has no route to the host's), the folders the nodes share and
// the failover proxy that plays the load balancer in front of the web nodes. The nodes
// themselves are started by the test (tests/cluster/cluster-nodes.ts), which kills and restarts them.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../support/spawn-server.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { PORTS } from "./cluster-nodes.ts";
import { failoverProxy } from "./failover-proxy.ts";

export default async function clusterSetup() {
  if (process.env.CENTRALA_PHONE_NETNS !== "1") throw new Error("Run the cluster test in its network namespace: npm run test:cluster");
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("Build the pages first: npm run build");
  const db = await createTestDatabase("postgres");
  process.env.E2E_DATABASE_URL = db.env.DATABASE_URL;
  process.env.CLUSTER_DATA_DIR = db.env.DATA_DIR;
  const recordings = fs.mkdtempSync(path.join(os.tmpdir(), "centrala-cluster-recordings-"));
  process.env.E2E_RECORDINGS_DIR = recordings;
  const redis = spawn("redis-server", ["--port", String(PORTS.redis), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await waitForPort(PORTS.redis);
  // The agents' browsers reach the web nodes through it: web node 2 first, web node 1 when 2 is gone.
  const balancer = await failoverProxy(PORTS.balancer, [PORTS.web2, PORTS.web1]);
  return async () => {
    await balancer.close();
    redis.kill("SIGKILL");
    await db.drop();
    fs.rmSync(recordings, { recursive: true, force: true });
  };
}

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}
