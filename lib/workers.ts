// The worker role: background work that must run somewhere in the cluster. The periodic sweeps are
// named jobs (lib/jobs/); the router, the mailbox readers, the outbox and the SMS links are woken by events and
// keep their own runners (per-organisation and per-mailbox leases, SKIP LOCKED).
import type { SweepResult } from "../domain/voice/recording-retention.ts";
import type { StorageStatus } from "../domain/voice/recording-storage.ts";
import { JobRegistry } from "./jobs/job-registry.ts";
import { JOB_NAMES, sweepJobs } from "./jobs/sweep-jobs.ts";
import { type MailReaders, startMailReaders } from "./mail-readers.ts";
import { type OutboxRunner, startOutbox } from "./outbox-runner.ts";
import { type RouterRunner, startRouter } from "./router-runner.ts";
import type { AppServices } from "./services.ts";
import { type SmsLinks, startSmsLinks } from "./sms/sms-links.ts";

export interface Workers {
  router: RouterRunner;
  mail: MailReaders;
  outbox: OutboxRunner;
  sms: SmsLinks;
  jobs: JobRegistry;
  recordings: RecordingsUpkeep;
  stop(): Promise<void>;
}

export interface RecordingsUpkeep {
  /** Deletes recordings past their retention and leftover part files now. */
  sweep(): Promise<SweepResult | null>;
  /** Reads the recordings disk now (logs when it becomes low or fine again). */
  checkDisk(): Promise<StorageStatus | null>;
}

export function startWorkers(app: AppServices): Workers {
  const router = startRouter(app);
  const mail = startMailReaders(app);
  const outbox = startOutbox(app);
  const sms = startSmsLinks(app);
  const jobs = new JobRegistry(app.db, app.log);
  for (const job of sweepJobs(app)) jobs.define(job);
  void jobs.start().catch((err) => app.log.error({ err }, "background jobs could not start"));
  const wakes = app.pubsub.subscribe("jobWake");
  void (async () => {
    for await (const { name } of wakes) jobs.wake(name);
  })();
  const result = async <T>(name: string) => {
    const r = await jobs.run<T>(name);
    return r.ran && !r.error ? (r.result ?? null) : null;
  };
  return {
    router,
    mail,
    outbox,
    sms,
    jobs,
    recordings: { sweep: () => result<SweepResult>(JOB_NAMES.recordingRetention), checkDisk: () => result<StorageStatus>(JOB_NAMES.recordingDisk) },
    async stop() {
      await wakes.return?.();
      await jobs.stop();
      await mail.stop();
      await outbox.stop();
      await sms.stop();
      await router.stop();
    },
  };
}
