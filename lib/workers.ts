// The worker role: background work that must run somewhere in the cluster. Each piece is safe to
// run on several nodes at once (row locks, conditional updates, per-queue leases).
import { abandonSilentVisitors } from "../domain/chat/abandon-silent-visitors.ts";
import { expireUnansweredCalls } from "../domain/voice/calls.ts";
import { type MailReaders, startMailReaders } from "./mail-readers.ts";
import { type OutboxRunner, startOutbox } from "./outbox-runner.ts";
import { startDisconnectSweeper } from "./presence-heartbeat.ts";
import { type RouterRunner, startRouter } from "./router-runner.ts";
import type { AppServices } from "./services.ts";

export interface Workers {
  router: RouterRunner;
  mail: MailReaders;
  outbox: OutboxRunner;
  stop(): Promise<void>;
}

export function startWorkers(app: AppServices): Workers {
  const sweeper = startDisconnectSweeper(app);
  const router = startRouter(app);
  const mail = startMailReaders(app);
  const outbox = startOutbox(app);
  const abandon = setInterval(
    () => void abandonSilentVisitors(app.config.visitorTimeoutSeconds, app.deps).catch((err) => app.log.error({ err }, "abandon sweep failed")),
    Math.max(5, Math.floor(app.config.visitorTimeoutSeconds / 4)) * 1000,
  );
  abandon.unref();
  const unanswered = setInterval(() => void expireUnansweredCalls(app.deps).catch((err) => app.log.error({ err }, "unanswered-call sweep failed")), 5000);
  unanswered.unref();
  return {
    router,
    mail,
    outbox,
    async stop() {
      await mail.stop();
      await outbox.stop();
      sweeper.stop();
      clearInterval(abandon);
      clearInterval(unanswered);
      await router.stop();
    },
  };
}
