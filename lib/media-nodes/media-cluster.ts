// Media across the nodes of a cluster (REDIS_URL set): every node reaches a call's media through
// the node that owns the call; nodes with the media role serve theirs. Without REDIS_URL (one
// process) none of this runs and the API uses the process's own media directly.
import type { EventListener } from "../../domain/events.ts";
import type { CallMedia } from "../../domain/ports.ts";
import type { Db } from "../../domain/shared/tx.ts";
import type { Logger } from "../logger.ts";
import { type NodeInfo, NodeRegistry } from "../rpc/node-registry.ts";
import { RpcNode } from "../rpc/rpc-node.ts";
import { routedCallMedia } from "./routed-call-media.ts";
import { type ServedRooms, callOwnership, ownedCallsOnly, serveCallMedia } from "./serve-call-media.ts";

/** How long a call stays its media node's after the node's last renewal (renewed every ~1.7 s). */
export const MEDIA_LEASE_MS = 15_000;

export interface MediaCluster {
  nodeId: string;
  /** The ids of the live media nodes, as last seen (refreshed every second). */
  liveMediaNodes(): string[];
  /** The listener for this node's media, taking part only in the calls this node carries. */
  ownedOnly(listener: EventListener): EventListener;
  /** Serves this node's media (null: no media role) and returns the port the API uses. */
  start(local: { media: CallMedia; rooms: ServedRooms } | null): Promise<CallMedia>;
  close(): Promise<void>;
}

/** The cluster's name in Redis: its database's, so clusters sharing one Redis stay apart. */
export const clusterNamespace = (databaseUrl: string | undefined) => `centrala:${databaseUrl ? new URL(databaseUrl).pathname.slice(1) : "local"}`;

export async function openMediaCluster(o: { redisUrl: string; databaseUrl: string | undefined; db: Db; log: Logger }): Promise<MediaCluster> {
  const namespace = clusterNamespace(o.databaseUrl);
  const rpc = await RpcNode.open({ redisUrl: o.redisUrl, namespace, log: o.log });
  const registry = new NodeRegistry(rpc.redis, namespace, o.log);
  let nodes: NodeInfo[] = [];
  const refresh = async () => {
    nodes = await registry.live("media");
  };
  await refresh();
  const poll = setInterval(() => void refresh().catch((err) => o.log.warn({ err }, "reading the live media nodes failed")), 1000);
  poll.unref();
  const owns = callOwnership(o.db, rpc.id, MEDIA_LEASE_MS, () => nodes);
  let serving: { stop(): Promise<void> } | null = null;
  return {
    nodeId: rpc.id,
    liveMediaNodes: () => nodes.map((n) => n.id),
    ownedOnly: (listener) => ownedCallsOnly(listener, owns),
    async start(local) {
      if (local) serving = await serveCallMedia({ db: o.db, rpc, registry, local: local.media, rooms: local.rooms, leaseMs: MEDIA_LEASE_MS, log: o.log });
      await refresh();
      return routedCallMedia({ db: o.db, rpc, nodes: () => nodes, local: local?.media ?? null, leaseMs: MEDIA_LEASE_MS });
    },
    async close() {
      clearInterval(poll);
      await serving?.stop();
      await rpc.close();
    },
  };
}
