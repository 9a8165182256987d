// Runs the e-mail outbox on worker nodes: on every "email.queued" event (from any node, through
// pub/sub) and every few seconds for retries that came due. Several nodes may run it: rows are
// claimed with SKIP LOCKED.
import { deliverDueEmails } from "../domain/email/deliver-outbox.ts";
import { coalesced } from "./coalesced.ts";
import type { AppServices } from "./services.ts";

const TICK_MS = 5000;

export interface OutboxRunner {
  /** Deliver what is due now (tests call it). */
  run(): Promise<void>;
  stop(): Promise<void>;
}

export function startOutbox(app: AppServices): OutboxRunner {
  let stopped = false;
  const run = coalesced(
    async () => {
      if (stopped) return;
      try {
        const r = await deliverDueEmails(app.deps);
        return r.sent + r.failed + r.retrying === 20; // a full batch: there may be more
      } catch (err) {
        app.log.error({ err }, "outbox run failed");
      }
    },
    () => stopped,
  );

  const timer = setInterval(() => void run(), TICK_MS);
  timer.unref();
  const wake = app.pubsub.subscribe("emailQueued");
  void (async () => {
    for await (const _ of wake) void run();
  })();
  void run();

  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await wake.return?.();
      await run();
    },
  };
}
