// The dialer: once a second (a named job one node runs at a time) it settles the attempts whose
// calls are over, and for each running campaign inside its calling window builds the pacer's
// snapshot from live state — the campaign queue's agents, its calls ringing, waiting for an agent
// and talking, its line limit — asks the campaign's pacer how many calls to start, and places them.
// A campaign with nothing left to call is completed.
//
// Each campaign's pacer (what it has learnt of ring and talk times, its abandon steering) lives in
// the process running the job. A pacer started afresh — the job moved to another node, a restart,
// the campaign's mode or cap changed — first recalls the campaign's last HISTORY_ATTEMPTS attempts
// from the database at their own times, so a predictive campaign goes on predictively instead of
// learning again (progressively) for its first minutes.
import type { Campaign } from "../../../generated/prisma/client.ts";
import { businessHoursSchema, isOpen } from "../../entry-points/business-hours.ts";
import type { Deps } from "../../ports.ts";
import { type Pacer, type PacerEvent, type PacerSnapshot, type PacerStats, type PastEvent, createPacer } from "../pacer.ts";
import { ABANDON_SECONDS } from "./campaign-calls.ts";
import { finishEndedAttempts } from "./finish-attempts.ts";
import { placeCampaignCalls } from "./place-calls.ts";
import { queuePreviews, releaseSkippedPreviews } from "./preview.ts";
import { queueAgentCallbacks } from "./agent-side.ts";
import { endLapsedTextCampaigns } from "../sms/send-campaign-sms.ts";

interface CampaignPacing {
  pacer: Pacer;
  mode: Campaign["mode"];
  abandonCap: number;
  stats: PacerStats;
  /** No snapshot taken yet: what is in `stats` already is not told again. */
  fresh: boolean;
  /** Attempts already told to the pacer, by what: their ring's end, their talk's end, an abandon. */
  told: { ring: Set<string>; talk: Set<string>; abandon: Set<string> };
}

export interface DialerPass {
  settled: number;
  placed: number;
  completed: number;
}

type PacedCampaign = Campaign & { organization: { timezone: string }; queue: { wrapUpSeconds: number } };

/** How many of a campaign's latest attempts a new pacer recalls (a few hours of a busy campaign). */
export const HISTORY_ATTEMPTS = 2000;

const ATTEMPT_FIELDS = {
  id: true,
  callId: true,
  startedAt: true,
  answeredAt: true,
  connectedAt: true,
  agentId: true,
  amdResult: true,
  outcome: true,
  endedAt: true,
} as const;
interface AttemptSeen {
  id: string;
  startedAt: Date;
  answeredAt: Date | null;
  connectedAt: Date | null;
  amdResult: string | null;
  outcome: string | null;
  endedAt: Date | null;
}
type Told = keyof CampaignPacing["told"];

/** The calls of these attempts, by id: their state and end. */
async function callsOf(db: Deps["db"], attempts: { callId: string | null }[]) {
  const rows = await db.call.findMany({
    where: { id: { in: attempts.flatMap((a) => (a.callId ? [a.callId] : [])) } },
    select: { id: true, state: true, endedAt: true },
  });
  return new Map(rows.map((call) => [call.id, call]));
}

/** Answered by someone taken for a person: put through, abandoned, or so judged by AMD. */
const takenForPerson = (a: AttemptSeen, c: Pick<Campaign, "unsureToAgent">) =>
  !!a.connectedAt || a.outcome === "ABANDONED" || a.amdResult === "HUMAN" || (a.amdResult === "UNSURE" && c.unsureToAgent);

/**
 * What the pacer learns from an attempt by `now`: its ring's end (answered and judged, or the call
 * over unanswered), its talk's end, and an abandoned person; each with when it happened.
 */
function attemptEvents(
  a: AttemptSeen,
  call: { state: string; endedAt: Date | null } | undefined,
  c: Pick<Campaign, "amd" | "unsureToAgent">,
  now: Date,
): { kind: Told; at: Date; event: PacerEvent }[] {
  const sec = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);
  const over = !call || call.state === "ENDED";
  const endedAt = call?.endedAt ?? a.endedAt ?? now;
  const judged = !!a.amdResult || !!a.connectedAt || !!a.outcome || !c.amd;
  const human = takenForPerson(a, c);
  const out: { kind: Told; at: Date; event: PacerEvent }[] = [];
  if ((a.answeredAt && judged) || over) {
    const at = a.answeredAt ?? endedAt;
    out.push({ kind: "ring", at, event: { type: "ring", sec: sec(a.startedAt, at), human: !!a.answeredAt && human } });
  }
  if (over && a.connectedAt) out.push({ kind: "talk", at: endedAt, event: { type: "talk", sec: sec(a.connectedAt, endedAt) } });
  if (a.outcome === "ABANDONED") out.push({ kind: "abandon", at: a.endedAt ?? endedAt, event: { type: "abandon" } });
  return out;
}

export class Dialer {
  private pacing = new Map<string, CampaignPacing>();

  constructor(private readonly deps: Deps) {}

  async pass(): Promise<DialerPass> {
    const settled = await finishEndedAttempts(this.deps);
    // SMS campaigns are texted by the node holding their account's link (campaigns/sms/).
    const running = await this.deps.db.campaign.findMany({
      where: { status: "RUNNING", mode: { not: "SMS" } },
      include: { organization: { select: { timezone: true } }, queue: { select: { wrapUpSeconds: true } } },
    });
    let placed = 0;
    let completed = 0;
    for (const c of running) {
      try {
        const r = await this.paceCampaign(c);
        if (r === "COMPLETED") completed++;
        else placed += r;
      } catch (err) {
        this.deps.log.error({ err, campaignId: c.id }, "pacing a campaign failed");
      }
    }
    for (const id of this.pacing.keys()) if (!running.some((c) => c.id === id)) this.pacing.delete(id);
    completed += await endLapsedTextCampaigns(this.deps);
    // Previews left waiting in the queue of a campaign no longer running are taken back.
    const halted = await this.deps.db.campaign.findMany({
      where: { status: { in: ["PAUSED", "STOPPED", "COMPLETED"] }, attempts: { some: { callId: null, endedAt: null } } },
      select: { id: true, status: true },
    });
    for (const c of halted) await releaseSkippedPreviews(c.id, this.deps, c.status === "PAUSED" ? "PAUSED" : "STOPPED");
    return { settled, placed, completed };
  }

  /** The state of a campaign's pacer (for the monitor), when this node paces it. */
  pacerState(campaignId: string) {
    return this.pacing.get(campaignId)?.pacer.state ?? null;
  }

  private async paceCampaign(c: PacedCampaign): Promise<number | "COMPLETED"> {
    const now = this.deps.now();
    const db = this.deps.db;
    const left = await db.campaignContact.count({ where: { campaignId: c.id, state: { not: "DONE" } } });
    if (left === 0 || (c.endsAt && c.endsAt <= now)) {
      if (await this.complete(c.id, now)) return "COMPLETED";
      return 0;
    }
    await releaseSkippedPreviews(c.id, this.deps);
    if (c.startsAt && c.startsAt > now) return 0;
    if (!isOpen(businessHoursSchema.parse(c.callingHours ?? {}), c.organization.timezone, now)) return 0;
    const trunk = await db.sipTrunk.findFirst({
      where: { organizationId: c.organizationId, active: true, ...(c.trunkId ? { id: c.trunkId } : {}) },
      orderBy: { createdAt: "asc" },
      select: { id: true, maxCalls: true, callerIds: true },
    });
    if (!trunk) return 0;
    const dialing = {
      id: c.id,
      organizationId: c.organizationId,
      name: c.name,
      mode: c.mode,
      queueId: c.queueId,
      trunkId: trunk.id,
      callerId: c.callerId || trunk.callerIds[0] || "",
    };
    // Call-backs promised by an agent go to that agent when due, whatever the mode.
    const callbacks = await queueAgentCallbacks(dialing, this.deps);
    // Preview: its agents call, one contact each in view; nothing is paced.
    if (c.mode === "PREVIEW") return callbacks + (await queuePreviews(dialing, this.deps));
    const pacing = await this.pacingOf(c);
    const snapshot = await this.snapshot(c, pacing, trunk, now);
    const wanted = pacing.pacer.decide(snapshot);
    if (wanted <= 0) return 0;
    // Contacts abandoned before are called only with an agent free for them (not ahead of agents).
    const freeAgents = snapshot.idle - snapshot.held - snapshot.ringing.length;
    const calls = await placeCampaignCalls(dialing, wanted, freeAgents, this.deps);
    pacing.stats.dialed += calls.length;
    return callbacks + calls.length;
  }

  private async complete(campaignId: string, now: Date): Promise<boolean> {
    const live = await this.deps.db.campaignAttempt.count({ where: { campaignId, endedAt: null } });
    if (live) return false;
    const done = await this.deps.db.campaign.updateMany({ where: { id: campaignId, status: "RUNNING" }, data: { status: "COMPLETED", finishedAt: now } });
    // Contacts left when the campaign's end came are done for want of a window.
    await this.deps.db.campaignContact.updateMany({ where: { campaignId, state: "WAITING" }, data: { state: "DONE", done: "NO_WINDOW" } });
    return done.count === 1;
  }

  private async pacingOf(c: Campaign): Promise<CampaignPacing> {
    const cap = c.abandonCapPercent / 100;
    const mode = c.mode === "PREDICTIVE" ? "PREDICTIVE" : "PROGRESSIVE";
    const known = this.pacing.get(c.id);
    if (known && known.mode === c.mode && known.abandonCap === cap) return known;
    // What the campaign has done so far (a new pacer, or one whose settings changed, learns again).
    const attempts = this.deps.db.campaignAttempt;
    const [dialed, connected, abandoned, machine, busy, noanswer] = await Promise.all([
      attempts.count({ where: { campaignId: c.id } }),
      attempts.count({ where: { campaignId: c.id, connectedAt: { not: null } } }),
      attempts.count({ where: { campaignId: c.id, outcome: "ABANDONED" } }),
      attempts.count({ where: { campaignId: c.id, outcome: "MACHINE" } }),
      attempts.count({ where: { campaignId: c.id, outcome: "BUSY" } }),
      attempts.count({ where: { campaignId: c.id, outcome: "NO_ANSWER" } }),
    ]);
    const pacer = createPacer({ mode, abandonCap: cap });
    if (mode === "PREDICTIVE") pacer.recall(await this.history(c));
    const pacing: CampaignPacing = {
      pacer,
      mode: c.mode,
      abandonCap: cap,
      stats: { dialed, human: connected + abandoned, machine, busy, noanswer, abandoned, connected },
      fresh: true,
      told: { ring: new Set(), talk: new Set(), abandon: new Set() },
    };
    this.pacing.set(c.id, pacing);
    return pacing;
  }

  /** The campaign's latest attempts as what its pacer would have been told, oldest first. */
  private async history(c: Campaign): Promise<PastEvent[]> {
    const now = this.deps.now();
    const attempts = await this.deps.db.campaignAttempt.findMany({
      where: { campaignId: c.id, OR: [{ endedAt: { not: null } }, { answeredAt: { not: null } }] },
      select: ATTEMPT_FIELDS,
      orderBy: { startedAt: "desc" },
      take: HISTORY_ATTEMPTS,
    });
    const calls = await callsOf(this.deps.db, attempts);
    const start = (c.startedAt ?? now).getTime();
    return attempts
      .flatMap((a) => attemptEvents(a, a.callId ? calls.get(a.callId) : undefined, c, now))
      .map(({ at, event }) => ({ t: (at.getTime() - start) / 1000, event }))
      .sort((x, y) => x.t - y.t);
  }

  private async snapshot(c: PacedCampaign, pacing: CampaignPacing, trunk: { id: string; maxCalls: number }, now: Date): Promise<PacerSnapshot> {
    const db = this.deps.db;
    const sec = (from: Date, to: Date = now) => Math.max(0, (to.getTime() - from.getTime()) / 1000);
    // Its calls live now, and those ended since a little before the last pass (for the events).
    const recent = new Date(now.getTime() - 60_000);
    const attempts = await db.campaignAttempt.findMany({
      where: { campaignId: c.id, OR: [{ endedAt: null }, { endedAt: { gte: recent } }] },
      select: ATTEMPT_FIELDS,
    });
    const calls = await callsOf(db, attempts);
    const ringing: number[] = [];
    const talkingBy = new Map<string, number>();
    let held = 0;
    let live = 0;
    const events: PacerEvent[] = [];
    // A new pacer recalled the past (or takes it as known: it is in `stats`): nothing is told again.
    const first = pacing.fresh;
    for (const a of attempts) {
      const call = a.callId ? calls.get(a.callId) : undefined;
      const over = !call || call.state === "ENDED";
      if (!over) live++;
      // Ringing, or answered and still being listened to: not yet known to be a person.
      const judged = !!a.amdResult || !!a.connectedAt || !!a.outcome || !c.amd;
      if (!over && (!a.answeredAt || !judged)) ringing.push(sec(a.startedAt));
      else if (!over && !a.connectedAt && takenForPerson(a, c) && a.outcome !== "ABANDONED") held++;
      if (!over && a.connectedAt && a.agentId) talkingBy.set(a.agentId, sec(a.connectedAt));
      for (const e of attemptEvents(a, call, c, now)) {
        if (pacing.told[e.kind].has(a.id)) continue;
        pacing.told[e.kind].add(a.id);
        if (first) continue;
        events.push(e.event);
        if (e.event.type === "ring") {
          if (e.event.human) pacing.stats.human++;
          else if (a.answeredAt) pacing.stats.machine++;
          else pacing.stats.noanswer++;
        } else if (e.event.type === "talk") pacing.stats.connected++;
        else pacing.stats.abandoned++;
      }
    }
    pacing.fresh = false;
    // Forget attempts that can no longer come back in the window above.
    const inWindow = new Set(attempts.map((a) => a.id));
    for (const set of Object.values(pacing.told)) for (const id of set) if (!inWindow.has(id)) set.delete(id);

    const members = await db.queueMember.findMany({ where: { queueId: c.queueId }, select: { userId: true } });
    const presences = await db.agentPresence.findMany({
      where: { userId: { in: members.map((m) => m.userId) }, state: { in: ["READY", "WRAP_UP"] } },
      select: { userId: true, state: true, since: true },
    });
    const busyIds = new Set(
      (
        await db.interaction.findMany({
          where: { agentId: { in: presences.map((p) => p.userId) }, state: "ACTIVE", channel: "VOICE" },
          select: { agentId: true },
        })
      ).map((i) => i.agentId!),
    );
    const offered = new Set(
      (await db.queueItem.findMany({ where: { offeredToId: { in: presences.map((p) => p.userId) }, state: "OFFERED" }, select: { offeredToId: true } })).map(
        (o) => o.offeredToId!,
      ),
    );
    const idle = presences.filter((p) => p.state === "READY" && !busyIds.has(p.userId) && !offered.has(p.userId)).length;
    const wrapping = presences.filter((p) => p.state === "WRAP_UP").map((p) => sec(p.since));
    const talking = [...talkingBy.values()];
    const trunkLive = await db.callParty.count({
      where: { trunkId: trunk.id, phone: { not: null }, leftAt: null, call: { state: { in: ["RINGING", "ACTIVE"] } } },
    });
    const linesFree = Math.max(0, Math.min(c.lineLimit - live, trunk.maxCalls - trunkLive));
    return {
      t: c.startedAt ? sec(c.startedAt) : 0,
      agents: idle + talking.length + wrapping.length,
      lines: c.lineLimit,
      wrapSec: c.queue.wrapUpSeconds,
      abandonSec: ABANDON_SECONDS,
      idle,
      held,
      talking,
      wrapping,
      ringing,
      linesFree,
      stats: { ...pacing.stats },
      events,
    };
  }
}
