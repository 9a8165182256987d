// An agent calls a number (typed, or clicked on a contact or case). The organisation's toll-fraud
// rules are checked first and a refusal says why; then the case (the given one, or a new one for
// the contact the number belongs to), an OUTBOUND interaction the agent works, and the call with
// the agent on it and the number being rung. The media role places the SIP call on "call.dialing".
import type { Prisma } from "../../generated/prisma/client.ts";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { matchContact } from "../contacts/match-contact.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import { busy } from "../voice/calls.ts";
import { outboundRefusal, readOutboundRules } from "./outbound-rules.ts";
import { trunkLinesInUse } from "./trunk-lines.ts";
import { openInteraction } from "../interactions/open-interaction.ts";
import { recordEvent } from "../interactions/record-event.ts";

export interface DialInput {
  number: string;
  /** The number shown to the called person: one of the trunk's caller IDs (its first by default). */
  callerId?: string | null;
  trunkId?: string | null;
  caseId?: string | null;
  contactId?: string | null;
}

export async function dialOut(viewer: Viewer, input: DialInput, deps: Deps, ip?: string) {
  if (!can(viewer, "calls.dial_out") || !can(viewer, "agents.work")) throw new DomainError("FORBIDDEN", "Your role may not call outside numbers");
  const trunk = await deps.db.sipTrunk.findFirst({
    where: { organizationId: viewer.organizationId, ...(input.trunkId ? { id: input.trunkId } : { active: true }) },
    orderBy: { createdAt: "asc" },
  });
  if (!trunk) throw noTrunk();
  const callerId = callerIdOn(trunk, input.callerId);
  const now = deps.now();
  await assertMayCall(viewer, trunk, input.number, deps, ip);
  const number = normalisePhone(input.number)!;

  const events = new PendingEvents();
  const call = await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`select 1 from "User" where "id" = ${viewer.userId}::uuid for update`;
    if (await busy(tx, viewer.userId)) throw new DomainError("CONFLICT", "You are already on a call", { reason: "ALREADY_ON_CALL" });
    let kase = input.caseId ? await tx.case.findFirst({ where: { id: input.caseId, organizationId: viewer.organizationId } }) : null;
    if (input.caseId && !kase) throw notFound("Case");
    let contactId = kase?.contactId ?? null;
    if (!contactId && input.contactId) {
      const c = await tx.contact.findFirst({ where: { id: input.contactId, organizationId: viewer.organizationId }, select: { id: true } });
      if (!c) throw notFound("Contact");
      contactId = c.id;
    }
    if (!contactId) contactId = (await matchContact(tx, viewer.organizationId, { name: "", email: "", phone: number })).contactId;
    const opened = await openInteraction(
      tx,
      {
        organizationId: viewer.organizationId,
        case: kase ? { id: kase.id } : { new: { subject: `Call to ${number}`, contactId, queueId: null } },
        channel: "VOICE",
        direction: "OUTBOUND",
        state: "ACTIVE",
        agentId: viewer.userId,
        queueId: kase?.queueId ?? null,
        data: { phone: number, callerId: callerId ?? "" },
        now,
      },
      events,
    );
    kase ??= opened.case!;
    const { interaction } = opened;
    await recordEvent(tx, {
      organizationId: viewer.organizationId,
      interactionId: interaction.id,
      type: "dialled",
      agentId: viewer.userId,
      at: now,
      data: { number, callerId },
    });
    await tx.case.update({ where: { id: kase.id }, data: { lastActivityAt: now, ...(kase.assigneeId ? {} : { assigneeId: viewer.userId }) } });
    const created = await tx.call.create({
      data: {
        organizationId: viewer.organizationId,
        interactionId: interaction.id,
        createdAt: now,
        trunkId: trunk.id,
        remoteNumber: number,
        localNumber: callerId ?? "",
        parties: {
          create: [
            { role: "CALLER", userId: viewer.userId, joinedAt: now },
            { role: "CALLEE", phone: number, trunkId: trunk.id },
          ],
        },
      },
    });
    events.add("case.updated", { organizationId: viewer.organizationId, caseId: kase.id });
    events.add("call.updated", { organizationId: viewer.organizationId, callId: created.id, state: "RINGING" });
    await events.addDurable(tx, "call.dialing", { organizationId: viewer.organizationId, callId: created.id });
    return created;
  });
  events.publishTo(deps.events);
  return call;
}

export const noTrunk = () => new DomainError("CONFLICT", "No phone line is set up for calls out; ask your administrator", { reason: "NO_TRUNK" });

/** The number a call out on `trunk` shows: the one asked for, which must be one of the line's;
 * else `preferred` when it is the line's (the number a customer rang); else the line's first. */
export function callerIdOn(trunk: { callerIds: string[] }, asked?: string | null, preferred?: string): string | null {
  if (asked) {
    const n = normalisePhone(asked);
    if (!n || !trunk.callerIds.includes(n)) throw new DomainError("CONFLICT", `${asked} is not one of this line's caller IDs`, { reason: "CALLER_ID" });
    return n;
  }
  return preferred && trunk.callerIds.includes(preferred) ? preferred : (trunk.callerIds[0] ?? null);
}

/** The organisation's toll-fraud rules for a call out by this agent on this trunk (a call placed,
 * or a caller handed to an outside number): throws the refusal, in words, and audits it. */
export async function assertMayCall(
  viewer: Viewer,
  trunk: { id: string; name: string; active: boolean; callsPerMinute: number; maxCalls: number },
  rawNumber: string,
  deps: Deps,
  ip?: string,
) {
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: viewer.organizationId }, select: { timezone: true, outboundCalls: true } });
  const now = deps.now();
  // Every telephone we ring counts: numbers dialled and numbers consulted during a call.
  const rung: Prisma.CallPartyWhereInput = { phone: { not: null }, role: { in: ["CALLEE", "CONSULTED"] } };
  const agentRang: Prisma.CallPartyListRelationFilter = { some: { userId: viewer.userId, role: { in: ["CALLER", "CALLEE"] } } };
  const [agentCallsLastHour, trunkCallsLastMinute, trunkLiveCalls] = await Promise.all([
    deps.db.callParty.count({
      where: { ...rung, trunkId: { not: null }, createdAt: { gte: new Date(now.getTime() - 3_600_000) }, call: { parties: agentRang } },
    }),
    deps.db.callParty.count({ where: { ...rung, trunkId: trunk.id, createdAt: { gte: new Date(now.getTime() - 60_000) } } }),
    trunkLinesInUse(deps.db, trunk.id),
  ]);
  const refusal = outboundRefusal({
    rules: readOutboundRules(org.outboundCalls, org.timezone),
    number: rawNumber,
    now,
    timezone: org.timezone,
    agentCallsLastHour,
    trunk,
    trunkCallsLastMinute,
    trunkLiveCalls,
  });
  if (!refusal) return;
  // Refusals by the fraud rules are kept: a burst of them is worth an administrator's look.
  if (refusal.reason !== "INVALID_NUMBER")
    await recordAudit(deps.db, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "call.dial_refused",
      targetType: "SipTrunk",
      targetId: trunk.id,
      targetLabel: trunk.name,
      data: { number: normalisePhone(rawNumber) ?? rawNumber, reason: refusal.reason },
      ip,
    });
  throw new DomainError("CONFLICT", refusal.message, { reason: refusal.reason });
}
