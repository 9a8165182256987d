import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { assertMembersInOrg } from "../shared/members.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { followTeams, queuesFollowing } from "../queues/queue-teams.ts";

const teamSchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  description: z.string().trim().max(500).default(""),
  members: z
    .array(z.object({ userId: z.uuid(), lead: z.boolean().default(false) }))
    .max(1000)
    .default([]),
});
export type TeamInput = z.input<typeof teamSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "teams.manage")) throw new DomainError("FORBIDDEN", "You may not manage teams");
}

/** Creates (no id) or updates a team together with its members and leads. */
export async function saveTeam(viewer: Viewer, id: string | null, raw: TeamInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(teamSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    const saved = await deps.db.$transaction(async (tx) => {
      await assertMembersInOrg(
        tx,
        organizationId,
        input.members.map((m) => m.userId),
        "input.members",
      );
      if (id && !(await tx.team.findFirst({ where: { id, organizationId }, select: { id: true } }))) throw notFound("Team");
      const data = { name: input.name, description: input.description };
      const team = id ? await tx.team.update({ where: { id }, data }) : await tx.team.create({ data: { ...data, organizationId } });
      await tx.teamMember.deleteMany({ where: { teamId: team.id } });
      await tx.teamMember.createMany({ data: input.members.map((m) => ({ teamId: team.id, userId: m.userId, lead: m.lead })) });
      // Queues (campaigns) following the team gain its new members and lose those who left.
      const queues = await followTeams(tx, await queuesFollowing(tx, [team.id]));
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: id ? "team.updated" : "team.created",
        targetType: "Team",
        targetId: team.id,
        targetLabel: team.name,
        data: { members: input.members.length, leads: input.members.filter((m) => m.lead).map((m) => m.userId) },
        ip,
      });
      return { team, queues };
    });
    deps.events.publish("team.updated", { organizationId, teamId: saved.team.id });
    for (const queueId of saved.queues) deps.events.publish("queue.updated", { organizationId, queueId });
    return saved.team;
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A team");
    throw e;
  }
}

export async function deleteTeam(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  const queues = await deps.db.$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id, organizationId } });
    if (!team) throw notFound("Team");
    const following = await queuesFollowing(tx, [id]);
    await tx.team.delete({ where: { id } });
    await recordAudit(tx, { organizationId, actorId: viewer.userId, action: "team.deleted", targetType: "Team", targetId: id, targetLabel: team.name, ip });
    // The queues that followed it no longer do: the members it gave them leave.
    return followTeams(tx, following);
  });
  deps.events.publish("team.deleted", { organizationId, teamId: id });
  for (const queueId of queues) deps.events.publish("queue.updated", { organizationId, queueId });
}
