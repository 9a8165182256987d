// The one catalogue of what can happen to an interaction (InteractionEvent.type) and the data each
// kind carries. Writers go through recordEvent (record-event.ts), which checks the data against its
// schema; readers (the case timeline, reports) parse with readEvent and get a typed union. A new kind
// of event is added here first, with its data, its words in messages/*.json ("case.event") if agents
// see it, and its meaning in docs/reports.md if a report counts it.
import { z } from "zod";

const none = z.object({}).strict();
const id = z.string();
const nullableId = z.string().nullable();
/** An ISO timestamp kept as text inside JSON. */
const iso = z.string().datetime({ offset: true });

/** How a transfer was made: to a colleague through the queue (no kind), after consulting a
 * colleague or an outside number, or blind to an outside number. */
const transferKind = z.enum(["consult", "consult_external", "external"]);

export const INTERACTION_EVENT_TYPES = {
  // Arrival and routing
  arrived: z.object({ entryPoint: id, phone: z.string().optional(), dialled: z.string().optional() }).strict(),
  queued: z.object({ notBefore: iso.optional() }).strict(),
  offered: z.object({ expiresAt: iso }).strict(),
  offer_timeout: none,
  rejected: none,
  offer_cancelled: none,
  accepted: none,
  /** The first time an agent took it (once per interaction; time to answer is measured to here). */
  answered: none,
  overflowed: z.object({ reason: z.enum(["MAX_LENGTH", "MAX_WAIT"]), to: z.string().nullable() }).strict(),
  requeued: z.object({ reason: z.literal("AGENT_OFFLINE") }).strict(),
  ended: z.object({ by: z.enum(["CONTACT", "AGENT", "SYSTEM"]) }).strict(),
  /** `place`: where it was in its queue when it left (1: next), for the unanswered calls' report. */
  abandoned: z.object({ by: z.enum(["CONTACT", "AGENT", "SYSTEM"]), place: z.number().int().positive().optional() }).strict(),
  left_message: z.object({ seconds: z.number().optional() }).strict(),

  // Transfers, consultations, take-overs
  transfer_requested: z
    .object({
      toAgentId: nullableId.optional(),
      toQueueId: id.optional(),
      note: z.string().optional(),
      number: z.string().optional(),
      external: z.boolean().optional(),
      ivr: z.boolean().optional(),
    })
    .strict(),
  transfer_cancelled: none,
  transfer_failed: z.object({ number: z.string().optional(), code: z.number().optional() }).strict(),
  transferred: z
    .object({
      from: nullableId.optional(),
      to: nullableId.optional(),
      note: z.string().optional(),
      kind: transferKind.optional(),
      number: z.string().nullable().optional(),
    })
    .strict(),
  consult_started: z.object({ to: id.optional(), number: z.string().optional(), callerId: z.string().nullable().optional() }).strict(),
  consult_ended: z.object({ with: nullableId, number: z.string().nullable(), by: nullableId, reason: z.string(), code: z.string().nullable() }).strict(),
  taken_over: z.object({ from: nullableId, by: id }).strict(),

  // Calls
  dialled: z.object({ number: z.string(), callerId: z.string().nullable(), callback: z.boolean().optional() }).strict(),
  /** What answered a campaign's call, by answering-machine detection (domain/campaigns/amd.ts). */
  amd: z.object({ outcome: z.enum(["HUMAN", "MACHINE", "UNSURE"]), reason: z.string(), afterMs: z.number() }).strict(),
  phone_answered: none,
  held: none,
  resumed: none,
  customer_held: none,
  customer_resumed: none,
  dtmf: z.object({ digit: z.string(), via: z.enum(["RFC2833", "INFO", "AGENT"]) }).strict(),

  // IVR, voicemail, call-backs
  ivr_started: z.union([
    z.object({ flowId: id, version: z.number() }).strict(),
    z.object({ overflow: z.enum(["VOICEMAIL", "CALLBACK"]), reason: z.enum(["MAX_LENGTH", "MAX_WAIT"]) }).strict(),
  ]),
  /** One step of the caller in a flow (`what` they did at the node of kind `step`). */
  ivr: z
    .object({
      node: z.string(),
      step: z.string(),
      what: z.enum(["entered", "chose", "timeout", "invalid", "verified", "not_verified", "gave_up"]),
      value: z.string().optional(),
    })
    .strict(),
  ivr_ended: z.object({ reason: z.string() }).strict(),
  /** A calling fax machine's tone heard while the caller was in the flow (domain/fax/fax-detect.ts). */
  fax_detected: none,
  ivr_failed: z.object({ why: z.string() }).strict(),
  position_announced: z.object({ place: z.number(), minutes: z.number().nullable() }).strict(),
  voicemail_started: none,
  voicemail_mailed: z.object({ to: z.string() }).strict(),
  voicemail_mail_failed: z.object({ to: z.string(), error: z.string() }).strict(),
  callback_requested: z.object({ number: z.string(), via: z.enum(["IVR", "WEB", "FORM"]), topic: z.string(), at: iso.nullable() }).strict(),
  callback_retry_scheduled: z.object({ attempt: z.number(), at: iso, code: z.number(), reason: z.string() }).strict(),
  callback_failed: z.object({ attempt: z.number(), code: z.number(), reason: z.string() }).strict(),

  // After the conversation
  wrap_up_started: z.object({ seconds: z.number(), untilDisposition: z.boolean() }).strict(),
  disposition: z.object({ code: z.string().nullable(), note: z.boolean() }).strict(),
  rated: z.object({ rating: z.number().int().min(1).max(5), comment: z.string() }).strict(),
  transcript_sent: none,
} as const satisfies Record<string, z.ZodType>;

export type InteractionEventType = keyof typeof INTERACTION_EVENT_TYPES;
export type InteractionEventData<T extends InteractionEventType> = z.infer<(typeof INTERACTION_EVENT_TYPES)[T]>;

/** One event as read back: its kind and its checked data. */
export type InteractionEventOf = { [T in InteractionEventType]: { type: T; data: InteractionEventData<T> } }[InteractionEventType];

export const isInteractionEventType = (type: string): type is InteractionEventType => Object.hasOwn(INTERACTION_EVENT_TYPES, type);
