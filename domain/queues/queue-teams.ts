// Teams a queue follows. Routing, the wall-board and the reports read a queue's agents from
// QueueMember alone, so a followed team is kept there as rows marked `viaTeam`: added (skill 5)
// when someone joins the team, removed when they leave it or the queue stops following it. An
// agent named on the queue is never touched by this — naming wins over a team.
//
// Whoever changes a team's members (a team saved or deleted, a user's teams replaced) or the teams
// a queue follows calls followTeams inside the same transaction, and publishes queue.updated for
// the queues it returns once committed.
import type { Db } from "../shared/tx.ts";

/** The skill level of an agent who is a queue's member through a team. */
export const SKILL_FROM_TEAM = 5;

/** Sets the teams `queueId` follows (the caller has checked they are the organisation's). */
export async function setQueueTeams(tx: Db, queueId: string, teamIds: string[]) {
  await tx.queueTeam.deleteMany({ where: { queueId, teamId: { notIn: teamIds } } });
  await tx.queueTeam.createMany({ data: teamIds.map((teamId) => ({ queueId, teamId })), skipDuplicates: true });
}

/** The queues following any of `teamIds`. */
export async function queuesFollowing(tx: Db, teamIds: string[]): Promise<string[]> {
  if (!teamIds.length) return [];
  const rows = await tx.queueTeam.findMany({ where: { teamId: { in: teamIds } }, select: { queueId: true }, distinct: ["queueId"] });
  return rows.map((r) => r.queueId);
}

/** Brings the team-given members of each queue in `queueIds` in line with its teams' members now;
 * returns the queues whose members changed. */
export async function followTeams(tx: Db, queueIds: string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const queueId of new Set(queueIds)) {
    const [teams, members] = await Promise.all([
      tx.queueTeam.findMany({ where: { queueId }, select: { team: { select: { members: { select: { userId: true } } } } } }),
      tx.queueMember.findMany({ where: { queueId }, select: { userId: true, viaTeam: true } }),
    ]);
    const wanted = new Set(teams.flatMap((t) => t.team.members.map((m) => m.userId)));
    const have = new Set(members.map((m) => m.userId));
    const leaving = members.filter((m) => m.viaTeam && !wanted.has(m.userId)).map((m) => m.userId);
    const joining = [...wanted].filter((userId) => !have.has(userId));
    if (leaving.length) await tx.queueMember.deleteMany({ where: { queueId, userId: { in: leaving }, viaTeam: true } });
    if (joining.length)
      await tx.queueMember.createMany({
        data: joining.map((userId) => ({ queueId, userId, skillLevel: SKILL_FROM_TEAM, viaTeam: true })),
        skipDuplicates: true,
      });
    if (leaving.length || joining.length) changed.push(queueId);
  }
  return changed;
}
