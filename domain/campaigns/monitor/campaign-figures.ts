// What the supervisor's campaign monitor shows: a campaign's calls (dialled, answered by a person,
// a machine or unsure, busy, no answer, network errors, abandoned and connected, overall, in the last
// hour and per hour of today), its contacts, result codes, script answers and its queue's agents.
// Counted by the database in a few grouped queries (a campaign may have 300k attempts); what the
// counts mean is figures-math.ts. Definitions: docs/campaigns.md, Campaign monitor.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Viewer } from "../../access/viewer.ts";
import type { AgentState } from "../../agents/agent-state.ts";
import { definitionSchema, type Question } from "../../scripts/definition.ts";
import { localizedName } from "../../shared/localized-name.ts";
import { notFound } from "../../shared/errors.ts";
import type { Db } from "../../shared/tx.ts";
import { startOfDay, wallClock } from "../../shared/wall-clock.ts";
import { assertCanManageCampaigns } from "../contact-lists/import-list.ts";
import { type CapLevel, type HourFigures, abandonPercent, capLevel, hourBuckets } from "./figures-math.ts";
import { type AnswerGroup, type QuestionTally, mergeQuestions, tallyAnswers } from "./script-tally.ts";
import { NO_TEXTS, type TextCounts, countTexts } from "./text-figures.ts";

export type CampaignStatus = "DRAFT" | "RUNNING" | "PAUSED" | "STOPPED" | "COMPLETED";
export type CampaignMode = "PREVIEW" | "PROGRESSIVE" | "PREDICTIVE" | "SMS";

interface Counted {
  dialled: number;
  /** Answered and AMD said a person (or there was no AMD). */
  human: number;
  machine: number;
  unsure: number;
  busy: number;
  noAnswer: number;
  networkError: number;
  /** Answered by someone taken for a person (not a machine): the abandon rate's denominator. */
  personAnswered: number;
  abandoned: number;
  connected: number;
}

export interface CallCounts extends Counted {
  abandonPercent: number | null;
  capLevel: CapLevel;
}

export interface ContactCounts {
  total: number;
  waitingDue: number;
  waitingLater: number;
  dialling: number;
  inCall: number;
  done: number;
  doneBy: { reason: string; count: number }[];
  attemptsLeft: number;
}

export interface ResultCodeCount {
  dispositionId: string | null;
  name: string;
  kind: string | null;
  count: number;
}

export interface MonitorAgent {
  userId: string;
  name: string;
  state: AgentState;
  since: Date | null;
  onCampaignCall: boolean;
}

export interface CampaignSummary {
  id: string;
  name: string;
  status: CampaignStatus;
  mode: CampaignMode;
  queueId: string;
  abandonCapPercent: number;
  maxAttempts: number;
  startedAt: Date | null;
  calls: CallCounts;
  lastHour: CallCounts;
  contacts: ContactCounts;
  /** An SMS campaign's texts (zeros for a calling one). */
  texts: TextCounts;
}

export interface CampaignFigures extends CampaignSummary {
  queueName: string;
  callScriptId: string | null;
  timezone: string;
  at: Date;
  hours: HourFigures[];
  resultCodes: ResultCodeCount[];
  agents: MonitorAgent[];
}

interface CallRow extends Counted {
  campaignId: string;
}

const num = (v: unknown) => Number(v ?? 0);

/** A person answered (the dialer's rule, domain/campaigns/dialer/dialer.ts): put through to an agent,
 * abandoned waiting for one, AMD said HUMAN, or UNSURE where the campaign sends those to agents.
 * Over "CampaignAttempt" a joined with its "Campaign" c. */
const PERSON = Prisma.sql`(a."connectedAt" is not null or a."outcome" = 'ABANDONED' or a."amdResult" = 'HUMAN' or (a."amdResult" = 'UNSURE' and c."unsureToAgent" and a."outcome" is distinct from 'MACHINE'))`;

function callCounts(row: Partial<CallRow> | undefined, cap: number): CallCounts {
  const c = {
    dialled: num(row?.dialled),
    human: num(row?.human),
    machine: num(row?.machine),
    unsure: num(row?.unsure),
    busy: num(row?.busy),
    noAnswer: num(row?.noAnswer),
    networkError: num(row?.networkError),
    personAnswered: num(row?.personAnswered),
    abandoned: num(row?.abandoned),
    connected: num(row?.connected),
  };
  const pct = abandonPercent(c.abandoned, c.personAnswered);
  return { ...c, abandonPercent: pct, capLevel: capLevel(pct, cap) };
}

/** Call counts per campaign, since `since` (null: all), for the given campaigns. */
async function countCalls(db: Db, campaignIds: string[], since: Date | null): Promise<Map<string, CallRow>> {
  if (!campaignIds.length) return new Map();
  const rows = await db.$queryRaw<CallRow[]>`
    select a."campaignId"::text as "campaignId",
      count(*)::int as "dialled",
      count(*) filter (where a."amdResult" = 'HUMAN' or (a."amdResult" is null and (a."connectedAt" is not null or a."outcome" = 'ABANDONED')))::int as "human",
      count(*) filter (where a."amdResult" = 'MACHINE')::int as "machine",
      count(*) filter (where a."amdResult" = 'UNSURE')::int as "unsure",
      count(*) filter (where a."outcome" = 'BUSY')::int as "busy",
      count(*) filter (where a."outcome" = 'NO_ANSWER')::int as "noAnswer",
      count(*) filter (where a."outcome" = 'NETWORK_ERROR')::int as "networkError",
      count(*) filter (where ${PERSON})::int as "personAnswered",
      count(*) filter (where a."outcome" = 'ABANDONED')::int as "abandoned",
      count(*) filter (where a."connectedAt" is not null)::int as "connected"
    from "CampaignAttempt" a join "Campaign" c on c."id" = a."campaignId"
    where a."campaignId" = any(${campaignIds}::uuid[]) and a."startedAt" >= ${since ?? new Date(0)}
    group by a."campaignId"`;
  return new Map(rows.map((r) => [r.campaignId, r]));
}

interface ContactRow {
  campaignId: string;
  state: string;
  done: string | null;
  due: boolean;
  count: number;
  attempts: number;
}

async function countContacts(db: Db, campaigns: { id: string; maxAttempts: number }[], now: Date): Promise<Map<string, ContactCounts>> {
  const out = new Map<string, ContactCounts>(
    campaigns.map((c) => [c.id, { total: 0, waitingDue: 0, waitingLater: 0, dialling: 0, inCall: 0, done: 0, doneBy: [], attemptsLeft: 0 }]),
  );
  if (!campaigns.length) return out;
  const rows = await db.$queryRaw<ContactRow[]>`
    select "campaignId"::text as "campaignId", "state"::text as "state", "done"::text as "done",
      ("nextAttemptAt" is null or "nextAttemptAt" <= ${now}) as "due",
      count(*)::int as "count",
      sum(least("attempts", c."maxAttempts"))::int as "attempts"
    from "CampaignContact" k join "Campaign" c on c."id" = k."campaignId"
    where k."campaignId" = any(${campaigns.map((c) => c.id)}::uuid[])
    group by 1, 2, 3, 4`;
  const max = new Map(campaigns.map((c) => [c.id, c.maxAttempts]));
  for (const r of rows) {
    const c = out.get(r.campaignId)!;
    const n = num(r.count);
    c.total += n;
    if (r.state === "DONE") {
      c.done += n;
      const reason = r.done ?? "UNKNOWN";
      const by = c.doneBy.find((d) => d.reason === reason);
      if (by) by.count += n;
      else c.doneBy.push({ reason, count: n });
      continue;
    }
    // Left: the campaign's maximum per contact, less the calls made (capped there by the query).
    c.attemptsLeft += (max.get(r.campaignId) ?? 0) * n - num(r.attempts);
    if (r.state === "WAITING") {
      if (r.due) c.waitingDue += n;
      else c.waitingLater += n;
    } else if (r.state === "DIALLING") c.dialling += n;
    else c.inCall += n;
  }
  for (const c of out.values()) c.doneBy.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return out;
}

const HOUR = 3600_000;

const campaignSelect = {
  id: true,
  name: true,
  status: true,
  mode: true,
  queueId: true,
  abandonCapPercent: true,
  maxAttempts: true,
  startedAt: true,
} as const;

/** The organisation's campaigns past their draft, newest first, with their headline figures. */
export async function campaignSummaries(viewer: Viewer, db: Db, now: Date): Promise<CampaignSummary[]> {
  assertCanManageCampaigns(viewer);
  const campaigns = await db.campaign.findMany({
    where: { organizationId: viewer.organizationId, status: { not: "DRAFT" } },
    select: campaignSelect,
    orderBy: [{ createdAt: "desc" }],
  });
  const ids = campaigns.map((c) => c.id);
  const [all, hour, contacts, texts] = await Promise.all([
    countCalls(db, ids, null),
    countCalls(db, ids, new Date(now.getTime() - HOUR)),
    countContacts(db, campaigns, now),
    countTexts(
      db,
      campaigns.filter((c) => c.mode === "SMS").map((c) => c.id),
      null,
    ),
  ]);
  return campaigns.map((c) => ({
    ...c,
    calls: callCounts(all.get(c.id), c.abandonCapPercent),
    lastHour: callCounts(hour.get(c.id), c.abandonCapPercent),
    contacts: contacts.get(c.id)!,
    texts: texts.get(c.id) ?? NO_TEXTS,
  }));
}

/** One campaign of the viewer's organisation, or NOT_FOUND. */
export async function monitoredCampaign(viewer: Viewer, id: string, db: Db) {
  assertCanManageCampaigns(viewer);
  const c = await db.campaign.findFirst({
    where: { id, organizationId: viewer.organizationId },
    select: { ...campaignSelect, queue: { select: { name: true, callScriptId: true } }, organization: { select: { timezone: true } } },
  });
  if (!c) throw notFound("Campaign");
  return c;
}

export async function campaignFigures(viewer: Viewer, id: string, db: Db, now: Date): Promise<CampaignFigures> {
  const c = await monitoredCampaign(viewer, id, db);
  const tz = c.organization.timezone;
  const dayStart = startOfDay(tz, now);
  const [texts, all, lastHour, contacts, hourRows, codes, agents] = await Promise.all([
    c.mode === "SMS" ? countTexts(db, [c.id], null) : new Map<string, TextCounts>(),
    countCalls(db, [c.id], null),
    countCalls(db, [c.id], new Date(now.getTime() - HOUR)),
    countContacts(db, [c], now),
    db.$queryRaw<{ hour: number; dialled: number; personAnswered: number; abandoned: number }[]>`
      select extract(hour from a."startedAt" at time zone ${tz})::int as "hour",
        count(*)::int as "dialled",
        count(*) filter (where ${PERSON})::int as "personAnswered",
        count(*) filter (where a."outcome" = 'ABANDONED')::int as "abandoned"
      from "CampaignAttempt" a join "Campaign" c on c."id" = a."campaignId"
      where a."campaignId" = ${c.id}::uuid and a."startedAt" >= ${dayStart}
      group by 1`,
    resultCodes(viewer, c.id, db),
    queueAgents(c.id, c.queueId, db),
  ]);
  return {
    ...c,
    queueName: c.queue.name,
    callScriptId: c.queue.callScriptId,
    timezone: tz,
    at: now,
    calls: callCounts(all.get(c.id), c.abandonCapPercent),
    lastHour: callCounts(lastHour.get(c.id), c.abandonCapPercent),
    contacts: contacts.get(c.id)!,
    texts: texts.get(c.id) ?? NO_TEXTS,
    hours: hourBuckets(
      hourRows.map((r) => ({ hour: num(r.hour), dialled: num(r.dialled), personAnswered: num(r.personAnswered), abandoned: num(r.abandoned) })),
      Math.floor(wallClock(tz, now).minuteOfDay / 60),
    ),
    resultCodes: codes,
    agents,
  };
}

/** Attempts closed with each result code (null: none given yet), most used first, named in the viewer's language. */
async function resultCodes(viewer: Viewer, campaignId: string, db: Db): Promise<ResultCodeCount[]> {
  const groups = await db.campaignAttempt.groupBy({ by: ["dispositionId"], where: { campaignId }, _count: { _all: true } });
  const ids = groups.map((g) => g.dispositionId).filter((d): d is string => !!d);
  const codes = await db.dispositionCode.findMany({
    where: { id: { in: ids }, organizationId: viewer.organizationId },
    select: { id: true, name: true, translations: true, kind: true },
  });
  const byId = new Map(codes.map((d) => [d.id, d]));
  return groups
    .filter((g) => g.dispositionId)
    .map((g) => {
      const d = byId.get(g.dispositionId!);
      return {
        dispositionId: g.dispositionId,
        name: d ? localizedName(d.name, d.translations, viewer.locale) : "?",
        kind: d?.kind ?? null,
        count: g._count._all,
      };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The campaign queue's members: their state now, and whether they talk on one of its calls. */
async function queueAgents(campaignId: string, queueId: string, db: Db): Promise<MonitorAgent[]> {
  const [members, live] = await Promise.all([
    db.queueMember.findMany({
      where: { queueId, user: { active: true } },
      select: { user: { select: { id: true, name: true, presence: { select: { state: true, since: true } } } } },
    }),
    db.campaignAttempt.findMany({ where: { campaignId, endedAt: null, agentId: { not: null } }, select: { agentId: true } }),
  ]);
  const onCall = new Set(live.map((a) => a.agentId));
  return members
    .map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      state: (m.user.presence?.state ?? "OFFLINE") as AgentState,
      since: m.user.presence?.since ?? null,
      onCampaignCall: onCall.has(m.user.id),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The questions of the script of the campaign's queue, every version's (newest wording first). */
export async function scriptQuestions(callScriptId: string | null, db: Db): Promise<Question[]> {
  if (!callScriptId) return [];
  const versions = await db.callScriptVersion.findMany({
    where: { scriptId: callScriptId, status: { not: "DRAFT" } },
    select: { definition: true },
    orderBy: { number: "desc" },
  });
  return mergeQuestions(versions.map((v) => definitionSchema.safeParse(v.definition).data?.questions ?? []));
}

/** The campaign's script answers, tallied per question (grouped by the database, tallied by script-tally.ts). */
export async function campaignScriptTally(viewer: Viewer, id: string, db: Db): Promise<QuestionTally[]> {
  const c = await monitoredCampaign(viewer, id, db);
  const questions = await scriptQuestions(c.queue.callScriptId, db);
  if (!questions.length) return [];
  const groups = await db.$queryRaw<{ questionId: string; value: unknown; count: number }[]>`
    select s->>'questionId' as "questionId", s->'value' as "value", count(*)::int as "count"
    from "CampaignAttempt" a
      join "ScriptAnswers" r on r."interactionId" = a."interactionId"
      join "CallScriptVersion" v on v."id" = r."scriptVersionId" and v."scriptId" = ${c.queue.callScriptId}::uuid
      cross join lateral jsonb_array_elements(case when jsonb_typeof(r."steps") = 'array' then r."steps" else '[]'::jsonb end) s
    where a."campaignId" = ${c.id}::uuid
    group by 1, 2`;
  return tallyAnswers(
    questions,
    groups.map((g): AnswerGroup => ({ questionId: g.questionId, value: g.value, count: num(g.count) })),
  );
}
