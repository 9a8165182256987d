// The agents' timesheet for supervisors and managers (reports.read): the agents the viewer may
// watch (all, or the teams they lead), for a period of at most 93 days on the organisation's
// clock, read in three queries (state history, time on calls, pause reasons) and counted by
// agent-time.ts.
import { visibleAgentsWhere } from "../agents/agent-visibility.ts";
import { type Viewer, can } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { type Translations, readTranslations } from "../shared/localized-name.ts";
import { type AgentTime, agentTime } from "./agent-time.ts";
import { periodOf } from "./ivr-report.ts";

export interface AgentTimeReport {
  from: Date;
  to: Date;
  timezone: string;
  agents: (AgentTime & { name: string; username: string })[];
  /** The pause reasons the figures mention: their name and its translations (screens pick the language). */
  pauseReasons: { id: string; name: string; translations: Translations }[];
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
  const where = visibleAgentsWhere(viewer, input.teamId);
  const users = where ? await deps.db.user.findMany({ where, select: { id: true, name: true, username: true }, orderBy: [{ name: "asc" }, { username: "asc" }] }) : [];
  const userIds = users.map((u) => u.id);
  const [spans, talks, codes] = await Promise.all([
    deps.db.agentStateChange.findMany({
      where: { userId: { in: userIds }, startedAt: { lt: to }, OR: [{ endedAt: null }, { endedAt: { gt: from } }] },
      select: { userId: true, state: true, pauseCodeId: true, startedAt: true, endedAt: true },
    }),
    deps.db.callParty.findMany({
      where: { userId: { in: userIds }, joinedAt: { not: null, lt: to }, role: { not: "MONITOR" }, OR: [{ leftAt: null }, { leftAt: { gt: from } }] },
      select: { userId: true, joinedAt: true, leftAt: true },
    }),
    deps.db.pauseCode.findMany({ where: { organizationId: viewer.organizationId }, select: { id: true, name: true, translations: true } }),
  ]);
  const sheets = agentTime({
    userIds,
    spans,
    talks: talks.map((t) => ({ userId: t.userId!, joinedAt: t.joinedAt!, leftAt: t.leftAt })),
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
    pauseReasons: codes.filter((c) => used.has(c.id)).map((c) => ({ id: c.id, name: c.name, translations: readTranslations(c.translations) })),
  };
}
