// Outbound campaigns, the administrator's side: a campaign's settings, its lists and own
// do-not-call numbers, and its life (draft → running ⇄ paused → stopped). Each campaign works
// through a queue of its own ("Campaign: <name>", voice), which holds its agents, wrap-up, required
// result code, recording, priority and script, written by the queues' own code. The dialer
// (domain/campaigns/dialer/) reads running campaigns and their contacts each second, so an edit of
// a running campaign takes effect at once. Everything here needs campaigns.manage and is audited.
import type { CountryCode } from "libphonenumber-js/min";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { callerIdOn } from "../phone/dial-out.ts";
import type { Deps } from "../ports.ts";
import { parseQueueInput, storedQueueSettings, writeQueue } from "../queues/save-queue.ts";
import { DomainError, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import type { Db } from "../shared/tx.ts";
import { type CampaignAction, type CampaignSettings, type CampaignSettingsInput, campaignSettingsSchema, mayDo } from "./campaign-settings.ts";
import { assertCanManageCampaigns } from "./contact-lists/import-list.ts";
import { isCountryCode, normaliseListPhone } from "./contact-lists/list-phone.ts";
import { type EnrolCounts, enrolContacts } from "./enrol-contacts.ts";

export const STOPPED_TEXT = "not sent: the campaign was stopped";

/** The campaign's queue is named after it, so reports and the wall-board show whose calls they are. */
export const campaignQueueName = (name: string) => `Campaign: ${name}`;

const sorted = (ids: string[]) => [...ids].sort();
const byUser = (members: { userId: string; skillLevel: number }[]) => [...members].sort((a, b) => a.userId.localeCompare(b.userId));

/** Creates (no id) or updates a campaign with its queue and lists; lists added to a running or
 * paused campaign are enrolled at once. */
export async function saveCampaign(viewer: Viewer, id: string | null, raw: CampaignSettingsInput, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  const input = parseInput(campaignSettingsSchema, raw);
  const organizationId = viewer.organizationId;
  const now = deps.now();
  let campaign;
  try {
    campaign = await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.campaign.findFirst({ where: { id, organizationId }, include: { lists: { select: { listId: true } } } }) : null;
      if (id && !existing) throw notFound("Campaign");
      if (existing && (existing.status === "STOPPED" || existing.status === "COMPLETED"))
        throw new DomainError("CONFLICT", "A finished campaign cannot be changed", { reason: "CAMPAIGN_FINISHED" });
      const live = existing?.status === "RUNNING" || existing?.status === "PAUSED";
      // Its contacts are called or texted, not both: the kind is fixed once it has run.
      if (existing && existing.status !== "DRAFT" && (existing.mode === "SMS") !== (input.mode === "SMS"))
        throw new DomainError("CONFLICT", "A campaign that has run cannot change between calls and SMS", { reason: "CAMPAIGN_KIND_FIXED" });
      const callerId = await checkReferences(tx, organizationId, input, live);
      const members = input.members.map((m) => ({ userId: m.userId, skillLevel: m.skillLevel }));
      await checkTeams(tx, organizationId, input.teamIds);
      // The campaign owns these of its queue's settings; the others stay as set on the queue.
      const current = existing
        ? await tx.queue.findUnique({
            where: { id: existing.queueId },
            include: { members: { where: { viaTeam: false }, select: { userId: true, skillLevel: true } }, teams: { select: { teamId: true } } },
          })
        : null;
      const queueInput = parseQueueInput({
        ...(current ? storedQueueSettings(current) : {}),
        name: campaignQueueName(input.name),
        description: input.description,
        // An SMS campaign's queue takes the replies to its texts.
        channels: [input.mode === "SMS" ? "SMS" : "VOICE"],
        priority: input.priority,
        members,
        wrapUpSeconds: input.wrapUpSeconds,
        requireDisposition: input.requireDisposition,
        recordingPolicy: input.recordingPolicy,
      });
      // Teams are followed: who joins or leaves one later joins or leaves the campaign (queue-teams.ts).
      const queue = await writeQueue(tx, viewer, existing?.queueId ?? null, queueInput, ip, { teamIds: input.teamIds });
      if (queue.callScriptId !== input.callScriptId) await tx.queue.update({ where: { id: queue.id }, data: { callScriptId: input.callScriptId } });
      const data = {
        name: input.name,
        description: input.description,
        mode: input.mode,
        trunkId: input.trunkId,
        callerId,
        callingHours: input.callingHours as Prisma.InputJsonValue,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        maxAttempts: input.maxAttempts,
        retryMinutes: input.retryMinutes as Prisma.InputJsonValue,
        lineLimit: input.lineLimit,
        ringSeconds: input.ringSeconds,
        abandonCapPercent: input.abandonCapPercent,
        amd: input.amd,
        machineAction: input.machineAction,
        unsureToAgent: input.unsureToAgent,
        abandonMessage: input.abandonMessage,
        machineMessage: input.machineMessage,
        abandonAudioId: input.abandonAudioId,
        machineAudioId: input.machineAudioId,
        language: input.language,
        previewSeconds: input.previewSeconds,
        dispositionIds: input.dispositionIds,
        smsAccountId: input.mode === "SMS" ? input.smsAccountId : null,
        smsFrom: input.smsFrom,
        smsTemplate: input.smsTemplate,
        smsPerMinute: input.smsPerMinute,
        smsPlainLetters: input.smsPlainLetters,
      };
      const saved = existing
        ? await tx.campaign.update({ where: { id: existing.id }, data })
        : await tx.campaign.create({ data: { ...data, organizationId, queueId: queue.id, createdById: viewer.userId } });
      await tx.campaignList.deleteMany({ where: { campaignId: saved.id, listId: { notIn: input.listIds } } });
      await tx.campaignList.createMany({ data: input.listIds.map((listId) => ({ campaignId: saved.id, listId })), skipDuplicates: true });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "campaign.updated" : "campaign.created",
        targetType: "Campaign",
        targetId: saved.id,
        targetLabel: saved.name,
        data: {
          // What the campaign keeps on its queue is compared with the queue as it was.
          changes: auditChanges(
            existing && current
              ? {
                  ...existing,
                  listIds: sorted(existing.lists.map((l) => l.listId)),
                  members: byUser(current.members),
                  teamIds: sorted(current.teams.map((t) => t.teamId)),
                  priority: current.priority,
                  wrapUpSeconds: current.wrapUpSeconds,
                  recordingPolicy: current.recordingPolicy,
                  callScriptId: current.callScriptId,
                }
              : null,
            {
              ...data,
              listIds: sorted(input.listIds),
              members: byUser(members),
              teamIds: sorted(input.teamIds),
              priority: input.priority,
              wrapUpSeconds: input.wrapUpSeconds,
              recordingPolicy: input.recordingPolicy,
              callScriptId: input.callScriptId,
            },
          ),
        } as never,
        ip,
      });
      return saved;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A campaign");
    throw e;
  }
  deps.events.publish("queue.updated", { organizationId, queueId: campaign.queueId });
  const enrolment = campaign.status === "RUNNING" || campaign.status === "PAUSED" ? await enrolContacts(deps.db, campaign, now) : null;
  return { campaign, enrolment };
}

/** Lists, trunk and caller ID, result codes, script and recorded prompts must be the organisation's; returns the
 * caller ID in E.164 (empty: the trunk's first). */
async function checkReferences(tx: Db, organizationId: string, input: CampaignSettings, live: boolean) {
  const lists = await tx.contactList.findMany({ where: { id: { in: input.listIds }, organizationId }, select: { status: true } });
  if (lists.length !== input.listIds.length) throw fieldError("input.listIds", "unknown", "Unknown contact list");
  if (live && lists.some((l) => l.status !== "READY"))
    throw new DomainError("CONFLICT", "A list still importing cannot be added to a running campaign", { reason: "LIST_NOT_READY" });
  const trunk = await tx.sipTrunk.findFirst({
    where: { organizationId, ...(input.trunkId ? { id: input.trunkId } : { active: true }) },
    orderBy: { createdAt: "asc" },
    select: { callerIds: true },
  });
  if (input.trunkId && !trunk) throw fieldError("input.trunkId", "unknown", "Unknown line");
  let callerId = "";
  if (input.callerId) {
    if (!trunk) throw fieldError("input.callerId", "unknown", "There is no line to show this number on");
    callerId = callerIdOn(trunk, input.callerId) ?? "";
  }
  if (input.dispositionIds.length) {
    const codes = await tx.dispositionCode.count({ where: { id: { in: input.dispositionIds }, organizationId, active: true, kind: { not: null } } });
    if (codes !== input.dispositionIds.length)
      throw fieldError("input.dispositionIds", "unknown", "Result codes must be active and have a kind (reached, retry or failed)");
  }
  if (input.callScriptId && !(await tx.callScript.count({ where: { id: input.callScriptId, organizationId } })))
    throw fieldError("input.callScriptId", "unknown", "Unknown script");
  if (input.mode === "SMS" && input.smsAccountId && !(await tx.smsAccount.count({ where: { id: input.smsAccountId, organizationId } })))
    throw fieldError("input.smsAccountId", "unknown", "Unknown SMS account");
  for (const field of ["abandonAudioId", "machineAudioId"] as const) {
    const id = input[field];
    if (id && !(await tx.audioFile.count({ where: { id, organizationId, kind: "PROMPT" } })))
      throw fieldError(`input.${field}`, "unknown", "Unknown recorded prompt");
  }
  return callerId;
}

async function checkTeams(tx: Db, organizationId: string, teamIds: string[]) {
  if (teamIds.length && (await tx.team.count({ where: { id: { in: teamIds }, organizationId } })) !== teamIds.length)
    throw fieldError("input.teamIds", "unknown", "Unknown team");
}

async function campaignOf(db: Db, viewer: Viewer, id: string) {
  const c = await db.campaign.findFirst({ where: { id, organizationId: viewer.organizationId } });
  if (!c) throw notFound("Campaign");
  return c;
}

const notNow = (action: CampaignAction, status: string) =>
  new DomainError("CONFLICT", `A ${status.toLowerCase()} campaign cannot be told to ${action}`, { reason: "CAMPAIGN_STATUS", status });

/** Moves the campaign from one status to the next (only if it is still in a status that allows it). */
async function transition(
  viewer: Viewer,
  id: string,
  action: "pause" | "resume" | "stop" | "start",
  deps: Deps,
  ip?: string,
  data: Record<string, unknown> = {},
) {
  const TO = { start: "RUNNING", pause: "PAUSED", resume: "RUNNING", stop: "STOPPED" } as const;
  const AUDIT = { start: "campaign.started", pause: "campaign.paused", resume: "campaign.resumed", stop: "campaign.stopped" } as const;
  const now = deps.now();
  return deps.db.$transaction(async (tx) => {
    const c = await campaignOf(tx, viewer, id);
    const from = (
      {
        start: ["DRAFT"],
        pause: ["RUNNING"],
        resume: ["PAUSED"],
        stop: ["RUNNING", "PAUSED"],
      } as const
    )[action];
    const { count } = await tx.campaign.updateMany({
      where: { id, status: { in: [...from] } },
      data: { status: TO[action], ...(action === "start" ? { startedAt: now } : {}), ...(action === "stop" ? { finishedAt: now } : {}) },
    });
    if (!count) throw notNow(action, c.status);
    let stoppedContacts = 0;
    if (action === "stop")
      await tx.campaignSms.updateMany({ where: { campaignId: id, state: "QUEUED" }, data: { state: "FAILED", error: STOPPED_TEXT, nextAttemptAt: null } });
    if (action === "stop")
      stoppedContacts = (await tx.campaignContact.updateMany({ where: { campaignId: id, state: { not: "DONE" } }, data: { state: "DONE", done: "STOPPED" } }))
        .count;
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: AUDIT[action],
      targetType: "Campaign",
      targetId: id,
      targetLabel: c.name,
      data: { from: c.status, ...data, ...(action === "stop" ? { stoppedContacts } : {}) } as never,
      ip,
    });
    return tx.campaign.findUniqueOrThrow({ where: { id } });
  });
}

/** Starts a draft: it needs a list (every list imported), an agent and a working line; its lists'
 * entries are enrolled before it runs, so the dialer finds them the moment it does. */
export async function startCampaign(
  viewer: Viewer,
  id: string,
  deps: Deps,
  ip?: string,
): Promise<{ campaign: Awaited<ReturnType<typeof transition>>; enrolment: EnrolCounts }> {
  assertCanManageCampaigns(viewer);
  const c = await campaignOf(deps.db, viewer, id);
  if (!mayDo("start", c.status)) throw notNow("start", c.status);
  const lists = await deps.db.campaignList.findMany({ where: { campaignId: id }, select: { list: { select: { status: true } } } });
  if (!lists.some((l) => l.list.status === "READY"))
    throw new DomainError("CONFLICT", "The campaign has no imported list to call", { reason: "CAMPAIGN_NO_LIST" });
  if (lists.some((l) => l.list.status === "IMPORTING"))
    throw new DomainError("CONFLICT", "A list of the campaign is still importing", { reason: "LIST_NOT_READY" });
  if (c.mode === "SMS") await assertCanText(deps.db, c);
  else await assertCanCall(deps.db, viewer, c);
  // Enrolled while still a draft (the dialer reads running campaigns only); a second start at once
  // finds the lists enrolled, and only one of them moves the status.
  const enrolment = await enrolContacts(deps.db, c, deps.now());
  const campaign = await transition(viewer, id, "start", deps, ip, { ...enrolment });
  return { campaign, enrolment };
}

/** A call campaign needs agents and a working line. */
async function assertCanCall(db: Db, viewer: Viewer, c: { queueId: string; trunkId: string | null }) {
  if (!(await db.queueMember.count({ where: { queueId: c.queueId } })))
    throw new DomainError("CONFLICT", "The campaign has no agents", { reason: "CAMPAIGN_NO_AGENTS" });
  const trunk = await db.sipTrunk.findFirst({
    where: { organizationId: viewer.organizationId, ...(c.trunkId ? { id: c.trunkId } : { active: true }) },
    orderBy: { createdAt: "asc" },
    select: { active: true },
  });
  if (!trunk) throw new DomainError("CONFLICT", "There is no line to call out on", { reason: "NO_TRUNK" });
  if (!trunk.active) throw new DomainError("CONFLICT", "The campaign's line is switched off", { reason: "TRUNK_OFF" });
}

/** An SMS campaign needs its account switched on and a number or name to text from. */
async function assertCanText(db: Db, c: { smsAccountId: string | null; smsFrom: string }) {
  const account = c.smsAccountId
    ? await db.smsAccount.findUnique({
        where: { id: c.smsAccountId },
        select: { active: true, numbers: { where: { kind: "SMS", active: true }, select: { id: true }, take: 1 } },
      })
    : null;
  if (!account) throw new DomainError("CONFLICT", "The campaign has no SMS account", { reason: "CAMPAIGN_NO_SMS_ACCOUNT" });
  if (!account.active) throw new DomainError("CONFLICT", "The campaign's SMS account is switched off", { reason: "SMS_ACCOUNT_OFF" });
  if (!c.smsFrom && !account.numbers.length) throw new DomainError("CONFLICT", "The SMS account has no number to text from", { reason: "NO_SMS_NUMBER" });
}

export async function pauseCampaign(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  return transition(viewer, id, "pause", deps, ip);
}

export async function resumeCampaign(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  return transition(viewer, id, "resume", deps, ip);
}

/** Stops it for good: contacts not done are done (STOPPED); calls already live go on to their end. */
export async function stopCampaign(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  return transition(viewer, id, "stop", deps, ip);
}

/** Deletes a draft (nothing called yet) with its queue. */
export async function deleteCampaign(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  const queueId = await deps.db.$transaction(async (tx) => {
    const c = await campaignOf(tx, viewer, id);
    if (!mayDo("delete", c.status)) throw notNow("delete", c.status);
    await tx.campaign.delete({ where: { id } });
    await tx.queue.delete({ where: { id: c.queueId } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "campaign.deleted",
      targetType: "Campaign",
      targetId: id,
      targetLabel: c.name,
      ip,
    });
    return c.queueId;
  });
  deps.events.publish("queue.deleted", { organizationId: viewer.organizationId, queueId });
  return true;
}

/** Adds a number to the campaign's own do-not-call list; a contact waiting with it is done. */
export async function addCampaignDoNotCall(viewer: Viewer, id: string, raw: { number: string; country?: string | null }, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  const country = raw.country && isCountryCode(raw.country) ? raw.country : ("PL" as CountryCode);
  const number = normaliseListPhone(raw.number.slice(0, 64), country);
  if (!number) throw fieldError("number", "invalid_phone", "Not a phone number");
  return deps.db.$transaction(async (tx) => {
    const c = await campaignOf(tx, viewer, id);
    const { count } = await tx.campaignDoNotCall.createMany({ data: [{ campaignId: id, number, createdAt: deps.now() }], skipDuplicates: true });
    const contacts = await tx.campaignContact.updateMany({
      where: { campaignId: id, phone: number, state: "WAITING" },
      data: { state: "DONE", done: "DO_NOT_CALL" },
    });
    if (count) await auditDoNotCall(tx, viewer, c, { doNotCallAdded: number, contactsDone: contacts.count }, ip);
    return { number, added: count > 0, contactsDone: contacts.count };
  });
}

/** A change of the campaign's do-not-call numbers is a change of the campaign. */
function auditDoNotCall(tx: Db, viewer: Viewer, c: { id: string; name: string }, data: Record<string, string | number>, ip?: string) {
  return recordAudit(tx, {
    organizationId: viewer.organizationId,
    actorId: viewer.userId,
    action: "campaign.updated",
    targetType: "Campaign",
    targetId: c.id,
    targetLabel: c.name,
    data,
    ip,
  });
}

export async function removeCampaignDoNotCall(viewer: Viewer, id: string, number: string, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  return deps.db.$transaction(async (tx) => {
    const c = await campaignOf(tx, viewer, id);
    const { count } = await tx.campaignDoNotCall.deleteMany({ where: { campaignId: id, number } });
    if (count) await auditDoNotCall(tx, viewer, c, { doNotCallRemoved: number }, ip);
    return count > 0;
  });
}

/** The organisation's campaigns, newest first; `query` selects what GraphQL asked for. */
export async function campaigns(viewer: Viewer, db: Db, query: object = {}) {
  assertCanManageCampaigns(viewer);
  return db.campaign.findMany({ ...query, where: { organizationId: viewer.organizationId }, orderBy: [{ createdAt: "desc" }] });
}

export async function campaign(viewer: Viewer, id: string, db: Db, query: object = {}) {
  assertCanManageCampaigns(viewer);
  const c = await db.campaign.findFirst({ ...query, where: { id, organizationId: viewer.organizationId } });
  if (!c) throw notFound("Campaign");
  return c;
}

export interface CampaignCounts {
  total: number;
  waiting: number;
  /** Dialling or in a call now. */
  active: number;
  done: number;
  doneBy: Record<string, number>;
  attempts: number;
}

/** Where the campaign's contacts stand, and the calls placed so far. */
export async function campaignCounts(db: Db, campaignId: string): Promise<CampaignCounts> {
  const [byState, byDone, attempts] = await Promise.all([
    db.campaignContact.groupBy({ by: ["state"], where: { campaignId }, _count: { _all: true } }),
    db.campaignContact.groupBy({ by: ["done"], where: { campaignId, state: "DONE" }, _count: { _all: true } }),
    db.campaignAttempt.count({ where: { campaignId } }),
  ]);
  const state = Object.fromEntries(byState.map((s) => [s.state, s._count._all])) as Record<string, number>;
  return {
    total: byState.reduce((n, s) => n + s._count._all, 0),
    waiting: state.WAITING ?? 0,
    active: (state.DIALLING ?? 0) + (state.IN_CALL ?? 0),
    done: state.DONE ?? 0,
    doneBy: Object.fromEntries(byDone.map((d) => [d.done ?? "UNKNOWN", d._count._all])),
    attempts,
  };
}

/** What a campaign's editor chooses from: imported lists, lines with their caller IDs, agents,
 * teams, result codes with a kind, scripts, recorded prompts and SMS accounts (all for campaigns.manage, whatever
 * else the role may). */
export async function campaignOptions(viewer: Viewer, db: Db) {
  assertCanManageCampaigns(viewer);
  const organizationId = viewer.organizationId;
  const [lists, trunks, agents, teams, resultCodes, scripts, prompts, smsAccounts] = await Promise.all([
    db.contactList.findMany({
      where: { organizationId },
      select: { id: true, name: true, status: true, imported: true, fieldNames: true },
      orderBy: { createdAt: "asc" },
    }),
    db.sipTrunk.findMany({ where: { organizationId }, select: { id: true, name: true, active: true, callerIds: true }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { organizationId, active: true }, select: { id: true, name: true, username: true }, orderBy: { name: "asc" } }),
    db.team.findMany({ where: { organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.dispositionCode.findMany({
      where: { organizationId, active: true, kind: { not: null } },
      select: { id: true, name: true, translations: true, kind: true },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    }),
    db.callScript.findMany({ where: { organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.audioFile.findMany({ where: { organizationId, kind: "PROMPT" }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.smsAccount.findMany({
      where: { organizationId },
      select: { id: true, name: true, active: true, numbers: { where: { kind: "SMS", active: true }, select: { key: true }, orderBy: { createdAt: "asc" } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return { lists, trunks, agents, teams, resultCodes, scripts, prompts, smsAccounts };
}
