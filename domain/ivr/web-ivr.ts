// Web callers meet the widget's IVR flow like phone callers meet a number's: the same published
// flow, engine and step log; prompts reach their browser through the call's media, keys come from
// the widget's keypad. What a browser cannot do: be passed to a telephone number (a transfer step
// sends a web caller to the widget's queue instead, on the record as a failed step).
import type { VisitorContext } from "../chat/visitor-context.ts";
import { isTrustedVip } from "../contacts/match-contact.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import type { Db } from "../shared/tx.ts";
import { visitorCallParty } from "../voice/visitor-call.ts";
import type { CallerFacts } from "./engine.ts";
import { publishedFlowOf } from "./ivr-calls.ts";
import { overflowIvrOf } from "./overflow.ts";
import type { IvrFlow } from "./flow.ts";
import { LANGUAGES, type Language } from "./speech.ts";
import { interactionData } from "../interactions/interaction-data.ts";

export interface WebIvr {
  flow: IvrFlow;
  version: number;
  timezone: string;
  caller: CallerFacts;
  /** The web caller's party (whose browser hears the prompts). */
  partyId: string;
}

/** The flow a web call in the IVR runs, or null (not in a flow, not a web caller's call). */
export async function webIvrOf(db: Db, callId: string): Promise<WebIvr | null> {
  const call = await db.call.findUnique({
    where: { id: callId },
    select: {
      ivr: true,
      state: true,
      interactionId: true,
      organization: { select: { timezone: true } },
      parties: { select: { id: true, role: true, visitorId: true, leftAt: true } },
    },
  });
  const party = call?.parties.find((p) => p.role === "CALLER" && p.visitorId && !p.leftAt);
  if (!call?.ivr || call.state !== "RINGING" || !call.interactionId || !party) return null;
  const interaction = await db.interaction.findUnique({
    where: { id: call.interactionId },
    select: { entryPointId: true, data: true, case: { select: { contactId: true, contactVerified: true, contact: { select: { vip: true } } } } },
  });
  if (!interaction?.entryPointId) return null;
  // Sent back into the IVR state by a full or slow queue: that queue's voicemail / call-back flow.
  const started = await db.interactionEvent.findFirst({
    where: { interactionId: call.interactionId, type: "ivr_started" },
    orderBy: { at: "desc" },
    select: { data: true },
  });
  if ((started?.data as { overflow?: unknown } | null)?.overflow) {
    const overflow = await overflowIvrOf(db, callId);
    return overflow && { ...overflow, partyId: party.id };
  }
  const published = await publishedFlowOf(db, interaction.entryPointId);
  if (!published) return null;
  const data = interactionData(interaction.data);
  const number = data.phone ? normalisePhone(data.phone) : null;
  // The visitor chose their language in the widget: the flow speaks it from the start.
  const language = data.language && (LANGUAGES as readonly string[]).includes(data.language) ? (data.language as Language) : published.flow.language;
  return {
    flow: { ...published.flow, language },
    version: published.version,
    timezone: call.organization.timezone,
    // A contact the visitor only claimed (by typing its e-mail or phone) is neither VIP nor "known" to the flow.
    caller: { number, vip: isTrustedVip(interaction.case), known: interaction.case.contactVerified && !!interaction.case.contactId },
    partyId: party.id,
  };
}

/** A key from the widget's keypad, for the visitor's own call while it is in a flow. */
export async function visitorDigit(v: VisitorContext, digit: string, deps: Deps) {
  if (!/^[0-9*#]$/.test(digit)) throw fieldError("digit", "invalid", "One key: 0-9, * or #");
  const { callId } = await visitorCallParty(v, deps);
  const call = await deps.db.call.findUniqueOrThrow({ where: { id: callId }, select: { ivr: true, organizationId: true } });
  if (!call.ivr) throw new DomainError("CONFLICT", "The call is not in a menu now", { reason: "NOT_IN_IVR" });
  deps.events.publish("call.visitor_digit", { organizationId: call.organizationId, callId, digit });
}
