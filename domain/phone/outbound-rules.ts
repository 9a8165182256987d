// Toll-fraud rules for the calls agents place (Organization.outboundCalls): which numbers may be
// called, which never, when, and how many an agent may start in an hour. Nothing is allowed unless
// listed: a stolen agent login must not be able to ring premium or far-away numbers all night.
// `outboundRefusal` is the one pure decision the dial-out use-case asks before every call.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { isOpen } from "../entry-points/business-hours.ts";
import { widgetConfigSchema } from "../entry-points/widget-config.ts";
import type { Deps } from "../ports.ts";
import { DomainError, type FieldIssue } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { normalisePhone } from "../shared/phone-number.ts";

/** The chat widgets' weekly schedule (days, intervals, closed days), on the organisation's clock. */
const hoursSchema = widgetConfigSchema.shape.businessHours.unwrap();

const PREFIX = /^\+[1-9]\d{0,14}$/;

export const outboundRulesSchema = z.object({
  /** E.164 prefixes ("+48", "+4822") that may be called; empty: no calls out at all. */
  allowedPrefixes: z.array(z.string().regex(PREFIX, "a prefix like +48")).max(200).default([]),
  /** Never called, even inside an allowed prefix (premium-rate, satellite...). */
  blockedPrefixes: z.array(z.string().regex(PREFIX, "a prefix like +48700")).max(500).default([]),
  /** null: at any time. */
  hours: hoursSchema.nullable().default(null),
  /** Calls one agent may start in an hour. */
  perAgentPerHour: z.number().int("a whole number").min(1).max(1000).default(30),
});
export type OutboundRules = z.output<typeof outboundRulesSchema>;
export type OutboundRulesInput = Omit<z.input<typeof outboundRulesSchema>, "allowedPrefixes" | "blockedPrefixes"> & {
  /** As typed: one per line or separated by commas; spaces and a leading 00 are fine. */
  allowedPrefixes?: readonly string[] | string;
  blockedPrefixes?: readonly string[] | string;
};

/**
 * What an organisation that never saved rules gets: calls within its own country (guessed from
 * its time zone), with that country's premium-rate ranges blocked. Elsewhere: nothing until an
 * admin says what is allowed.
 */
const COUNTRY_DEFAULTS: Record<string, { allowed: string[]; blocked: string[] }> = {
  "Europe/Warsaw": { allowed: ["+48"], blocked: ["+48700", "+48701", "+48703", "+48704", "+48705", "+48708"] },
  "Europe/London": { allowed: ["+44"], blocked: ["+449", "+4487", "+4470"] },
  "Europe/Berlin": { allowed: ["+49"], blocked: ["+49900", "+49137", "+49118"] },
  "Europe/Moscow": { allowed: ["+7"], blocked: ["+7809"] },
};

export function defaultOutboundRules(timezone: string): OutboundRules {
  const c = COUNTRY_DEFAULTS[timezone] ?? { allowed: [], blocked: [] };
  return { allowedPrefixes: c.allowed, blockedPrefixes: c.blocked, hours: null, perAgentPerHour: 30 };
}

/** The stored rules, or the defaults when none were saved (or what is stored no longer passes). */
export function readOutboundRules(stored: unknown, timezone: string): OutboundRules {
  if (!stored || (typeof stored === "object" && Object.keys(stored).length === 0)) return defaultOutboundRules(timezone);
  const parsed = outboundRulesSchema.safeParse(stored);
  return parsed.success ? parsed.data : defaultOutboundRules(timezone);
}

/** A prefix list as typed: normalised, without blanks or repeats, and the entries that are not prefixes. */
export function parsePrefixList(entries: readonly string[] | string | undefined): { prefixes: string[]; invalid: string[] } {
  const items = (typeof entries === "string" ? [entries] : (entries ?? []))
    .flatMap((e) => e.split(/[\n,;]/))
    .map((e) => e.trim())
    .filter(Boolean);
  const prefixes = new Set<string>();
  const invalid: string[] = [];
  for (const item of items) {
    let p = item.replace(/[\s\-.()/\u00a0]/g, "");
    if (p.startsWith("00")) p = `+${p.slice(2)}`;
    if (PREFIX.test(p)) prefixes.add(p);
    else invalid.push(item);
  }
  return { prefixes: [...prefixes], invalid };
}

export function parseOutboundRules(raw: OutboundRulesInput): OutboundRules {
  const fields: FieldIssue[] = [];
  const lists = { allowedPrefixes: parsePrefixList(raw.allowedPrefixes), blockedPrefixes: parsePrefixList(raw.blockedPrefixes) };
  for (const [key, list] of Object.entries(lists))
    if (list.invalid.length)
      fields.push({
        path: `input.${key}`,
        code: "invalid_prefix",
        message: `Not number prefixes with a country code (+48…): ${list.invalid.join(", ")}`,
        params: { prefixes: list.invalid.slice(0, 5).join(", "), count: list.invalid.length },
      });
  try {
    const rules = parseInput(outboundRulesSchema, { ...raw, allowedPrefixes: lists.allowedPrefixes.prefixes, blockedPrefixes: lists.blockedPrefixes.prefixes });
    if (!fields.length) return rules;
  } catch (e) {
    if (!(e instanceof DomainError) || !e.details.fields) throw e;
    fields.push(...e.details.fields);
  }
  throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
}

export async function saveOutboundRules(viewer: Viewer, raw: OutboundRulesInput, deps: Deps, ip?: string): Promise<OutboundRules> {
  if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
  const rules = parseOutboundRules(raw);
  await deps.db.$transaction(async (tx) => {
    const org = await tx.organization.update({ where: { id: viewer.organizationId }, data: { outboundCalls: rules }, select: { id: true, name: true } });
    await recordAudit(tx, {
      organizationId: org.id,
      actorId: viewer.userId,
      action: "outbound_rules.updated",
      targetType: "Organization",
      targetId: org.id,
      targetLabel: org.name,
      data: rules,
      ip,
    });
  });
  return rules;
}

export type OutboundRefusalReason =
  | "INVALID_NUMBER"
  | "TRUNK_OFF"
  | "BLOCKED_PREFIX"
  | "NOT_ALLOWED_PREFIX"
  | "OUTSIDE_HOURS"
  | "AGENT_RATE"
  | "TRUNK_BUSY"
  | "TRUNK_RATE";

export interface OutboundRefusal {
  reason: OutboundRefusalReason;
  /** For the agent, in plain English (screens may translate `reason` instead). */
  message: string;
}

export interface OutboundCheck {
  rules: OutboundRules;
  /** As the agent typed it. */
  number: string;
  now: Date;
  /** The organisation's, for `rules.hours`. */
  timezone: string;
  /** Calls this agent started in the last 60 minutes. */
  agentCallsLastHour: number;
  trunk: { active: boolean; callsPerMinute: number; maxCalls: number };
  /** Calls out started on this trunk in the last 60 seconds. */
  trunkCallsLastMinute: number;
  /** Calls on this trunk now, both ways. */
  trunkLiveCalls: number;
}

/** Why this call may not be placed now, or null when it may. The first reason found wins. */
export function outboundRefusal(c: OutboundCheck): OutboundRefusal | null {
  const number = normalisePhone(c.number);
  if (!number) return { reason: "INVALID_NUMBER", message: `"${c.number}" is not a phone number with a country code (like +48 22 123 45 67)` };
  if (!c.trunk.active) return { reason: "TRUNK_OFF", message: "The phone line for calls out is switched off; ask your administrator" };
  const blocked = longestPrefix(c.rules.blockedPrefixes, number);
  if (blocked) return { reason: "BLOCKED_PREFIX", message: `Calls to ${blocked}… numbers are blocked by your organisation's rules` };
  if (!longestPrefix(c.rules.allowedPrefixes, number))
    return { reason: "NOT_ALLOWED_PREFIX", message: `Calls to ${number} are not allowed by your organisation's rules` };
  if (c.rules.hours && !isOpen(c.rules.hours, c.timezone, c.now))
    return { reason: "OUTSIDE_HOURS", message: "Calls out are not allowed at this time by your organisation's rules" };
  if (c.agentCallsLastHour >= c.rules.perAgentPerHour)
    return { reason: "AGENT_RATE", message: `You have started ${c.agentCallsLastHour} calls in the last hour, the most allowed; try again later` };
  if (c.trunkLiveCalls >= c.trunk.maxCalls) return { reason: "TRUNK_BUSY", message: "All phone lines are busy; try again in a moment" };
  if (c.trunkCallsLastMinute >= c.trunk.callsPerMinute) return { reason: "TRUNK_RATE", message: "Too many calls are being started right now; try again in a minute" };
  return null;
}

function longestPrefix(prefixes: readonly string[], number: string): string | null {
  let best: string | null = null;
  for (const p of prefixes) if (number.startsWith(p) && (!best || p.length > best.length)) best = p;
  return best;
}
