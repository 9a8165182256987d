// A call from the telephone network: which organisation and queue it is for (the number dialled),
// who is calling (contact lookup by number, for the agent's screen pop), whether to take it at all
// (blocked numbers, the trunk's capacity, a queue nobody works), and then the same case,
// interaction, call and queue item as any customer call — or, when the number runs an IVR flow,
// the call without a queue item yet (the flow queues the caller). The media side answers the call only
// after this has said yes, so a refused caller hears the network's tone for the SIP code. A fax
// number's call is answered by the fax modem instead, and becomes a case when it is over.
import { isStaffed } from "../queues/staffing.ts";
import { matchContact } from "../contacts/match-contact.ts";
import type { Deps } from "../ports.ts";
import type { CallerFacts } from "../ivr/engine.ts";
import type { IvrFlow } from "../ivr/flow.ts";
import { publishedFlowOf } from "../ivr/ivr-calls.ts";
import { overflowIvrOf } from "../ivr/overflow.ts";
import { enqueue } from "../routing/enqueue.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Language } from "../ivr/speech.ts";
import { blockOf } from "./blocked-numbers.ts";
import { numberOf } from "./sip-uri.ts";
import { openInteraction } from "../interactions/open-interaction.ts";
import { recordEvent } from "../interactions/record-event.ts";
import type { FaxArrival } from "../fax/receive-fax.ts";
import { trunkLinesInUse } from "./trunk-lines.ts";

export interface InboundCall {
  trunkId: string;
  /** SIP From (the caller) and the number dialled (To / request URI), as the network sent them. */
  from: string;
  to: string;
  displayName: string;
  /** In a cluster, the media node taking the call: it owns the call's media from the start. */
  media?: { nodeId: string; leaseUntil: Date };
}

export type InboundDecision =
  | {
      accept: true;
      organizationId: string;
      callId: string;
      partyId: string;
      interactionId: string;
      /** The number's IVR flow: the caller meets it first (not yet queued). */
      ivr: { flow: IvrFlow; version: number; timezone: string; caller: CallerFacts } | null;
      /** The number listens for fax machines (in its flow or its queue): a fax heard is this arrival. */
      faxDetect?: FaxArrival | null;
    }
  /** A fax number: answered by the fax modem; the fax becomes a case when its call is over
   * (domain/fax/receive-fax.ts). `freeLines`: the trunk's lines no other call holds (fax calls
   * hold no call row: the fax side counts its own against this). */
  | { accept: "fax"; fax: FaxArrival; freeLines: number }
  /** `say`: answer, say this, hang up (a blocked caller the organisation wants told why). */
  | { accept: false; code: number; reason: string; organizationId?: string; say?: { text: string; language: Language } };

const refuse = (code: number, reason: string, organizationId?: string): InboundDecision => ({ accept: false, code, reason, organizationId });

export async function receivePhoneCall(input: InboundCall, deps: Deps): Promise<InboundDecision> {
  const trunk = await deps.db.sipTrunk.findUnique({ where: { id: input.trunkId }, select: { id: true, organizationId: true, active: true, maxCalls: true } });
  if (!trunk?.active) return refuse(503, "TRUNK_OFF");
  const caller = numberOf(input.from);
  // The network's display name, without the quotes SIP puts around it.
  const displayName = input.displayName
    .replace(/^"(.*)"$/, "$1")
    .trim()
    .slice(0, 100);
  const dialled = numberOf(input.to);
  const now = deps.now();
  const entry = await deps.db.entryPoint.findFirst({
    where: { organizationId: trunk.organizationId, kind: "PHONE", key: dialled, active: true, OR: [{ trunkId: trunk.id }, { trunkId: null }] },
    select: { id: true, queueId: true, name: true, fax: true, faxDetect: true },
  });
  if (!entry) {
    deps.log.warn({ trunk: trunk.id, dialled }, "a call came in for a number that is not set up; refused (404)");
    return refuse(404, "UNKNOWN_NUMBER", trunk.organizationId);
  }
  const block = await blockOf(deps.db, trunk.organizationId, caller, now, dialled);
  if (block) {
    if (!block.message) return refuse(603, "BLOCKED", trunk.organizationId);
    const org = await deps.db.organization.findUniqueOrThrow({ where: { id: trunk.organizationId }, select: { locale: true } });
    return { accept: false, code: 603, reason: "BLOCKED", organizationId: trunk.organizationId, say: { text: block.message, language: org.locale } };
  }
  const live = await trunkLinesInUse(deps.db, trunk.id);
  if (live >= trunk.maxCalls) return refuse(486, "TRUNK_FULL", trunk.organizationId);
  const faxArrival: FaxArrival = {
    organizationId: trunk.organizationId,
    entryPointId: entry.id,
    queueId: entry.queueId,
    entryName: entry.name,
    caller,
    dialled,
    displayName,
  };
  // A fax waits on its case for an agent: taken whoever is working.
  if (entry.fax) return { accept: "fax", freeLines: trunk.maxCalls - live, fax: faxArrival };

  const ivr = await publishedFlowOf(deps.db, entry.id);
  const events = new PendingEvents();
  const decision = await deps.db
    .$transaction(async (tx): Promise<InboundDecision> => {
      // With a flow, the flow decides where the caller goes (and says so when nobody is there).
      if (!ivr && !(await isStaffed(tx, entry.queueId))) return refuse(480, "NO_AGENTS", trunk.organizationId);
      const { contactId, matchedBy } = await matchContact(tx, trunk.organizationId, {
        name: displayName,
        email: "",
        phone: caller.startsWith("+") ? caller : "",
      });
      const contact = contactId ? await tx.contact.findUnique({ where: { id: contactId }, select: { vip: true, firstName: true, lastName: true } }) : null;
      const who = contact ? `${contact.firstName} ${contact.lastName}`.trim() : displayName || caller;
      const { interaction } = await openInteraction(
        tx,
        {
          organizationId: trunk.organizationId,
          case: { new: { subject: `${who} → ${entry.name || dialled}`.slice(0, 120), contactId, queueId: entry.queueId, priority: contact?.vip ? 100 : 0 } },
          channel: "VOICE",
          entryPointId: entry.id,
          data: { phone: caller, dialled, name: displayName, matchedBy },
          arrived: { entryPoint: entry.id, phone: caller, dialled },
          now,
        },
        events,
      );
      const call = await tx.call.create({
        data: {
          organizationId: trunk.organizationId,
          interactionId: interaction.id,
          createdAt: now,
          trunkId: trunk.id,
          remoteNumber: caller,
          localNumber: dialled,
          parties: { create: [{ role: "CALLER", phone: caller, trunkId: trunk.id, joinedAt: now }] },
          ivr: !!ivr,
          ...(input.media ? { mediaNodeId: input.media.nodeId, mediaLeaseUntil: input.media.leaseUntil } : {}),
        },
        include: { parties: true },
      });
      const accepted = {
        accept: true as const,
        organizationId: trunk.organizationId,
        callId: call.id,
        partyId: call.parties[0].id,
        interactionId: interaction.id,
      };
      if (ivr) {
        await recordEvent(tx, {
          organizationId: trunk.organizationId,
          interactionId: interaction.id,
          type: "ivr_started",
          at: now,
          data: { flowId: ivr.flowId, version: ivr.version },
        });
        const org = await tx.organization.findUniqueOrThrow({ where: { id: trunk.organizationId }, select: { timezone: true } });
        const facts = { number: caller.startsWith("+") ? caller : null, vip: !!contact?.vip, known: !!contactId };
        return {
          ...accepted,
          ivr: { flow: ivr.flow, version: ivr.version, timezone: org.timezone, caller: facts },
          faxDetect: entry.faxDetect ? faxArrival : null,
        };
      }
      const queued = await enqueue(
        tx,
        { organizationId: trunk.organizationId, queueId: entry.queueId, interactionId: interaction.id, channel: "VOICE", vip: !!contact?.vip, now },
        events,
      );
      if (!queued.queued && queued.overflow) {
        // A full queue that takes messages or offers call-backs: the caller meets that small flow.
        const overflow = await overflowIvrOf(tx, call.id);
        if (overflow) return { ...accepted, ivr: overflow, faxDetect: entry.faxDetect ? faxArrival : null };
      }
      // A full queue: nothing of this call is kept but the refusal (the transaction rolls back).
      if (!queued.queued) throw new QueueFull();
      // Queued at once: a fax machine is listened for while it waits (domain/fax/fax-detect.ts).
      return { ...accepted, ivr: null, faxDetect: entry.faxDetect ? faxArrival : null };
    })
    .catch((e) => {
      if (e instanceof QueueFull) return refuse(486, "QUEUE_FULL", trunk.organizationId);
      throw e;
    });
  if (decision.accept) events.publishTo(deps.events);
  return decision;
}

class QueueFull extends Error {}
