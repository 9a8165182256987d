// Admins add and change SIP trunks: where the provider is, the account, which numbers agents may
// show, codecs and limits. The password is sealed at once and never shown again; leaving it empty
// keeps the stored one. Every change is audited (never with the password) and announced as
// `trunk.changed`, on which the media role registers the trunk again.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { conflict, DomainError, type FieldIssue, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { parsePhoneList } from "../shared/phone-number.ts";
import { parseSource } from "./trunk-sources.ts";

export const CODECS = ["PCMA", "PCMU"] as const;

/** A host name, IPv4 or [IPv6] address, optionally with :port; no scheme (sip:) and no path. */
export const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::(?:6553[0-5]|655[0-2]\d|65[0-4]\d{2}|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3}))?$/;
const hostPort = (min = 0) => z.string().trim().min(min, "required").max(260).regex(HOST_PORT, "a host or host:port, without sip:");
/** SIP user parts: no spaces, and none of the characters that would end the user part. */
const sipUser = z
  .string()
  .trim()
  .max(100, "at most 100 characters")
  .regex(/^[^\s@:;<>"]*$/, "no spaces, @, :, ; or quotes");

export const trunkSchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  host: hostPort(1),
  proxy: z.union([z.literal(""), hostPort()]).default(""),
  username: sipUser.min(1, "required"),
  authUser: sipUser.default(""),
  /** Empty: keep the stored one. */
  secret: z.string().max(200, "at most 200 characters").default(""),
  register: z.boolean().default(true),
  codecs: z
    .array(z.enum(CODECS))
    .min(1, "at least one codec")
    .refine((c) => new Set(c).size === c.length, "listed twice")
    .default(["PCMA", "PCMU"]),
  maxCalls: z.number().int("a whole number").min(1).max(1000).default(30),
  callsPerMinute: z.number().int("a whole number").min(1).max(10_000).default(30),
  /** Calls out show the caller ID in From too (phones show From), not only in P-Asserted-Identity. */
  callerIdInFrom: z.boolean().default(true),
  /** Besides the registrar's and proxy's addresses: IPs or CIDRs that may send us calls. */
  allowedSources: z
    .array(z.string().trim().max(50))
    .max(50, "at most 50")
    .transform((list) => [...new Set(list.filter(Boolean))])
    .default([]),
  active: z.boolean().default(true),
});
export type SipTrunkInput = z.input<typeof trunkSchema> & { callerIds?: readonly string[] | string };
export type SipTrunkSettings = z.output<typeof trunkSchema> & { callerIds: string[] };

/**
 * The input checked field by field: zod's issues and the caller IDs that are not phone numbers come
 * back together, so the admin sees every mistake at once.
 */
export function parseTrunkInput(raw: SipTrunkInput): SipTrunkSettings {
  const fields: FieldIssue[] = [];
  let parsed: z.output<typeof trunkSchema> | null = null;
  try {
    parsed = parseInput(trunkSchema, raw);
  } catch (e) {
    if (!(e instanceof DomainError) || !e.details.fields) throw e;
    fields.push(...e.details.fields);
  }
  const { numbers, invalid } = parsePhoneList(raw.callerIds ?? []);
  if (invalid.length)
    fields.push({
      path: "input.callerIds",
      code: "invalid_phone",
      message: `Not phone numbers with a country code (+48…): ${invalid.join(", ")}`,
      params: { numbers: invalid.slice(0, 5).join(", "), count: invalid.length },
    });
  else if (numbers.length > 100) fields.push({ path: "input.callerIds", code: "too_big", message: "at most 100 numbers", params: { maximum: 100 } });
  const badSources = (parsed?.allowedSources ?? []).filter((s) => !parseSource(s));
  if (badSources.length)
    fields.push({
      path: "input.allowedSources",
      code: "invalid_source",
      message: `Not IP addresses or ranges (192.0.2.0/24): ${badSources.join(", ")}`,
      params: { sources: badSources.slice(0, 5).join(", ") },
    });
  if (fields.length || !parsed) throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
  return { ...parsed, callerIds: numbers };
}

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
}

/** Creates (no id) or updates a trunk. */
export async function saveSipTrunk(viewer: Viewer, id: string | null, raw: SipTrunkInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseTrunkInput(raw);
  const organizationId = viewer.organizationId;
  const events = new PendingEvents();
  try {
    const trunk = await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.sipTrunk.findFirst({ where: { id, organizationId }, select: { id: true, secret: true } }) : null;
      if (id && !existing) throw notFound("SIP trunk");
      if (await tx.sipTrunk.count({ where: { organizationId, name: input.name, ...(id ? { id: { not: id } } : {}) } })) throw nameTaken("A SIP trunk");
      const secret = input.secret ? deps.secrets.seal(input.secret) : (existing?.secret ?? "");
      if (input.register && !secret) throw fieldError("input.secret", "required", "Registering needs the account's password");
      const { secret: _plain, ...settings } = input;
      // A trunk that does not register has no registration to be in: its alarm ends now rather
      // than when the media role next looks.
      const off = !input.active || !input.register ? { status: "OFF" as const, statusDetail: "", statusAt: deps.now() } : {};
      const data = { ...settings, secret, ...off };
      const trunk = existing ? await tx.sipTrunk.update({ where: { id: existing.id }, data }) : await tx.sipTrunk.create({ data: { ...data, organizationId } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "sip_trunk.updated" : "sip_trunk.created",
        targetType: "SipTrunk",
        targetId: trunk.id,
        targetLabel: trunk.name,
        data: {
          host: input.host,
          proxy: input.proxy,
          username: input.username,
          authUser: input.authUser,
          register: input.register,
          active: input.active,
          callerIds: input.callerIds,
          codecs: input.codecs,
          maxCalls: input.maxCalls,
          callsPerMinute: input.callsPerMinute,
          allowedSources: input.allowedSources,
          callerIdInFrom: input.callerIdInFrom,
          secretChanged: !!input.secret,
        },
        ip,
      });
      await events.addDurable(tx, "trunk.changed", { organizationId, trunkId: trunk.id });
      return trunk;
    });
    events.publishTo(deps.events);
    return trunk;
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A SIP trunk") : e;
  }
}

/** Removes a trunk. Its numbers would go with it (the database cascades), so a trunk that still
 * has numbers is refused: the admin moves or deletes them first, knowingly. */
export async function deleteSipTrunk(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    const trunk = await tx.sipTrunk.findFirst({ where: { id, organizationId }, select: { id: true, name: true, _count: { select: { numbers: true } } } });
    if (!trunk) throw notFound("SIP trunk");
    if (trunk._count.numbers)
      throw conflict(`The trunk still has ${trunk._count.numbers} number(s); move them to another trunk or delete them first`, {
        reason: "TRUNK_HAS_NUMBERS",
        count: trunk._count.numbers,
      });
    await tx.sipTrunk.delete({ where: { id } });
    await recordAudit(tx, { organizationId, actorId: viewer.userId, action: "sip_trunk.deleted", targetType: "SipTrunk", targetId: id, targetLabel: trunk.name, ip });
    await events.addDurable(tx, "trunk.changed", { organizationId, trunkId: id });
  });
  events.publishTo(deps.events);
}

/** Trunks that should be registered and are not: active, registering, and refused or unanswered. */
export async function telephonyAlarms<Q extends object>(viewer: Viewer, deps: Pick<Deps, "db">, query?: Q) {
  assertCanManage(viewer);
  return deps.db.sipTrunk.findMany({
    ...query,
    where: { organizationId: viewer.organizationId, active: true, register: true, status: "FAILED" },
    orderBy: { name: "asc" },
  });
}
