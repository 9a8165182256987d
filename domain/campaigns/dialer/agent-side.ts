// The agent's side of a campaign's call: what they see of the contact (the campaign, the list's
// fields, earlier attempts) and the call-back they may promise — at a time, by them or by anyone.
// A call-back kept for its agent is offered to that agent (and only them) when it is due, as a
// preview they are put through on; one for anyone is dialled like the campaign's other contacts.
import { z } from "zod";
import { can, type Viewer } from "../../access/viewer.ts";
import { visibleCase } from "../../cases/case-access.ts";
import { enqueue } from "../../routing/enqueue.ts";
import type { Deps } from "../../ports.ts";
import { DomainError, notFound } from "../../shared/errors.ts";
import { parseInput } from "../../shared/parse.ts";
import { PendingEvents } from "../../shared/pending-events.ts";
import type { Db } from "../../shared/tx.ts";
import { type DialingCampaign, openAttempt } from "./place-calls.ts";

/** The newest campaign attempt of a case the viewer sees, with its contact, or null. */
export async function campaignContextOfCase(viewer: Viewer, caseId: string, deps: Pick<Deps, "db">) {
  await visibleCase(viewer, caseId, deps.db);
  const interactions = await deps.db.interaction.findMany({ where: { caseId, direction: "OUTBOUND" }, select: { id: true } });
  if (!interactions.length) return null;
  const attempt = await deps.db.campaignAttempt.findFirst({
    where: { interactionId: { in: interactions.map((i) => i.id) } },
    orderBy: { startedAt: "desc" },
    include: {
      campaign: { select: { id: true, name: true, mode: true } },
      contact: {
        include: { entry: { select: { name: true, email: true, externalId: true, fields: true, list: { select: { name: true, fieldNames: true } } } } },
      },
    },
  });
  if (!attempt) return null;
  const history = await deps.db.campaignAttempt.findMany({ where: { contactId: attempt.contactId }, orderBy: { startedAt: "desc" }, take: 50 });
  const agents = await deps.db.user.findMany({
    where: { id: { in: history.flatMap((h) => (h.agentId ? [h.agentId] : [])) }, organizationId: viewer.organizationId },
    select: { id: true, name: true },
  });
  const entry = attempt.contact.entry;
  const raw = entry.fields && typeof entry.fields === "object" && !Array.isArray(entry.fields) ? (entry.fields as Record<string, unknown>) : {};
  return {
    interactionId: attempt.interactionId!,
    campaign: attempt.campaign,
    contact: attempt.contact,
    name: entry.name,
    email: entry.email,
    externalId: entry.externalId,
    listName: entry.list.name,
    fields: entry.list.fieldNames.map((name) => ({ name, value: raw[name] === undefined || raw[name] === null ? "" : String(raw[name]) })),
    attempts: history.map((h) => ({ ...h, agentName: agents.find((a) => a.id === h.agentId)?.name ?? null })),
  };
}

/** The list's fields of a campaign's contact, for the script's texts ({debt}, {address}…). */
export async function campaignFieldsOf(db: Db, interactionId: string): Promise<Record<string, string>> {
  const attempt = await db.campaignAttempt.findUnique({
    where: { interactionId },
    select: { contact: { select: { phone: true, entry: { select: { name: true, email: true, fields: true } } } } },
  });
  if (!attempt) return {};
  const { entry } = attempt.contact;
  const out: Record<string, string> = {};
  if (entry.fields && typeof entry.fields === "object" && !Array.isArray(entry.fields))
    for (const [k, v] of Object.entries(entry.fields)) if (typeof v === "string" || typeof v === "number") out[k] = String(v);
  if (entry.name) out.name = entry.name;
  if (entry.email) out.email = entry.email;
  out.phone = attempt.contact.phone;
  return out;
}

const callbackSchema = z.object({
  at: z.date(),
  /** Kept for the agent promising it (offered to them only), or for anyone. */
  toMe: z.boolean().default(true),
});

/** A call-back the agent on a campaign's call promises: the attempt ends as CALLBACK, and the
 * contact is called then (even past the attempts' limit: it is an appointment). */
export async function scheduleCampaignCallback(viewer: Viewer, interactionId: string, raw: z.input<typeof callbackSchema>, deps: Deps) {
  if (!can(viewer, "agents.work")) throw new DomainError("FORBIDDEN", "Only agents schedule call-backs");
  const input = parseInput(callbackSchema, raw);
  const now = deps.now();
  if (input.at.getTime() < now.getTime() + 60_000 || input.at.getTime() > now.getTime() + 90 * 86_400_000)
    throw new DomainError("INVALID_INPUT", "A call-back must be between a minute and 90 days from now", {
      fields: [{ path: "at", code: "range", message: "out of range" }],
    });
  const attempt = await deps.db.campaignAttempt.findFirst({
    where: { interactionId, organizationId: viewer.organizationId, agentId: viewer.userId },
    select: { id: true, contactId: true, endedAt: true },
  });
  if (!attempt) throw notFound("Interaction");
  if (attempt.endedAt) throw new DomainError("CONFLICT", "This attempt is already closed", { reason: "ATTEMPT_CLOSED" });
  await deps.db.$transaction([
    deps.db.campaignAttempt.update({ where: { id: attempt.id }, data: { outcome: "CALLBACK", callbackAt: input.at } }),
    deps.db.campaignContact.update({ where: { id: attempt.contactId }, data: { callbackAgentId: input.toMe ? viewer.userId : null } }),
  ]);
  return { at: input.at, toMe: input.toMe };
}

/** Call-backs kept for an agent that are due: each queued for that agent alone, as a preview (a
 * dialling campaign puts them through at once). Returns how many. */
export async function queueAgentCallbacks(campaign: DialingCampaign, deps: Deps): Promise<number> {
  const now = deps.now();
  const events = new PendingEvents();
  const n = await deps.db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; entryId: string; phone: string; attempts: number; callback: boolean; callbackAgentId: string }[]>`
      update "CampaignContact" set "state" = 'DIALLING', "updatedAt" = ${now}
      where "id" in (
        select "id" from "CampaignContact"
        where "campaignId" = ${campaign.id}::uuid and "state" = 'WAITING' and "callbackAgentId" is not null and "nextAttemptAt" <= ${now}
        order by "nextAttemptAt" limit 20 for update skip locked)
      returning "id", "entryId", "phone", "attempts", "callback", "callbackAgentId"`;
    for (const contact of due) {
      const opened = await openAttempt(tx, campaign, contact, "QUEUED", now, events);
      const queued = await enqueue(
        tx,
        {
          organizationId: campaign.organizationId,
          queueId: campaign.queueId,
          interactionId: opened.interactionId,
          channel: "VOICE",
          vip: false,
          now,
          priority: 10,
        },
        events,
      );
      if (queued.queued) await tx.queueItem.update({ where: { id: queued.itemId }, data: { targetAgentId: contact.callbackAgentId } });
      await tx.campaignContact.update({ where: { id: contact.id }, data: { callbackAgentId: null } });
    }
    return due.length;
  });
  events.publishTo(deps.events);
  return n;
}
