// A visitor fills in the pre-chat form: we learn who they are (a contact, verified if the site
// signed their id), open a case and a chat (or, for "Call us", a call) interaction, and queue it —
// or tell them why not, so they can leave a message instead.
import { z } from "zod";
import { type SecretOwner, readSecrets, secretMatches } from "../contacts/contact-secrets.ts";
import { isTrustedVip, matchContact, visitorMatchVerified } from "../contacts/match-contact.ts";
import { isOpen } from "../entry-points/business-hours.ts";
import { verifyIdentity } from "../entry-points/identity.ts";
import { localizedText, widgetLanguage } from "../entry-points/widget-config.ts";
import type { Deps, SecretBox } from "../ports.ts";
import { publishedFlowOf } from "../ivr/ivr-calls.ts";
import { isStaffed } from "../queues/staffing.ts";
import { enqueue } from "../routing/enqueue.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { parseInput } from "../shared/parse.ts";
import { widgetByKey } from "./public-config.ts";
import { visitorToken } from "./visitor-context.ts";
import { openInteraction } from "../interactions/open-interaction.ts";
import { recordEvent } from "../interactions/record-event.ts";

export const startChatSchema = z.object({
  name: z.string().trim().max(120, "at most 120 characters").default(""),
  email: z.union([z.literal(""), z.email("not a valid e-mail address").trim().max(254)]).default(""),
  phone: z
    .string()
    .trim()
    .max(40)
    .refine((p) => p === "" || /^\+?[\d\s()./-]{5,}$/.test(p), "not a valid phone number")
    .default(""),
  topic: z.string().trim().max(40).default(""),
  pin: z.string().trim().max(20).default(""),
  language: z.string().max(10).default(""),
  message: z.string().trim().max(5000, "at most 5000 characters").default(""),
  identity: z.object({ id: z.string().trim().min(1).max(200), hash: z.string().max(128) }).nullish(),
  /** CHAT, or VOICE for "Call us": the visitor's browser call waits in the queue like a chat. */
  channel: z.enum(["CHAT", "VOICE"]).default("CHAT"),
});
export type StartChatInput = z.input<typeof startChatSchema>;

export type StartChatResult = {
  token: string;
  state: "QUEUED" | "CLOSED" | "NO_AGENTS" | "FULL";
  /** Shown to the visitor when they cannot be served now (an admin's text, or empty for the widget's own). */
  message: string;
  verified: boolean;
};

export async function startChat(key: string, raw: StartChatInput, deps: Deps): Promise<StartChatResult> {
  const ep = await widgetByKey(key, deps);
  const input = parseInput(startChatSchema, raw);
  const s = ep.settings;
  if (s.requireName && !input.name) throw fieldError("input.name", "required", "Please give your name");
  const needs = { email: ["email", "email_and_phone"], phone: ["phone", "email_and_phone"] };
  if (needs.email.includes(s.contact) && !input.email) throw fieldError("input.email", "required", "Please give your e-mail address");
  if (needs.phone.includes(s.contact) && !input.phone) throw fieldError("input.phone", "required", "Please give your phone number");
  if (s.contact === "email_or_phone" && !input.email && !input.phone)
    throw fieldError("input.email", "email_or_phone", "Please give an e-mail address or a phone number");
  const topic = input.topic ? s.topics.find((t) => t.id === input.topic) : undefined;
  if (input.topic && !topic) throw fieldError("input.topic", "unknown", "Choose one of the topics");
  const channel = input.channel;
  if (channel === "VOICE" && !(s.calls && deps.voice.available()))
    throw new DomainError("CONFLICT", "Calls cannot be made from this chat now", { reason: "CALLS_OFF" });

  const verified = !!(input.identity && ep.identitySecret && verifyIdentity(deps.secrets.open(ep.identitySecret), input.identity.id, input.identity.hash));
  if (input.identity && !verified) deps.log.warn({ entryPoint: ep.id }, "widget identity signature did not verify; visitor treated as anonymous");
  const language = widgetLanguage(s, input.language);
  const now = deps.now();
  const events = new PendingEvents();

  // A call from the widget meets the widget's IVR flow first, when it has one (the flow decides where it goes).
  const flow = channel === "VOICE" ? await publishedFlowOf(deps.db, ep.id) : null;
  const result = await deps.db.$transaction(async (tx) => {
    const { contactId, matchedBy } = await matchContact(tx, ep.organizationId, {
      name: input.name,
      email: input.email,
      phone: input.phone,
      verifiedExternalId: verified ? input.identity!.id : undefined,
      language,
    });
    // Typing a VIP's e-mail makes nobody a VIP: such a match is linked, but unverified (no priority, no history on screen).
    const contactVerified = visitorMatchVerified(matchedBy);
    const visitor = await tx.visitor.create({
      data: {
        organizationId: ep.organizationId,
        entryPointId: ep.id,
        contactId,
        name: input.name,
        email: input.email,
        phone: input.phone,
        externalId: verified ? input.identity!.id : null,
        contactVerified,
        language,
        lastSeenAt: now,
      },
    });
    const token = visitorToken(visitor.id, deps);
    const queueId = topic?.queueId ?? ep.queueId;
    if (!isOpen(s.businessHours, ep.organization.timezone, now)) return { token, state: "CLOSED" as const, message: "", verified };
    if (!flow && !(await isStaffed(tx, queueId))) return { token, state: "NO_AGENTS" as const, message: "", verified };

    const contact = contactId ? await tx.contact.findUnique({ where: { id: contactId }, select: { id: true, vip: true, secrets: true } }) : null;
    const vip = isTrustedVip({ contactVerified, contact });
    const subject = input.message.split("\n")[0].slice(0, 120) || (topic ? localizedText(topic.label, language) : "") || input.name;
    const { interaction, caseId } = await openInteraction(
      tx,
      {
        organizationId: ep.organizationId,
        case: { new: { subject, contactId, contactVerified, queueId, priority: vip ? 100 : 0 } },
        channel,
        entryPointId: ep.id,
        visitorId: visitor.id,
        topic: topic?.id ?? "",
        arrived: { entryPoint: ep.id },
        now,
        data: {
          name: input.name,
          email: input.email,
          phone: input.phone,
          topic: topic ? localizedText(topic.label, language) : "",
          language,
          matchedBy,
          identityVerified: verified,
          contactVerified,
          ...(s.askPin
            ? { pinCheck: pinCheck(input.pin, contact && { organizationId: ep.organizationId, contactId: contact.id, secrets: contact.secrets }, deps.secrets) }
            : {}),
        },
      },
      events,
    );
    if (input.message) {
      const m = await tx.message.create({
        data: { organizationId: ep.organizationId, caseId, interactionId: interaction.id, authorType: "CONTACT", body: input.message, createdAt: now },
      });
      events.add("message.created", {
        organizationId: ep.organizationId,
        caseId,
        messageId: m.id,
        interactionId: interaction.id,
        kind: "MESSAGE",
        authorType: "CONTACT",
      });
    }
    if (channel === "VOICE") {
      // The caller is on the call from the start; an agent joins when they accept the offer.
      await tx.call.create({
        data: {
          organizationId: ep.organizationId,
          interactionId: interaction.id,
          createdAt: now,
          parties: { create: [{ role: "CALLER", visitorId: visitor.id, joinedAt: now }] },
          ivr: !!flow,
        },
      });
      if (flow) {
        await recordEvent(tx, {
          organizationId: ep.organizationId,
          interactionId: interaction.id,
          type: "ivr_started",
          at: now,
          data: { flowId: flow.flowId, version: flow.version },
        });
        return { token, state: "QUEUED" as const, message: "", verified };
      }
    }
    const queued = await enqueue(tx, { organizationId: ep.organizationId, queueId, interactionId: interaction.id, channel, vip, now }, events);
    // A full queue that takes messages or offers call-backs: the web caller meets that flow instead.
    if (!queued.queued)
      return queued.overflow
        ? { token, state: "QUEUED" as const, message: "", verified }
        : { token, state: "FULL" as const, message: queued.message, verified };
    return { token, state: "QUEUED" as const, message: "", verified };
  });
  events.publishTo(deps.events);
  return result;
}

/** PINs are compared with the contact's hashed one, never stored: the agent sees only whether it matched. */
function pinCheck(pin: string, contact: (SecretOwner & { secrets: unknown }) | null, box: SecretBox): "MATCH" | "MISMATCH" | "NOT_GIVEN" | "NO_PIN_ON_FILE" {
  if (!pin) return "NOT_GIVEN";
  const onFile = contact ? readSecrets(contact.secrets).pin : undefined;
  if (!contact || !onFile) return "NO_PIN_ON_FILE";
  return secretMatches(box, contact, "pin", onFile, pin) ? "MATCH" : "MISMATCH";
}
