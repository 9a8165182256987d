// The worker role: background work that must run somewhere in the cluster. Each piece is safe to
// run on several nodes at once (row locks, conditional updates, per-queue leases).
import { abandonSilentVisitors } from "../domain/chat/abandon-silent-visitors.ts";
import { endExpiredWrapUps } from "../domain/agents/end-expired-wrap-ups.ts";
import { expireUnansweredCalls } from "../domain/voice/calls.ts";
import { type SweepResult, expireRecordings } from "../domain/voice/recording-retention.ts";
import type { StorageStatus } from "../domain/voice/recording-storage.ts";
import { folderRecordingFiles } from "./adapters/recording-files.ts";
import { type MailReaders, startMailReaders } from "./mail-readers.ts";
import { type OutboxRunner, startOutbox } from "./outbox-runner.ts";
import { startDisconnectSweeper } from "./presence-heartbeat.ts";
import { type RouterRunner, startRouter } from "./router-runner.ts";
import type { AppServices } from "./services.ts";

export interface Workers {
  router: RouterRunner;
  mail: MailReaders;
  outbox: OutboxRunner;
  recordings: RecordingsUpkeep;
  stop(): Promise<void>;
}

export interface RecordingsUpkeep {
  /** Deletes recordings past their retention and leftover part files now (null: a sweep was running). */
  sweep(): Promise<SweepResult | null>;
  /** Reads the recordings disk now (logs when it becomes low or fine again). */
  checkDisk(): Promise<StorageStatus | null>;
  stop(): Promise<void>;
}

/** Retention hourly (and shortly after start), the disk every minute (and at start). */
function startRecordingsUpkeep(app: AppServices): RecordingsUpkeep {
  const files = folderRecordingFiles(app.config.recordingsDir);
  let running: Promise<SweepResult> | null = null;
  const sweep = async () => {
    if (running) return null;
    running = expireRecordings(app.deps, files);
    try {
      const r = await running;
      const deleted = [...r.deleted.values()].reduce((a, b) => a + b, 0);
      if (deleted || r.partsRemoved) app.log.info({ deleted, partsRemoved: r.partsRemoved }, "expired recordings deleted");
      return r;
    } finally {
      running = null;
    }
  };
  const sweepLater = () => void sweep().catch((err) => app.log.error({ err }, "recording retention sweep failed"));
  const checkDisk = () => app.recordingStorage.check();
  const first = setTimeout(sweepLater, 30_000);
  const hourly = setInterval(sweepLater, 3_600_000);
  void checkDisk();
  const disk = setInterval(() => void checkDisk(), 60_000);
  for (const t of [first, hourly, disk]) t.unref();
  return {
    sweep,
    checkDisk,
    async stop() {
      clearTimeout(first);
      clearInterval(hourly);
      clearInterval(disk);
      await running?.catch(() => {});
    },
  };
}

export function startWorkers(app: AppServices): Workers {
  const sweeper = startDisconnectSweeper(app);
  const router = startRouter(app);
  const mail = startMailReaders(app);
  const outbox = startOutbox(app);
  const recordings = startRecordingsUpkeep(app);
  const abandon = setInterval(
    () => void abandonSilentVisitors(app.config.visitorTimeoutSeconds, app.deps).catch((err) => app.log.error({ err }, "abandon sweep failed")),
    Math.max(5, Math.floor(app.config.visitorTimeoutSeconds / 4)) * 1000,
  );
  abandon.unref();
  const unanswered = setInterval(() => void expireUnansweredCalls(app.deps).catch((err) => app.log.error({ err }, "unanswered-call sweep failed")), 5000);
  unanswered.unref();
  // Wrap-up ends to the second: the agent's next offer waits on it.
  const wrapUps = setInterval(() => void endExpiredWrapUps(app.deps).catch((err) => app.log.error({ err }, "wrap-up sweep failed")), 1000);
  wrapUps.unref();
  // A wait grows with no event at all: longest-wait alarms (and the hold before clearing) need a clock.
  const alarms = setInterval(() => void app.alarms.tick().catch((err) => app.log.error({ err }, "alarm tick failed")), 2000);
  alarms.unref();
  return {
    router,
    mail,
    outbox,
    recordings,
    async stop() {
      await recordings.stop();
      await mail.stop();
      await outbox.stop();
      sweeper.stop();
      clearInterval(abandon);
      clearInterval(unanswered);
      clearInterval(wrapUps);
      clearInterval(alarms);
      await router.stop();
    },
  };
}
