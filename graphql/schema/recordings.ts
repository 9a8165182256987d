// Call recordings: finding them (recordings.listen, the agents you may watch), the agent's Record
// and Pause buttons on a call, and each recording's playback address (lib/recordings-http.ts).
import { z } from "zod";
import { requireVoice } from "../../domain/voice/require-voice.ts";
import { recordingFilterOptions, visibleRecordingsWhere } from "../../domain/voice/recording-access.ts";
import type { StorageStatus } from "../../domain/voice/recording-storage.ts";
import { recordOnDemand, setRecordingPaused } from "../../domain/voice/recordings.ts";
import { queueName, userName } from "../names.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const RecordingStateEnum = builder.enumType("RecordingState", { values: ["RECORDING", "PROCESSING", "READY", "FAILED", "DELETED"] as const });
export const RecordingPolicyEnum = builder.enumType("RecordingPolicy", { values: ["NONE", "ALL", "INBOUND", "OUTBOUND", "LISTED", "ON_DEMAND"] as const });

const Pause = builder.objectRef<{ from: number; to: number | null }>("RecordingPause").implement({
  fields: (t) => ({ from: t.exposeFloat("from"), to: t.exposeFloat("to", { nullable: true }) }),
});

builder.prismaObject("Recording", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    state: t.expose("state", { type: RecordingStateEnum }),
    startedAt: t.expose("startedAt", { type: "DateTime" }),
    durationSeconds: t.exposeFloat("durationSeconds"),
    customer: t.exposeString("customer"),
    channels: t.exposeInt("channels"),
    sizeBytes: t.exposeInt("sizeBytes"),
    error: t.exposeString("error"),
    deletedAt: t.expose("deletedAt", { type: "DateTime", nullable: true, description: "When the retention period ran out and its file was deleted." }),
    pauses: t.field({ type: [Pause], resolve: (r) => (Array.isArray(r.pauses) ? (r.pauses as { from: number; to: number | null }[]) : []) }),
    url: t.string({ nullable: true, resolve: (r) => (r.state === "READY" ? `/api/recordings/${r.id}` : null) }),
    queue: t.field({
      type: "String",
      nullable: true,
      select: { queueId: true },
      resolve: async (r, _a, ctx) => (r.queueId ? ((await queueName(ctx, r.queueId)) ?? null) : null),
    }),
    agent: t.field({
      type: "String",
      nullable: true,
      select: { agentId: true },
      resolve: async (r, _a, ctx) => (r.agentId ? ((await userName(ctx, r.agentId)) ?? null) : null),
    }),
  }),
});

const Option = builder.objectRef<{ id: string; name: string }>("RecordingFilterOption").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});
const Filters = builder.objectRef<{ queues: { id: string; name: string }[]; agents: { id: string; name: string }[] }>("RecordingFilters").implement({
  fields: (t) => ({ queues: t.expose("queues", { type: [Option] }), agents: t.expose("agents", { type: [Option] }) }),
});
const Storage = builder.objectRef<StorageStatus>("RecordingStorage").implement({
  description: "Free space on the disk that keeps call recordings.",
  fields: (t) => ({
    freeBytes: t.exposeFloat("freeBytes"),
    totalBytes: t.exposeFloat("totalBytes"),
    thresholdBytes: t.exposeFloat("thresholdBytes", { description: "Below this, recordings may fail (RECORDINGS_MIN_FREE_MB / _PERCENT)." }),
    low: t.exposeBoolean("low", { description: "Below the threshold." }),
    critical: t.exposeBoolean("critical", { description: "Below half the threshold: new calls are not recorded." }),
  }),
});

builder.queryFields((t) => ({
  recordingFilters: t.field({
    type: Filters,
    description: "The queues and agents the Recordings page can filter by.",
    authScopes: { permission: "recordings.listen" },
    resolve: (_r, _a, ctx) => recordingFilterOptions(viewerOf(ctx), ctx.app.db.prisma),
  }),
  recordingStorage: t.field({
    type: Storage,
    nullable: true,
    description: "The recordings disk now; null when it cannot be read.",
    authScopes: { anyPermission: ["recordings.listen", "queues.manage"] },
    resolve: (_r, _a, ctx) => ctx.app.recordingStorage.check(),
  }),
  recordings: t.prismaField({
    type: ["Recording"],
    description: "Recorded calls, newest first (at most 200), of the agents you may watch.",
    authScopes: { permission: "recordings.listen" },
    args: {
      from: t.arg({ type: "DateTime", required: false }),
      to: t.arg({ type: "DateTime", required: false }),
      queueId: t.arg.id({ required: false, validate: z.uuid().nullish() }),
      agentId: t.arg.id({ required: false, validate: z.uuid().nullish() }),
      search: t.arg.string({ required: false, validate: z.string().max(100).nullish() }),
    },
    resolve: async (query, _r, a, ctx) => {
      const where = await visibleRecordingsWhere(viewerOf(ctx), ctx.app.db.prisma, {
        from: a.from,
        to: a.to,
        queueId: a.queueId ? String(a.queueId) : null,
        agentId: a.agentId ? String(a.agentId) : null,
        search: a.search,
      });
      return ctx.app.db.prisma.recording.findMany({ ...query, where, orderBy: { startedAt: "desc" }, take: 200 });
    },
  }),
}));

builder.mutationFields((t) => ({
  recordCall: t.boolean({
    description: "Start recording the call you are on (queues that record on demand).",
    authScopes: { permission: "agents.work" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      requireVoice(ctx.app.callMedia);
      const target = await recordOnDemand(viewerOf(ctx), String(args.callId), ctx.app.deps, () => ctx.app.recordingStorage.check());
      await ctx.app.callMedia.record(String(args.callId), target);
      return true;
    },
  }),
  pauseRecording: t.boolean({
    description: "Pause the call's recording (the stretch stays silent and is marked) or resume it.",
    authScopes: { permission: "agents.work" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), paused: t.arg.boolean({ required: true }) },
    resolve: async (_r, args, ctx) => {
      await setRecordingPaused(viewerOf(ctx), String(args.callId), args.paused, ctx.app.deps);
      await ctx.app.callMedia.setRecordingPaused(String(args.callId), args.paused);
      return args.paused;
    },
  }),
}));
