// Alarms are evaluated as events arrive: anything that moves a queue's figures or a trunk's
// registration schedules one evaluation of the organisation a moment later (a burst of events
// makes one). Time alone raises a longest-wait alarm, so the worker role also ticks (lib/workers.ts).
import type { DomainEventName, EventListener } from "../events.ts";
import type { Deps } from "../ports.ts";
import { evaluateAlarms } from "./evaluate-alarms.ts";

const MOVES_FIGURES: DomainEventName[] = [
  "agent.state_changed",
  "routing.item_queued",
  "routing.offered",
  "routing.offer_withdrawn",
  "routing.assigned",
  "routing.overflowed",
  "routing.left_queue",
  "interaction.ended",
  "queue.updated",
  "queue.deleted",
  "trunk.status_changed",
  "alarm.updated",
];

export interface AlarmEvaluator {
  listener: EventListener;
  /** Evaluates the organisation soon (once, however many ask meanwhile). */
  schedule(organizationId: string): void;
  /** Evaluates every organisation that has an active alarm or a raised one, now. */
  tick(): Promise<void>;
  stop(): void;
}

export function alarmEvaluator(deps: Deps, delayMs = 250): AlarmEvaluator {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;

  const run = async (organizationId: string) => {
    // One evaluation per organisation at a time on this node; one asked meanwhile runs after it.
    const previous = running.get(organizationId);
    const next = (previous ?? Promise.resolve())
      .catch(() => {})
      .then(() => (stopped ? false : evaluateAlarms(organizationId, deps)))
      .catch((err) => deps.log.error({ err, organizationId }, "alarm evaluation failed"))
      .finally(() => {
        if (running.get(organizationId) === next) running.delete(organizationId);
      });
    running.set(organizationId, next);
    return next;
  };

  const schedule = (organizationId: string) => {
    if (stopped || timers.has(organizationId)) return;
    const t = setTimeout(() => {
      timers.delete(organizationId);
      void run(organizationId);
    }, delayMs);
    t.unref();
    timers.set(organizationId, t);
  };

  const listener: EventListener = {};
  for (const name of MOVES_FIGURES) (listener as Record<string, (p: { organizationId: string }) => void>)[name] = (p) => schedule(p.organizationId);

  return {
    listener,
    schedule,
    async tick() {
      const orgs = await deps.db.organization.findMany({
        where: { OR: [{ alarms: { some: { active: true } } }, { alarmOccurrences: { some: { clearedAt: null } } }] },
        select: { id: true },
      });
      await Promise.all(orgs.map((o) => run(o.id)));
    },
    stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
