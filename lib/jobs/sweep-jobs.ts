// The worker role's periodic sweeps, as named jobs. Exclusive where one node in the cluster is
// enough; shared where each node has its own part (its recordings folder and disk).
import { endExpiredWrapUps } from "../../domain/agents/end-expired-wrap-ups.ts";
import { Dialer } from "../../domain/campaigns/dialer/dialer.ts";
import { markDisconnectedAgentsOffline } from "../../domain/agents/mark-disconnected-offline.ts";
import { abandonSilentVisitors } from "../../domain/chat/abandon-silent-visitors.ts";
import { applyMissedConversations } from "../../domain/reports/conversation-intervals.ts";
import { applyMissedOutboundCalls } from "../../domain/reports/outbound-intervals.ts";
import { applyMissedInteractions } from "../../domain/reports/queue-intervals.ts";
import { sendScheduledReports } from "../../domain/reports/send-scheduled-reports.ts";
import { expireUnansweredCalls } from "../../domain/voice/calls.ts";
import { announceNewDays } from "../../domain/wallboard/new-day.ts";
import { endCallsWithoutMedia } from "../../domain/voice/media-owner.ts";
import { trunksWithoutRegistrar } from "../../domain/phone/trunk-registrar.ts";
import { failInterruptedImports } from "../../domain/campaigns/contact-lists/import-list.ts";
import { type SweepResult, expireRecordings } from "../../domain/voice/recording-retention.ts";
import type { StorageStatus } from "../../domain/voice/recording-storage.ts";
import { folderRecordingFiles } from "../adapters/recording-files.ts";
import { composeReportMail } from "../saved-report-mail.ts";
import type { AppServices } from "../services.ts";
import type { JobDefinition } from "./job-registry.ts";

export const JOB_NAMES = {
  recordingRetention: "recordings.retention",
  recordingDisk: "recordings.disk",
  silentVisitors: "chat.abandon_silent_visitors",
  unansweredCalls: "calls.expire_unanswered",
  wrapUps: "agents.end_wrap_ups",
  disconnectedAgents: "agents.mark_disconnected_offline",
  reportCatchUp: "reports.apply_missed_interactions",
  callsWithoutMedia: "calls.end_without_media",
  alarms: "alarms.evaluate",
  scheduledReports: "reports.send_scheduled",
  campaignDialer: "campaigns.dial",
  lapsedRegistrars: "trunks.fail_lapsed_registrations",
  interruptedImports: "contact_lists.fail_interrupted_imports",
  wallboardNewDay: "wallboard.new_day",
} as const;

export function sweepJobs(app: AppServices): JobDefinition[] {
  const files = folderRecordingFiles(app.config.recordingsDir);
  const { deps, config } = app;
  const dialer = new Dialer(deps);
  // When the new-day job last looked (this node's; a node taking over looks back one period).
  let dayLookedAt = new Date(deps.now().getTime() - 30_000);
  const retention: JobDefinition<SweepResult> = {
    name: JOB_NAMES.recordingRetention,
    // Each node sweeps its own recordings folder (part files are local); rows are claimed conditionally.
    kind: "SHARED",
    everyMs: 3_600_000,
    firstDelayMs: 30_000,
    async run() {
      const r = await expireRecordings(deps, files);
      const deleted = [...r.deleted.values()].reduce((a, b) => a + b, 0);
      if (deleted || r.partsRemoved) app.log.info({ deleted, partsRemoved: r.partsRemoved }, "expired recordings deleted");
      return r;
    },
  };
  const disk: JobDefinition<StorageStatus | null> = {
    name: JOB_NAMES.recordingDisk,
    kind: "SHARED", // this node's disk
    everyMs: 60_000,
    run: () => app.recordingStorage.check(),
  };
  return [
    retention,
    disk,
    {
      name: JOB_NAMES.silentVisitors,
      kind: "EXCLUSIVE",
      everyMs: Math.max(5, Math.floor(config.visitorTimeoutSeconds / 4)) * 1000,
      run: () => abandonSilentVisitors(config.visitorTimeoutSeconds, deps),
    },
    { name: JOB_NAMES.unansweredCalls, kind: "EXCLUSIVE", everyMs: 5000, run: () => expireUnansweredCalls(deps) },
    // Wrap-up ends to the second: the agent's next offer waits on it. Its lease is 3 s, so a node
    // that dies mid-run delays wrap-ups by at most that.
    { name: JOB_NAMES.wrapUps, kind: "EXCLUSIVE", everyMs: 1000, run: () => endExpiredWrapUps(deps) },
    {
      name: JOB_NAMES.disconnectedAgents,
      kind: "EXCLUSIVE",
      everyMs: Math.max(5, Math.floor(config.presenceTimeoutSeconds / 6)) * 1000,
      run: () => markDisconnectedAgentsOffline(config.presenceTimeoutSeconds, deps),
    },
    // The queue and conversation reports' rows for interactions whose end no listener saw (a crash, an
    // end without an event), and conversations whose case was resolved after they ended.
    {
      name: JOB_NAMES.reportCatchUp,
      kind: "EXCLUSIVE",
      everyMs: 60_000,
      run: async () => (await applyMissedInteractions(deps)) + (await applyMissedConversations(deps)) + (await applyMissedOutboundCalls(deps)),
    },
    // Calls whose media node is gone (its lease on them lapsed) end as MEDIA_FAILED.
    { name: JOB_NAMES.callsWithoutMedia, kind: "EXCLUSIVE", everyMs: 5000, run: () => endCallsWithoutMedia(deps) },
    // Registering trunks whose media node is gone with no other taking them over say FAILED.
    { name: JOB_NAMES.lapsedRegistrars, kind: "EXCLUSIVE", everyMs: 10_000, run: () => trunksWithoutRegistrar(deps) },
    // Contact-list imports whose node stopped half-way fail, saying so, instead of importing for ever.
    { name: JOB_NAMES.interruptedImports, kind: "EXCLUSIVE", everyMs: 60_000, firstDelayMs: 20_000, run: () => failInterruptedImports(deps) },
    // A wait grows with no event at all: longest-wait alarms (and the hold before one clears) need a clock.
    { name: JOB_NAMES.alarms, kind: "EXCLUSIVE", everyMs: 2000, run: () => app.alarms.tick() },
    // Saved reports whose send time has come, e-mailed (each claimed once, see send-scheduled-reports.ts).
    { name: JOB_NAMES.scheduledReports, kind: "EXCLUSIVE", everyMs: 60_000, firstDelayMs: 15_000, run: () => sendScheduledReports(deps, composeReportMail) },
    // Midnight on an organisation's clock: its boards read the new day even on a quiet night.
    {
      name: JOB_NAMES.wallboardNewDay,
      kind: "EXCLUSIVE",
      everyMs: 30_000,
      async run() {
        const since = dayLookedAt;
        dayLookedAt = deps.now();
        return announceNewDays(since, { ...deps, now: () => dayLookedAt });
      },
    },
    // Campaigns' calls: attempts settled, each running campaign paced and its calls placed, every second.
    { name: JOB_NAMES.campaignDialer, kind: "EXCLUSIVE", everyMs: 1000, run: () => dialer.pass() },
  ];
}
