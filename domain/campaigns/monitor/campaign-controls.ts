// The supervisor's controls on the campaign monitor: pause a running campaign or resume a paused one
// (the dialer reads the status every second: a paused campaign places no new calls, those under way
// go on), and move an agent into or out of the campaign's queue (its members are its agents).
// Each is audited; only roles with campaigns.manage may.
import type { Viewer } from "../../access/viewer.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Deps } from "../../ports.ts";
import { notFound } from "../../shared/errors.ts";
import { pauseCampaign, resumeCampaign } from "../campaigns.ts";
import { assertCanManageCampaigns } from "../contact-lists/import-list.ts";

/** Pause (or resume) from the monitor: the campaigns' own lifecycle, audited there. */
export async function setCampaignPaused(viewer: Viewer, id: string, paused: boolean, deps: Deps, ip?: string): Promise<string> {
  await (paused ? pauseCampaign : resumeCampaign)(viewer, id, deps, ip);
  return id;
}

/** Puts an agent of the organisation into the campaign's queue (in: true) or takes them out. */
export async function moveCampaignAgent(
  viewer: Viewer,
  input: { campaignId: string; userId: string; in: boolean },
  deps: Pick<Deps, "db" | "events">,
  ip?: string,
) {
  assertCanManageCampaigns(viewer);
  const organizationId = viewer.organizationId;
  const queueId = await deps.db.$transaction(async (tx) => {
    const c = await tx.campaign.findFirst({ where: { id: input.campaignId, organizationId }, select: { id: true, name: true, queueId: true } });
    if (!c) throw notFound("Campaign");
    const user = await tx.user.findFirst({ where: { id: input.userId, organizationId, active: true }, select: { id: true, name: true } });
    if (!user) throw notFound("User");
    if (input.in) {
      const existing = await tx.queueMember.findUnique({ where: { queueId_userId: { queueId: c.queueId, userId: user.id } } });
      if (existing) return c.queueId;
      await tx.queueMember.create({ data: { queueId: c.queueId, userId: user.id } });
    } else {
      const { count } = await tx.queueMember.deleteMany({ where: { queueId: c.queueId, userId: user.id } });
      if (!count) return c.queueId;
    }
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: input.in ? "campaign.agent_added" : "campaign.agent_removed",
      targetType: "Campaign",
      targetId: c.id,
      targetLabel: c.name,
      data: { userId: user.id, agent: user.name },
      ip,
    });
    return c.queueId;
  });
  // Routing and the boards count the queue's members anew.
  deps.events.publish("queue.updated", { organizationId, queueId });
  return true;
}
