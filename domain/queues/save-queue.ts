import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { assertMembersInOrg } from "../shared/members.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { parsePhoneList } from "../shared/phone-number.ts";
import { slaSettingsSchema } from "./sla-settings.ts";
import type { Db } from "../shared/tx.ts";
import { followTeams, setQueueTeams } from "./queue-teams.ts";
import { boardSettingsSchema } from "../wallboard/board-settings.ts";

export const CHANNELS = ["VOICE", "CHAT", "EMAIL", "SMS", "FAX"] as const;
export type Channel = (typeof CHANNELS)[number];

const queueSchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  description: z.string().trim().max(500).default(""),
  channels: z
    .array(z.enum(CHANNELS))
    .min(1, "choose at least one channel")
    .transform((c) => [...new Set(c)]),
  priority: z.number().int().min(1, "1–100").max(100, "1–100"),
  active: z.boolean().default(true),
  members: z
    .array(z.object({ userId: z.uuid(), skillLevel: z.number().int().min(1, "1–10").max(10, "1–10") }))
    .max(1000)
    .default([]),
  strategy: z.enum(["LONGEST_IDLE", "LEAST_BUSY", "SKILLS", "ROUND_ROBIN"]).default("LONGEST_IDLE"),
  offerTimeoutSeconds: z.number().int().min(5, "5–600").max(600, "5–600").default(20),
  maxQueueLength: z.number().int().min(0, "0–10000").max(10_000, "0–10000").nullable().default(null),
  maxWaitSeconds: z.number().int().min(10, "10–86400").max(86_400, "10–86400").nullable().default(null),
  overflowQueueId: z.uuid().nullable().default(null),
  overflowMessage: z.string().trim().max(500).default(""),
  /** What an overflowing phone caller meets: the overflow queue / message, voicemail, or a call-back offer. */
  overflowAction: z.enum(["QUEUE", "VOICEMAIL", "CALLBACK"]).default("QUEUE"),
  /** Voicemail left in this queue is mailed here too; empty: kept on the case only. */
  voicemailEmail: z.union([z.literal(""), z.email("an e-mail address")]).default(""),
  /** Uploaded music its phone and web callers hear while waiting; null: the product's own. */
  musicOnHoldId: z.uuid().nullable().default(null),
  callbackRetries: z.number().int("whole tries").min(0, "0–10").max(10, "0–10").default(2),
  callbackRetryMinutes: z.number().int("whole minutes").min(1, "1–1440").max(1440, "1–1440").default(10),
  /** Under e-mails from this queue's cases, after the agent's own; template variables allowed. */
  emailSignature: z.string().trim().max(2000, "at most 2000 characters").default(""),
  recordingPolicy: z.enum(["NONE", "ALL", "INBOUND", "OUTBOUND", "LISTED", "ON_DEMAND"]).default("NONE"),
  /** For LISTED: customers' numbers whose calls are recorded; checked and made E.164 below. */
  recordNumbers: z.array(z.string().max(200)).max(1000, "at most 1000 numbers").default([]),
  /** Days its recordings are kept; null: the organisation's setting. */
  recordingRetentionDays: z.number().int("whole days").min(1, "1–36500").max(36_500, "1–36500").nullable().default(null),
  /** Seconds of wrap-up after a call before the agent's next offer. */
  wrapUpSeconds: z.number().int("whole seconds").min(0, "0–3600").max(3600, "0–3600").default(0),
  requireDisposition: z.boolean().default(false),
  /** Phone callers waiting hear their place and the expected wait this often; null: never. */
  announceEverySeconds: z.number().int("whole seconds").min(10, "10–600").max(600, "10–600").nullable().default(null),
  /** Calls answered within this many seconds meet the queue's service level (reports). */
  serviceLevelSeconds: z.number().int("whole seconds").min(1, "1–3600").max(3600, "1–3600").default(20),
  /** The share of calls to answer within serviceLevelSeconds, in percent. */
  serviceLevelPercent: z.number().int("whole percent").min(1, "1–100").max(100, "1–100").default(80),
  /** Callers hanging up sooner are short abandons, left out of the service level. */
  shortAbandonSeconds: z.number().int("whole seconds").min(0, "0–60").max(60, "0–60").default(5),
  /** Service-level targets of its cases: first response and resolution, per channel, counted hours. */
  sla: slaSettingsSchema,
  /** The wall-board's service-level target and tile colours; left out: kept as they are. */
  wallboard: boardSettingsSchema.optional(),
});
export type QueueInput = z.input<typeof queueSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "queues.manage")) throw new DomainError("FORBIDDEN", "You may not manage queues");
}

/** The settings a queue row holds that its input writes (members and the wall-board apart). */
const STORED_SETTINGS = Object.keys(queueSchema.shape).filter((k) => k !== "members" && k !== "wallboard");

/**
 * A queue's settings as they stand, as input: what a writer that owns only some of them (a
 * campaign its queue's name, agents, wrap-up...) starts from, so it keeps the rest — the
 * service level, routing, overflow or case SLA someone set in Administration → Queues.
 */
export function storedQueueSettings(row: Record<string, unknown>): Partial<QueueInput> {
  return Object.fromEntries(STORED_SETTINGS.filter((k) => k in row).map((k) => [k, row[k]])) as Partial<QueueInput>;
}

/** The queue's settings checked, its listed numbers in E.164. */
export function parseQueueInput(raw: QueueInput) {
  return { ...parseInput(queueSchema, raw), recordNumbers: recordNumbersOf(raw) };
}
export type ParsedQueueInput = ReturnType<typeof parseQueueInput>;

/** Creates (no id) or updates a queue with its member agents and their skill levels. */
export async function saveQueue(viewer: Viewer, id: string | null, raw: QueueInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseQueueInput(raw);
  const organizationId = viewer.organizationId;
  try {
    const queue = await deps.db.$transaction((tx) => writeQueue(tx, viewer, id, input, ip));
    deps.events.publish("queue.updated", { organizationId, queueId: queue.id });
    return queue;
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A queue");
    throw e;
  }
}

/** Writes a queue and its members inside the caller's transaction, audited; the caller has checked
 * the viewer may (queues.manage, or campaigns.manage for a campaign's own queue) and publishes.
 * With `teams`, `input.members` are the named agents and the queue follows those teams from now on;
 * without, the members are the whole list as the queue's page shows it, and one who came with a
 * followed team stays so while their skill is left as it was. Either way the followed teams'
 * members are then brought in (queue-teams.ts). */
export async function writeQueue(tx: Db, viewer: Viewer, id: string | null, input: ParsedQueueInput, ip?: string, teams?: { teamIds: string[] }) {
  const organizationId = viewer.organizationId;
  await assertMembersInOrg(
    tx,
    organizationId,
    input.members.map((m) => m.userId),
    "input.members",
  );
  const existing = id
    ? await tx.queue.findFirst({
        where: { id, organizationId },
        include: { members: { select: { userId: true, skillLevel: true, viaTeam: true }, orderBy: { createdAt: "asc" } } },
      })
    : null;
  if (id && !existing) throw notFound("Queue");
  if (input.overflowQueueId) {
    if (input.overflowQueueId === id) throw fieldError("input.overflowQueueId", "same_queue", "A queue cannot overflow into itself");
    if (!(await tx.queue.count({ where: { id: input.overflowQueueId, organizationId } })))
      throw fieldError("input.overflowQueueId", "unknown", "Unknown queue");
  }
  if (input.musicOnHoldId && !(await tx.audioFile.count({ where: { id: input.musicOnHoldId, organizationId, kind: "MUSIC" } })))
    throw fieldError("input.musicOnHoldId", "unknown", "Unknown music");
  const { members: _members, ...data } = input;
  const queue = id ? await tx.queue.update({ where: { id }, data }) : await tx.queue.create({ data: { ...data, organizationId } });
  const fromTeam = new Set(teams ? [] : (existing?.members ?? []).filter((m) => m.viaTeam).map((m) => `${m.userId}:${m.skillLevel}`));
  await tx.queueMember.deleteMany({ where: { queueId: queue.id } });
  await tx.queueMember.createMany({
    data: input.members.map((m) => ({ queueId: queue.id, userId: m.userId, skillLevel: m.skillLevel, viaTeam: fromTeam.has(`${m.userId}:${m.skillLevel}`) })),
  });
  if (teams) await setQueueTeams(tx, queue.id, teams.teamIds);
  await followTeams(tx, [queue.id]);
  await recordAudit(tx, {
    organizationId,
    actorId: viewer.userId,
    action: id ? "queue.updated" : "queue.created",
    targetType: "Queue",
    targetId: queue.id,
    targetLabel: queue.name,
    data: {
      changes: auditChanges(
        existing && { ...existing, members: existing.members.filter((m) => !teams || !m.viaTeam).map(({ userId, skillLevel }) => ({ userId, skillLevel })) },
        {
          ...data,
          members: input.members,
        },
      ),
    } as never,
    ip,
  });
  return queue;
}

/** The listed numbers in E.164, one entry each; a bad entry is named in the error. */
function recordNumbersOf(raw: QueueInput) {
  const { numbers, invalid } = parsePhoneList(raw.recordNumbers ?? []);
  if (invalid.length)
    throw fieldError("input.recordNumbers", "invalid_phone", `Not phone numbers with a country code (+48…): ${invalid.join(", ")}`, {
      numbers: invalid.slice(0, 5).join(", "),
      count: invalid.length,
    });
  if (numbers.length > 1000) throw fieldError("input.recordNumbers", "too_big", "at most 1000 numbers", { maximum: 1000 });
  if (raw.recordingPolicy === "LISTED" && !numbers.length) throw fieldError("input.recordNumbers", "required", "List the numbers whose calls are recorded");
  return numbers;
}

export async function deleteQueue(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const queue = await tx.queue.findFirst({ where: { id, organizationId }, include: { campaign: { select: { id: true } } } });
    if (!queue) throw notFound("Queue");
    if (queue.campaign) throw new DomainError("CONFLICT", "This queue is a campaign's: delete the campaign instead", { reason: "CAMPAIGN_QUEUE" });
    await tx.queue.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "queue.deleted",
      targetType: "Queue",
      targetId: id,
      targetLabel: queue.name,
      ip,
    });
  });
  deps.events.publish("queue.deleted", { organizationId, queueId: id });
}
