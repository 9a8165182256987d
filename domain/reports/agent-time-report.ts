// The agents' timesheet for supervisors and managers (reports.read): the agents the viewer may
// watch (all, or the teams they lead), for a period of at most 93 days on the organisation's
// clock, read in a few queries (state history, time on calls, pause reasons, teams, then the
// holds on those calls' interactions) and counted by agent-time.ts.
import { visibleAgentsWhere } from "../agents/agent-visibility.ts";
import { type Viewer, can } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { type Translations, readTranslations } from "../shared/localized-name.ts";
import { type AgentTime, type HoldEvent, agentTime, holdSpans } from "./agent-time.ts";
import { periodOf } from "./ivr-report.ts";
import { assertTeamInScope, scopeTeamsWhere } from "./report-scope.ts";

export interface AgentTimeReport {
  from: Date;
  to: Date;
  timezone: string;
  agents: (AgentTime & { name: string; username: string })[];
  /** The pause reasons the figures mention: their name and its translations (screens pick the language). */
  pauseReasons: { id: string; name: string; translations: Translations }[];
  /** The teams the viewer may filter by. */
  teams: { id: string; name: string }[];
}

export async function agentTimeReport(
  viewer: Viewer,
  input: { from?: Date | null; to?: Date | null; teamId?: string | null },
  deps: Pick<Deps, "db" | "now">,
): Promise<AgentTimeReport> {
  if (!can(viewer, "reports.read")) throw new DomainError("FORBIDDEN", "Your role does not allow reading reports");
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: viewer.organizationId }, select: { timezone: true } });
  const now = deps.now();
  const { from, to } = periodOf(input, org.timezone, now);
  await assertTeamInScope(viewer, input.teamId, deps.db);
  const where = visibleAgentsWhere(viewer, input.teamId);
  const users = where
    ? await deps.db.user.findMany({ where, select: { id: true, name: true, username: true }, orderBy: [{ name: "asc" }, { username: "asc" }] })
    : [];
  const userIds = users.map((u) => u.id);
  const [spans, talks, codes, teams] = await Promise.all([
    deps.db.agentStateChange.findMany({
      where: { userId: { in: userIds }, startedAt: { lt: to }, OR: [{ endedAt: null }, { endedAt: { gt: from } }] },
      select: { userId: true, state: true, pauseCodeId: true, startedAt: true, endedAt: true },
    }),
    deps.db.callParty.findMany({
      where: { userId: { in: userIds }, joinedAt: { not: null, lt: to }, role: { not: "MONITOR" }, OR: [{ leftAt: null }, { leftAt: { gt: from } }] },
      select: { userId: true, joinedAt: true, leftAt: true, call: { select: { interactionId: true } } },
    }),
    deps.db.pauseCode.findMany({ where: { organizationId: viewer.organizationId }, select: { id: true, name: true, translations: true } }),
    deps.db.team.findMany({ where: scopeTeamsWhere(viewer), select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  // Holds: the agents' `held` / `resumed` steps on the interactions of those calls.
  const leftBy = new Map(talks.filter((t) => t.call.interactionId).map((t) => [`${t.call.interactionId}:${t.userId}`, t.leftAt]));
  const interactionIds = [...new Set(talks.flatMap((t) => (t.call.interactionId ? [t.call.interactionId] : [])))];
  const holdEvents = interactionIds.length
    ? await deps.db.interactionEvent.findMany({
        where: { interactionId: { in: interactionIds }, type: { in: ["held", "resumed"] } },
        select: { interactionId: true, type: true, agentId: true, at: true },
      })
    : [];
  const sheets = agentTime({
    userIds,
    spans,
    talks: talks.map((t) => ({ userId: t.userId!, joinedAt: t.joinedAt!, leftAt: t.leftAt })),
    holds: holdSpans(holdEvents as HoldEvent[], leftBy),
    from,
    to,
    now,
    timeZone: org.timezone,
  });
  const used = new Set(sheets.flatMap((s) => Object.keys(s.total.pauses)));
  return {
    from,
    to,
    timezone: org.timezone,
    agents: sheets.map((s, i) => ({ ...s, name: users[i].name, username: users[i].username })),
    teams,
    pauseReasons: codes.filter((c) => used.has(c.id)).map((c) => ({ id: c.id, name: c.name, translations: readTranslations(c.translations) })),
  };
}
