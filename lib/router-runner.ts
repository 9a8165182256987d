// Runs the ACD on worker nodes. Each organisation is routed by exactly one node at a time: the
// holder of its RouterLease row, renewed every pass and taken over by another node once it expires.
// One holder for all of an organisation's queues, because they share agents: their waiting work is
// served in one order (domain/routing/dispatch.ts). Passes run on every wake-up (new work, an agent
// freed up — heard through pub/sub from any node) and on a steady tick (offer time-outs, maximum waits).
import { randomUUID } from "node:crypto";
import os from "node:os";
import { expireOffers, overflowLongWaits } from "../domain/routing/maintain-queue.ts";
import { routeOrganization } from "../domain/routing/route-organization.ts";
import { coalesced } from "./coalesced.ts";
import type { AppServices } from "./services.ts";

const LEASE_SECONDS = 10;

export interface RouterRunner {
  holder: string;
  /** Run a pass now (and again afterwards if one is under way). */
  wake(): void;
  /** One full pass; resolves when done (tests and benchmarks call it directly). */
  pass(): Promise<void>;
  stop(): Promise<void>;
}

export function startRouter(app: AppServices): RouterRunner {
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { db, deps, log } = app;
  let stopped = false;

  async function leased(organizationId: string): Promise<boolean> {
    const rows = await db.rawQuery<{ holder: string }>(
      `insert into "RouterLease" ("organizationId", "holder", "expiresAt") values ($1::uuid, $2, now() + make_interval(secs => $3))
       on conflict ("organizationId") do update set "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
       where "RouterLease"."holder" = excluded."holder" or "RouterLease"."expiresAt" < now()
       returning "holder"`,
      [organizationId, holder, LEASE_SECONDS],
    );
    return rows[0]?.holder === holder;
  }

  /** Offer time-outs and maximum waits of one queue; a failure here must not stop the others' routing. */
  async function upkeep(queueId: string) {
    try {
      await expireOffers(queueId, deps);
      await overflowLongWaits(queueId, deps);
    } catch (err) {
      log.error({ err, queueId }, "routing upkeep failed for a queue");
    }
  }

  async function passOnce() {
    if (stopped) return;
    const queues = await db.prisma.queue.findMany({ where: { active: true }, select: { id: true, organizationId: true } });
    const byOrganization = new Map<string, string[]>();
    for (const q of queues) {
      const own = byOrganization.get(q.organizationId) ?? [];
      own.push(q.id);
      byOrganization.set(q.organizationId, own);
    }
    for (const [organizationId, own] of byOrganization) {
      if (stopped) return;
      try {
        if (!(await leased(organizationId))) continue;
        for (const queueId of own) await upkeep(queueId);
        await routeOrganization(organizationId, deps);
      } catch (err) {
        log.error({ err, organizationId }, "routing pass failed for an organisation");
      }
    }
  }

  const pass = coalesced(passOnce, () => stopped);

  const timer = setInterval(() => void pass(), app.config.routingTickMs);
  timer.unref();
  const wakeFeed = app.pubsub.subscribe("routingWake");
  void (async () => {
    for await (const _ of wakeFeed) void pass();
  })();
  void pass();

  return {
    holder,
    wake: () => void pass(),
    pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await wakeFeed.return?.();
      await pass(); // the pass under way, if any (a new one stops at once)
      // Let another node take over at once rather than after the lease runs out.
      await db.rawQuery(`delete from "RouterLease" where "holder" = $1`, [holder]).catch(() => {});
    },
  };
}
