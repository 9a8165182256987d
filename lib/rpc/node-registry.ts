// Which nodes of the cluster are alive, and what each says of itself. A node announces itself
// under a Redis key that expires unless its heartbeat renews it; a node that stops (or is killed)
// drops out of `live()` within the TTL. The ids are kept in a set per role so that readers need
// no key scan; ids whose key expired are taken out of the set by whoever reads.
import type { Redis } from "ioredis";
import type { Logger } from "../logger.ts";

export interface NodeInfo {
  id: string;
  roles: string[];
  /** What the node carries now (its calls' rooms): the least loaded is chosen for a new call. */
  load: number;
  voice: { enabled: boolean; reason: string | null };
  phoneProblem: string | null;
  /** When it said so (ms since the epoch, the node's own clock). */
  at: number;
}

export class NodeRegistry {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly log: Logger,
    readonly ttlMs = 5000,
  ) {}

  private key(id: string) {
    return `${this.namespace}:node:${id}`;
  }
  private set(role: string) {
    return `${this.namespace}:nodes:${role}`;
  }

  /** Announces this node now and every ttl/3 until withdraw(); `info` is read at each beat. */
  async announce(info: () => Promise<Omit<NodeInfo, "at">> | Omit<NodeInfo, "at">) {
    const beat = async () => {
      const now = { ...(await info()), at: Date.now() };
      const multi = this.redis.multi().set(this.key(now.id), JSON.stringify(now), "PX", this.ttlMs);
      for (const role of now.roles) multi.sadd(this.set(role), now.id);
      await multi.exec();
    };
    await beat();
    this.timer = setInterval(() => void beat().catch((err) => this.log.error({ err }, "a node heartbeat failed")), Math.floor(this.ttlMs / 3));
  }

  /** Stops the heartbeat and says at once that this node is gone. */
  async withdraw(id: string, roles: string[]) {
    clearInterval(this.timer);
    const multi = this.redis.multi().del(this.key(id));
    for (const role of roles) multi.srem(this.set(role), id);
    await multi.exec().catch(() => {});
  }

  /** The live nodes with `role`. */
  async live(role: string): Promise<NodeInfo[]> {
    const ids = await this.redis.smembers(this.set(role));
    if (!ids.length) return [];
    const values = await this.redis.mget(ids.map((id) => this.key(id)));
    const dead = ids.filter((_, i) => values[i] === null);
    if (dead.length) await this.redis.srem(this.set(role), ...dead);
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as NodeInfo);
  }

  /** Whether node `id` still beats. */
  async alive(id: string): Promise<boolean> {
    return (await this.redis.exists(this.key(id))) === 1;
  }
}
