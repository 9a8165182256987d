// The cluster under test: two web nodes, a media node (with its Janus) and a worker, each its own
// `server.ts` process with ROLES and a port of its own, on one PostgreSQL database and one Redis,
// all inside the test's network namespace (scripts/in-phone-netns.sh). The test kills and
// restarts them by name.
import { execFileSync } from "node:child_process";
import { type SpawnedServer, spawnServer } from "../support/spawn-server.ts";

/** HTTP ports (the namespace's own loopback): the agents' load balancer, then each node. */
export const PORTS = { balancer: 3661, web1: 3663, web2: 3664, media: 3665, worker: 3666, media2: 3667, redis: 3669 } as const;
export const BALANCER_URL = `http://127.0.0.1:${PORTS.balancer}`;
export const WEB1_URL = `http://127.0.0.1:${PORTS.web1}`;

export type NodeName = "web1" | "web2" | "media" | "worker" | "media2";

const ROLES: Record<NodeName, string> = {
  // The first web node also has the worker role: the worker's leases have somewhere to move.
  web1: "web,worker",
  web2: "web",
  media: "media",
  worker: "worker",
  // A second media node with a Janus of its own: it takes over the trunk's registration.
  media2: "media",
};

/** The second media node's own addresses and port ranges (its Janus's SIP address is 127.0.0.3). */
const MEDIA2: Record<string, string> = {
  SIP_IP: "127.0.0.3",
  JANUS_WS_PORT: "18391",
  SIP_RTP_MIN_PORT: "26000",
  SIP_RTP_MAX_PORT: "26999",
  JANUS_ICE_MIN_PORT: "27000",
  JANUS_ICE_MAX_PORT: "27999",
  MEDIA_MIN_PORT: "50000",
  MEDIA_MAX_PORT: "54999",
};

/** Every node's settings: the shared database, Redis and secret; the media node's Janus. */
function nodeEnv(name: NodeName): Record<string, string> {
  return {
    DATABASE_URL: process.env.E2E_DATABASE_URL!,
    DATA_DIR: process.env.CLUSTER_DATA_DIR!,
    RECORDINGS_DIR: process.env.E2E_RECORDINGS_DIR!,
    REDIS_URL: `redis://127.0.0.1:${PORTS.redis}`,
    NODE_ENV: "production",
    ROLES: ROLES[name],
    PORT: String(PORTS[name]),
    HOST: "127.0.0.1",
    PUBLIC_URL: BALANCER_URL,
    TRUSTED_ORIGINS: WEB1_URL,
    SEED: "none",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    AUTH_SECRET: "cluster-secret-cluster-secret-000000",
    SIGNIN_RATE_LIMIT_PER_MINUTE: "1000",
    MEDIA_WORKERS: "1",
    MEDIA_LISTEN_IP: "127.0.0.1",
    PHONE_GATEWAY: "1",
    PHONE_INTERFACE: "jv0",
    PHONE_MEDIA_IP: "127.0.0.2",
    SIP_IP: "127.0.0.1",
    JANUS_WS_PORT: "18390",
    ...(name === "web1" || name === "web2" ? {} : { CENTRALA_SKIP_NEXT: "1" }),
    ...(name === "media2" ? { ...MEDIA2, DATA_DIR: `${process.env.CLUSTER_DATA_DIR}/media2` } : {}),
  };
}

export class Cluster {
  readonly nodes = new Map<NodeName, SpawnedServer>();

  async start(name: NodeName) {
    const node = spawnServer(nodeEnv(name), { inheritEnv: true });
    this.nodes.set(name, node);
    await node.ready;
    return node;
  }

  pid(name: NodeName): number {
    return this.nodes.get(name)!.child.pid!;
  }

  /** SIGKILL: the machine is gone, nothing is given up politely. The media node's Janus (its
   * child) goes with it, as it would with the host. */
  async kill(name: NodeName) {
    const node = this.nodes.get(name)!;
    const children = childPids(node.child.pid!);
    node.child.kill("SIGKILL");
    for (const pid of children) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await node.exited;
  }

  async stopAll() {
    await Promise.all([...this.nodes.entries()].map(async ([name, n]) => (n.child.exitCode === null && n.child.signalCode === null ? this.kill(name) : null)));
  }

  output(name: NodeName) {
    return this.nodes.get(name)?.output() ?? "";
  }
}

function childPids(pid: number): number[] {
  try {
    const out = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
    const direct = out.split("\n").filter(Boolean).map(Number);
    return direct.flatMap((c) => [c, ...childPids(c)]);
  } catch {
    return [];
  }
}
