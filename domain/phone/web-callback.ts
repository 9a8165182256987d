// A visitor on the organisation's site asks to be called back — in the chat widget, or with the
// site's own form — as soon as possible or at a time they choose, about something they name. It
// becomes what a caller's request in an IVR flow becomes (callbacks.ts): an OUTBOUND call
// interaction on a case of theirs, waiting in the widget's queue from the time asked for, offered
// to the first free agent, who sees why and is put through on accepting. Refused, in words, when
// we could not or would not call: no line out, a blocked number, a number the organisation never
// calls (its toll-fraud rules), a number already waiting for a call-back, or too many requests.
import { z } from "zod";
import { widgetByKey } from "../chat/public-config.ts";
import { isTrustedVip, matchContact, visitorMatchVerified } from "../contacts/match-contact.ts";
import { widgetLanguage } from "../entry-points/widget-config.ts";
import type { Deps } from "../ports.ts";
import { enqueue } from "../routing/enqueue.ts";
import { DomainError, type FieldIssue } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { parseInput } from "../shared/parse.ts";
import { phoneNumberField } from "../shared/phone-number.ts";
import { takeFromWindow } from "../shared/request-window.ts";
import type { Db } from "../shared/tx.ts";
import { isBlocked } from "./blocked-numbers.ts";
import { callbacksAvailable } from "./callback-availability.ts";
import type { CallbackData } from "./callbacks.ts";
import { MAX_DAYS_AHEAD, parseRequestedTime, requestedTimeProblem } from "./callback-time.ts";
import { outboundRefusal, readOutboundRules } from "./outbound-rules.ts";
import { openInteraction } from "../interactions/open-interaction.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** Requests one address (or one widget visitor) may make in an hour. */
export const CALLBACKS_PER_HOUR = 5;

const schema = z.object({
  phone: phoneNumberField(),
  name: z.string().trim().max(120, "at most 120 characters").default(""),
  topic: z.string().trim().max(200, "at most 200 characters").default(""),
  /** Checked apart (callback-time.ts), so that a bad time and a bad number are told together. */
  at: z.string().max(40, "not a date and time").nullish(),
  language: z.string().max(10).default(""),
});
export type WebCallbackInput = z.input<typeof schema>;

export interface CallbackRequester {
  via: "WEB" | "FORM";
  /** The client's address, for the hourly limit. */
  ip: string;
  /** A widget visitor who has chatted before (their token checked): limited on their own too. */
  visitorId?: string | null;
}

export interface WebCallbackResult {
  id: string;
  /** The number we will call, as we will dial it (E.164). */
  phone: string;
  /** The time asked for (ISO); null: as soon as an agent is free. */
  at: string | null;
}

export async function requestWebCallback(widgetKey: string, raw: WebCallbackInput, from: CallbackRequester, deps: Deps): Promise<WebCallbackResult> {
  const ep = await widgetByKey(widgetKey, deps);
  const now = deps.now();
  const { input, at } = parseRequest(raw, ep.organization.timezone, now);
  await assertWithinLimits(from, deps, now);

  if (!(await callbacksAvailable(deps.db, ep.organizationId, ep.queueId))) throw callbacksOff();
  const problem = await visitorNumberProblem(deps.db, ep.organizationId, input.phone, now);
  if (problem === "blocked") throw phoneRefused("blocked", "We cannot call this number back; please call us instead");
  if (problem) throw phoneRefused("not_callable", "We do not call numbers like this one; please give another number");

  const language = widgetLanguage(ep.settings, input.language);
  const events = new PendingEvents();
  const result = await deps.db.$transaction(async (tx) => {
    // One request at a time per number and queue: two clicks must not make two call-backs.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`callback:${ep.queueId}:${input.phone}`}))`;
    const pending = await pendingCallback(tx, ep.organizationId, ep.queueId, input.phone);
    if (pending)
      throw new DomainError("CONFLICT", "A call-back to this number is already waiting; we will call you", {
        reason: "CALLBACK_PENDING",
        at: (pending.data as unknown as CallbackData).requestedFor ?? null,
      });
    const { contactId, contactVerified } = await callbackContact(tx, ep.organizationId, from.visitorId, { name: input.name, phone: input.phone, language });
    const contact = contactId ? await tx.contact.findUnique({ where: { id: contactId }, select: { vip: true } }) : null;
    const vip = isTrustedVip({ contactVerified, contact });
    const queue = await tx.queue.findUniqueOrThrow({ where: { id: ep.queueId }, select: { callbackRetries: true } });
    const subject = input.topic || `Call-back to ${input.phone}`;
    const data: CallbackData = {
      callback: true,
      phone: input.phone,
      trunkId: null,
      callerId: "",
      requestedVia: from.via,
      topic: input.topic,
      name: input.name,
      requestedFor: at?.toISOString() ?? null,
      attempt: 1,
      attempts: queue.callbackRetries + 1,
      language,
    };
    const { interaction } = await openInteraction(
      tx,
      {
        organizationId: ep.organizationId,
        case: { new: { subject, contactId, contactVerified, queueId: ep.queueId, priority: vip ? 100 : 0 } },
        channel: "VOICE",
        direction: "OUTBOUND",
        entryPointId: ep.id,
        data,
        now,
      },
      events,
    );
    await recordEvent(tx, {
      organizationId: ep.organizationId,
      interactionId: interaction.id,
      type: "callback_requested",
      at: now,
      data: { number: input.phone, via: from.via, topic: input.topic, at: data.requestedFor ?? null },
    });
    // Even "as soon as possible" has its time (now): a call-back holds no line, so a queue full of
    // callers still takes it.
    const queued = await enqueue(
      tx,
      {
        organizationId: ep.organizationId,
        queueId: ep.queueId,
        interactionId: interaction.id,
        channel: "VOICE",
        vip,
        now,
        notBefore: at ?? now,
      },
      events,
    );
    if (!queued.queued) throw callbacksOff();
    return { id: interaction.id, phone: input.phone, at: data.requestedFor ?? null };
  });
  events.publishTo(deps.events);
  deps.log.info({ entryPoint: ep.id, interactionId: result.id, via: from.via, scheduled: !!result.at }, "call-back requested");
  return result;
}

/**
 * Whose call-back this is: a widget visitor the site signed in is their contact; anyone else is
 * matched by the number they typed — unverified, since anyone can type a VIP's number.
 */
async function callbackContact(
  tx: Db,
  organizationId: string,
  visitorId: string | null | undefined,
  details: { name: string; phone: string; language: "pl" | "en" | "ru" },
): Promise<{ contactId: string | null; contactVerified: boolean }> {
  const visitor = visitorId
    ? await tx.visitor.findFirst({ where: { id: visitorId, organizationId }, select: { contactId: true, externalId: true, contactVerified: true } })
    : null;
  if (visitor?.contactId && visitor.externalId && visitor.contactVerified) return { contactId: visitor.contactId, contactVerified: true };
  const { contactId, matchedBy } = await matchContact(tx, organizationId, { ...details, email: "" });
  return { contactId, contactVerified: visitorMatchVerified(matchedBy) };
}

/** A call-back to this number that has not been made yet (waiting, offered, a retry due later) or is being made. */
function pendingCallback(tx: Db, organizationId: string, queueId: string, phone: string) {
  return tx.interaction.findFirst({
    where: {
      organizationId,
      queueId,
      channel: "VOICE",
      direction: "OUTBOUND",
      state: { in: ["QUEUED", "ACTIVE"] },
      AND: [{ data: { path: ["callback"], equals: true } }, { data: { path: ["phone"], equals: phone } }],
    },
    select: { id: true, data: true },
  });
}

/** The input, with every bad field told at once (the number and the time). */
function parseRequest(raw: WebCallbackInput, timeZone: string, now: Date) {
  const fields: FieldIssue[] = [];
  let input: z.output<typeof schema> | null = null;
  try {
    input = parseInput(schema, raw);
  } catch (e) {
    if (!(e instanceof DomainError) || !e.details.fields) throw e;
    fields.push(...e.details.fields);
  }
  const at = typeof raw?.at === "string" ? parseRequestedTime(raw.at, timeZone) : null;
  if (at === "invalid") fields.push({ path: "input.at", code: "invalid_date", message: "not a date and time" });
  else if (at) {
    const problem = requestedTimeProblem(at, now);
    if (problem === "past") fields.push({ path: "input.at", code: "past", message: "this time has passed; choose a later one" });
    if (problem === "too_far")
      fields.push({ path: "input.at", code: "too_far", message: `at most ${MAX_DAYS_AHEAD} days ahead`, params: { maximum: MAX_DAYS_AHEAD } });
  }
  if (fields.length || !input) throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
  // A time a moment ago (the slack) is as soon as possible.
  return { input, at: at && at > now ? (at as Date) : null };
}

async function assertWithinLimits(from: CallbackRequester, deps: Deps, now: Date) {
  const keys = [`callback:ip:${from.ip || "unknown"}`, ...(from.visitorId ? [`callback:visitor:${from.visitorId}`] : [])];
  for (const key of keys) {
    const verdict = await takeFromWindow(deps.db, key, CALLBACKS_PER_HOUR, 3600, now);
    if (!verdict.allowed)
      throw new DomainError("LIMIT_EXCEEDED", `Too many call-back requests; try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes`, {
        reason: "TOO_MANY_CALLBACKS",
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
  }
}

const callbacksOff = () => new DomainError("CONFLICT", "Call-backs cannot be asked for here now; please call us or write to us", { reason: "CALLBACKS_OFF" });

const phoneRefused = (code: string, message: string) => new DomainError("INVALID_INPUT", message, { fields: [{ path: "input.phone", code, message }] });

/** Why a number a visitor gave may not be called back — blocked, or one our agents may not dial by
 * the organisation's rules (premium, abroad: a visitor must not make us ring those); null: it may. */
export async function visitorNumberProblem(db: Db, organizationId: string, phone: string, now: Date): Promise<"blocked" | "not_callable" | null> {
  if (await isBlocked(db, organizationId, phone, now)) return "blocked";
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true, outboundCalls: true } });
  const rules = { ...readOutboundRules(org.outboundCalls, org.timezone), hours: null };
  const anyLine = { active: true, callsPerMinute: 1, maxCalls: 1 };
  const refusal = outboundRefusal({
    rules,
    number: phone,
    now,
    timezone: org.timezone,
    agentCallsLastHour: 0,
    trunk: anyLine,
    trunkCallsLastMinute: 0,
    trunkLiveCalls: 0,
  });
  return refusal ? "not_callable" : null;
}
