// What an interaction carries from before an agent took it (Interaction.data): what the customer
// typed in the pre-chat form, the number that rang and was rung, how the contact was matched, what an
// IVR flow collected, and — for a call-back — whom to call and which try this is. One shape for every
// channel, each key optional; read with interactionData(), which drops what does not fit instead of
// trusting a cast.
import { z } from "zod";

const text = z.string();

export const interactionDataSchema = z
  .object({
    /** The customer as they introduced themselves (pre-chat form, caller's display name, web call-back). */
    name: text,
    email: text,
    /** Their number: the caller's, the number dialled out, or the number to call back. */
    phone: text,
    /** Our number they rang (inbound calls). */
    dialled: text,
    /** The number shown to them (outbound calls). */
    callerId: text,
    /** The widget topic they picked, in their words. */
    topic: text,
    /** The language they chose (widget, IVR). */
    language: text,
    matchedBy: z.enum(["VERIFIED_ID", "EMAIL", "PHONE", "NEW", "NONE"]),
    identityVerified: z.boolean(),
    contactVerified: z.boolean(),
    pinCheck: z.enum(["MATCH", "MISMATCH", "NOT_GIVEN", "NO_PIN_ON_FILE"]),
    /** What an IVR flow collected (digits, verified fields; secret ones left out). */
    ivrFields: z.record(z.string(), z.unknown()),
    // A call-back (see domain/phone/callbacks.ts CallbackData).
    callback: z.literal(true),
    trunkId: z.string().nullable(),
    requestedVia: z.enum(["IVR", "WEB", "FORM"]),
    requestedFor: z.string().nullable(),
    attempt: z.number(),
    attempts: z.number(),
    /** A campaign's call (domain/campaigns/dialer/): the campaign and the contact called. */
    campaignId: z.string(),
    campaignContactId: z.string(),
  })
  .partial();

export type InteractionData = z.infer<typeof interactionDataSchema>;

/** An interaction's data, typed: each key that fits its shape, the others left out. */
export function interactionData(raw: unknown): InteractionData {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const whole = interactionDataSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(interactionDataSchema.shape)) {
    const value = (raw as Record<string, unknown>)[key];
    if (value !== undefined && field.safeParse(value).success) out[key] = value;
  }
  return out as InteractionData;
}
