// The wall-board as it is now: a tile per active queue (now and today) and the agents' grid, read
// in a handful of queries and counted by today-figures.ts. The same for a supervisor's screen and
// a TV link; `agents` says which agents the grid may show (the viewer's, or all for a TV).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { AgentState } from "../agents/agent-state.ts";
import type { Deps } from "../ports.ts";
import { dueAt } from "../routing/scheduled.ts";
import { readTranslations, type Translations } from "../shared/localized-name.ts";
import { startOfDay } from "../shared/wall-clock.ts";
import { type BoardSettings, readBoardSettings } from "./board-settings.ts";
import { type QueueDay, type Step, agentDayFigures, emptyQueueDay, queueDayFigures } from "./today-figures.ts";
import { type RaisedAlarm, raisedAlarms } from "./raised-alarms.ts";
import { LIVE_CHANNELS, todaySteps } from "./today-steps.ts";

export interface QueueTile {
  queueId: string;
  name: string;
  waiting: number;
  longestWaitingSince: Date | null;
  agentsReady: number;
  agentsBusy: number;
  agentsWrapUp: number;
  agentsPaused: number;
  agentsSignedIn: number;
  today: QueueDay;
  /** The queue's service-level target: answered within `serviceLevelSeconds`, for `serviceLevelPercent` of calls. */
  serviceLevelSeconds: number;
  serviceLevelPercent: number;
  /** Colours (Queue.wallboard). */
  settings: BoardSettings;
}

export interface AgentTile {
  userId: string;
  name: string;
  state: AgentState;
  since: Date;
  pauseReason: { name: string; translations: Translations } | null;
  current: { channel: string; customer: string; number: string; queueName: string; since: Date } | null;
  handledToday: number;
  lastTaken: { at: Date; queueName: string } | null;
}

export interface Wallboard {
  organizationName: string;
  timezone: string;
  dayStart: Date;
  at: Date;
  queues: QueueTile[];
  agents: AgentTile[];
  alarms: RaisedAlarm[];
}

/** Only the figures of queues (for alarms): no agents' grid. */
export async function readQueueTiles(
  organizationId: string,
  deps: Pick<Deps, "db" | "now">,
): Promise<{ tiles: QueueTile[]; dayStart: Date; timezone: string; name: string; steps: Step[] }> {
  const db = deps.db;
  const now = deps.now();
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true, name: true } });
  const dayStart = startOfDay(org.timezone, now);
  const queues = await db.queue.findMany({
    where: { organizationId, active: true },
    select: { id: true, name: true, wallboard: true, serviceLevelSeconds: true, serviceLevelPercent: true, shortAbandonSeconds: true },
    orderBy: [{ priority: "desc" }, { name: "asc" }],
  });
  const ids = queues.map((q) => q.id);
  const live = { queueId: { in: ids }, state: { in: ["WAITING" as const, "OFFERED" as const] }, channel: { in: [...LIVE_CHANNELS] }, ...dueAt(now) };
  const [items, members, today] = await Promise.all([
    db.queueItem.findMany({ where: live, select: { queueId: true, enqueuedAt: true, notBefore: true } }),
    db.queueMember.findMany({
      where: { queueId: { in: ids }, user: { active: true } },
      select: {
        queueId: true,
        user: { select: { presence: { select: { state: true } }, _count: { select: { interactions: { where: { state: "ACTIVE" } } } } } },
      },
    }),
    todaySteps(organizationId, dayStart, now, db),
  ]);
  const settings = new Map(queues.map((q) => [q.id, readBoardSettings(q.wallboard)]));
  const figures = queueDayFigures(
    today.steps,
    today.wrapUps,
    new Map(queues.map((q) => [q.id, { serviceLevelSeconds: q.serviceLevelSeconds, shortAbandonSeconds: q.shortAbandonSeconds }])),
    now,
  );
  const tiles = queues.map((q) => {
    const mine = members.filter((m) => m.queueId === q.id);
    const inState = (...states: string[]) => mine.filter((m) => states.includes(m.user.presence?.state ?? "OFFLINE")).length;
    const waiting = items.filter((i) => i.queueId === q.id);
    // A call-back waits from its time (notBefore), not from when it was asked for.
    const since = waiting.map((i) => (i.notBefore ?? i.enqueuedAt).getTime());
    return {
      queueId: q.id,
      name: q.name,
      waiting: waiting.length,
      longestWaitingSince: since.length ? new Date(Math.min(...since)) : null,
      agentsReady: mine.filter((m) => m.user.presence?.state === "READY" && m.user._count.interactions === 0).length,
      agentsBusy: mine.filter((m) => m.user._count.interactions > 0).length,
      agentsWrapUp: inState("WRAP_UP"),
      agentsPaused: inState("PAUSE", "BREAK", "AWAY"),
      agentsSignedIn: mine.length - inState("OFFLINE"),
      today: figures.get(q.id) ?? emptyQueueDay(),
      serviceLevelSeconds: q.serviceLevelSeconds,
      serviceLevelPercent: q.serviceLevelPercent,
      settings: settings.get(q.id)!,
    };
  });
  return { tiles, dayStart, timezone: org.timezone, name: org.name, steps: today.steps };
}

export async function readWallboard(
  organizationId: string,
  /** The agents the grid may show (null: none). */
  agents: Prisma.UserWhereInput | null,
  deps: Pick<Deps, "db" | "now">,
): Promise<Wallboard> {
  const db = deps.db;
  const { tiles, dayStart, timezone, name, steps } = await readQueueTiles(organizationId, deps);
  const queueNames = new Map(tiles.map((t) => [t.queueId, t.name]));
  const people = agents
    ? await db.user.findMany({
        where: { AND: [agents, { presence: { state: { not: "OFFLINE" } } }] },
        select: {
          id: true,
          name: true,
          presence: { select: { state: true, since: true, pauseCode: { select: { name: true, translations: true } } } },
          interactions: {
            where: { state: "ACTIVE" },
            orderBy: { answeredAt: "desc" },
            select: {
              id: true,
              channel: true,
              queueId: true,
              answeredAt: true,
              case: { select: { contact: { select: { firstName: true, lastName: true, company: true } } } },
              visitor: { select: { name: true, phone: true } },
            },
          },
        },
        orderBy: { name: "asc" },
      })
    : [];
  const ids = people.map((p) => p.id);
  const [calls, otherQueues] = await Promise.all([
    db.call.findMany({
      where: { interactionId: { in: people.flatMap((p) => p.interactions.map((i) => i.id)) } },
      select: { interactionId: true, remoteNumber: true },
    }),
    // Queues not on the board (inactive ones) still name an agent's work.
    db.queue.findMany({ where: { organizationId, active: false }, select: { id: true, name: true } }),
  ]);
  for (const q of otherQueues) queueNames.set(q.id, q.name);
  const shown = new Set(ids);
  const day = agentDayFigures(steps.filter((s) => s.agentId && shown.has(s.agentId)));
  const numbers = new Map(calls.map((c) => [c.interactionId, c.remoteNumber]));
  const grid = people.map((p): AgentTile => {
    // A call first: that is what the agent is on; chats beside it.
    const i = p.interactions.find((x) => x.channel === "VOICE") ?? p.interactions[0];
    const d = day.get(p.id);
    return {
      userId: p.id,
      name: p.name,
      state: p.presence!.state,
      since: p.presence!.since,
      pauseReason: p.presence!.pauseCode ? { name: p.presence!.pauseCode.name, translations: readTranslations(p.presence!.pauseCode.translations) } : null,
      current: i
        ? {
            channel: i.channel,
            customer: contactName(i.case.contact) || i.visitor?.name || "",
            number: numbers.get(i.id) || i.visitor?.phone || "",
            queueName: (i.queueId && queueNames.get(i.queueId)) || "",
            since: i.answeredAt ?? p.presence!.since,
          }
        : null,
      handledToday: d?.handled ?? 0,
      lastTaken: d?.lastTaken ? { at: d.lastTaken.at, queueName: (d.lastTaken.queueId && queueNames.get(d.lastTaken.queueId)) || "" } : null,
    };
  });
  return { organizationName: name, timezone, dayStart, at: deps.now(), queues: tiles, agents: grid, alarms: await raisedAlarms(organizationId, db) };
}

const contactName = (c: { firstName: string; lastName: string; company: string } | null) =>
  c ? [c.firstName, c.lastName].filter(Boolean).join(" ") || c.company : "";
