// Named background jobs on this node. Each job has a period and a kind:
//   EXCLUSIVE — one node in the cluster runs it at a time: each run is claimed in the Job table
//               (lib/jobs/job-store.ts) under a lease of about three periods, renewed while it runs.
//               A node that dies between runs costs nothing (the next due run is claimed by another
//               node); one that dies mid-run is replaced when its lease runs out.
//   SHARED    — safe on every node at once (row locks, conditional updates, this node's own disk):
//               every worker node runs it, and records its runs in the same row.
// Runs of one job never overlap on one node. Runs asked for from the admin page reach every node
// through pub/sub (`jobWake`).
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Database } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { JobStore } from "./job-store.ts";
import { type JobKind, errorText, leaseMsFor, renewEveryMs, retryInMs } from "./schedule.ts";

export interface JobDefinition<T = unknown> {
  /** Dotted, stable: the row's key and the admin page's translation key. */
  name: string;
  kind: JobKind;
  everyMs: number;
  /** The first run after the cluster starts (default: at once). */
  firstDelayMs?: number;
  run(): Promise<T>;
}

export type RunOutcome<T = unknown> = { ran: true; result?: T; error?: string } | { ran: false; heldBy: string | null };

interface Slot {
  def: JobDefinition;
  timer: NodeJS.Timeout | null;
  running: Promise<RunOutcome> | null;
}

export function nodeName(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export class JobRegistry {
  readonly holder: string;
  private readonly store: JobStore;
  private readonly slots = new Map<string, Slot>();
  private started: Promise<void> | null = null;
  private stopped = false;

  constructor(
    db: Pick<Database, "rawQuery">,
    private readonly log: Logger,
    holder = nodeName(),
  ) {
    this.store = new JobStore(db);
    this.holder = holder;
  }

  /** Adds a job; call before start(). */
  define<T>(def: JobDefinition<T>): this {
    if (this.slots.has(def.name)) throw new Error(`job ${def.name} is defined twice`);
    this.slots.set(def.name, { def: def as JobDefinition, timer: null, running: null });
    return this;
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  /** Registers every job's row, then runs each on its schedule. */
  start(): Promise<void> {
    this.started ??= (async () => {
      for (const slot of this.slots.values()) {
        const { name, kind, everyMs, firstDelayMs = 0 } = slot.def;
        await this.store.register(name, kind, everyMs, firstDelayMs);
        if (kind === "SHARED") this.schedule(slot, firstDelayMs);
        else void this.attempt(slot, false);
      }
    })();
    return this.started;
  }

  /**
   * Runs a job on this node now (tests, and a wake-up from the admin page). An exclusive job whose
   * run another node holds is not run: the outcome names the holder.
   */
  async run<T = unknown>(name: string): Promise<RunOutcome<T>> {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no job named ${name}`);
    await this.started;
    return (await this.attempt(slot, true)) as RunOutcome<T>;
  }

  /** A run was asked for somewhere in the cluster: try it here now, if this node has the job. */
  wake(name: string) {
    const slot = this.slots.get(name);
    if (slot && this.started && !this.stopped) void this.started.then(() => this.attempt(slot, slot.def.kind === "SHARED"));
  }

  async stop() {
    this.stopped = true;
    await this.started?.catch(() => {});
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer);
    await Promise.all([...this.slots.values()].map((s) => s.running?.catch(() => {})));
    // Claims end with their runs; this catches one whose finish could not be written.
    await this.store.releaseAll(this.holder).catch((err) => this.log.warn({ err }, "releasing job leases failed"));
  }

  private schedule(slot: Slot, delayMs: number) {
    if (this.stopped) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void this.attempt(slot, slot.def.kind === "SHARED"), delayMs);
    slot.timer.unref();
  }

  /** One go at a job (never two at once on this node); schedules the next go. */
  private attempt(slot: Slot, force: boolean): Promise<RunOutcome> {
    if (slot.running) return slot.running.then(() => this.attempt(slot, force));
    slot.running = this.go(slot, force).finally(() => (slot.running = null));
    return slot.running;
  }

  private async go(slot: Slot, force: boolean): Promise<RunOutcome> {
    const { def } = slot;
    if (this.stopped) return { ran: false, heldBy: null };
    const started = Date.now();
    try {
      if (def.kind === "SHARED") {
        await this.store.startShared(def.name, this.holder, def.everyMs);
        const outcome = await this.execute(def);
        this.schedule(slot, Math.max(50, def.everyMs - (Date.now() - started)));
        return outcome;
      }
      const leaseMs = leaseMsFor(def.everyMs);
      if (!this.stopped && (await this.store.claim(def.name, this.holder, { leaseMs, everyMs: def.everyMs, force }))) {
        const outcome = await this.execute(def, leaseMs);
        this.schedule(slot, Math.max(50, def.everyMs - (Date.now() - started)));
        return outcome;
      }
      const clock = await this.store.clock(def.name);
      this.schedule(slot, clock ? retryInMs(clock, def.everyMs) : def.everyMs);
      const held = clock?.leaseUntil && clock.leaseUntil > clock.dbNow;
      return { ran: false, heldBy: held ? clock.holder : null };
    } catch (err) {
      // The database is unreachable or busy: try again next period.
      this.log.error({ err, job: def.name }, "background job could not be scheduled");
      this.schedule(slot, def.everyMs);
      return { ran: false, heldBy: null };
    }
  }

  /** Runs the job's work, renewing the claim while it lasts, and records how it went. */
  private async execute(def: JobDefinition, leaseMs?: number): Promise<RunOutcome> {
    const renew = leaseMs
      ? setInterval(() => {
          void this.store.renew(def.name, this.holder, leaseMs).then(
            (kept) => kept || this.log.warn({ job: def.name }, "background job's lease was lost while it ran"),
            (err) => this.log.warn({ err, job: def.name }, "renewing a background job's lease failed"),
          );
        }, renewEveryMs(leaseMs))
      : null;
    renew?.unref();
    const started = performance.now();
    let outcome: RunOutcome;
    try {
      outcome = { ran: true, result: await def.run() };
    } catch (err) {
      this.log.error({ err, job: def.name }, "background job failed");
      outcome = { ran: true, error: errorText(err) };
    } finally {
      if (renew) clearInterval(renew);
    }
    await this.store
      .finish(def.name, this.holder, Math.round(performance.now() - started), outcome.error ?? null)
      .catch((err) => this.log.warn({ err, job: def.name }, "recording a background job's run failed"));
    return outcome;
  }
}
