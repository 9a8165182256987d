// Admins' side of SMS: accounts at providers (an SMPP bind: host, system id, password; or an HTTP
// provider: API address, token and webhook key; secrets sealed at once and never shown again,
// leaving one empty keeps the stored one; the contracted rate and window) and the numbers
// customers text, each on an account and answered by a queue. A number exists once in the whole
// system (EntryPoint.key is unique). Every change is audited.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { HOST_PORT } from "../phone/trunks.ts";
import type { Deps } from "../ports.ts";
import { conflict, DomainError, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { numberClash, numberTaken } from "../entry-points/number-clash.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import type { Db } from "../shared/tx.ts";
import { smsNumberConfig } from "./receive-sms.ts";

const HOST = z.string().trim().max(253).regex(HOST_PORT, "a host name or address").or(z.literal(""));

/** A provider's API address: http(s) only, no credentials in it (the token is kept sealed apart). */
const API_URL = z
  .string()
  .trim()
  .max(500, "at most 500 characters")
  .refine((v) => v === "" || /^https?:\/\//i.test(v), "an address starting with https://")
  .refine((v) => {
    if (v === "") return true;
    try {
      const u = new URL(v);
      return !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, "an address like https://api.provider.example/v1 (no password, query or # in it)");

export const smsAccountSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
    kind: z.enum(["SMPP", "HTTP"]).default("SMPP"),
    host: HOST.default(""),
    port: z.number().int().min(1).max(65535).default(2775),
    systemId: z.string().trim().max(15, "at most 15 characters (SMPP)").default(""),
    url: API_URL.default(""),
    /** SMPP: the password; HTTP: the API token. Empty: keep the stored one. */
    secret: z.string().max(500, "at most 500 characters").default(""),
    /** HTTP: the key the provider signs webhooks with. Empty: keep the stored one. */
    webhookSecret: z.string().max(500, "at most 500 characters").default(""),
    systemType: z.string().trim().max(12, "at most 12 characters (SMPP)").default(""),
    ratePerSecond: z.number().int().min(1, "at least 1").max(1000, "at most 1000").default(30),
    window: z.number().int().min(1, "at least 1").max(100, "at most 100").default(10),
    active: z.boolean().default(true),
  })
  .superRefine((a, ctx) => {
    const required = (path: string) => ctx.addIssue({ code: "custom", path: [path], message: "required" });
    if (a.kind === "SMPP") {
      if (!a.host) required("host");
      if (!a.systemId) required("systemId");
      if (a.secret.length > 8) ctx.addIssue({ code: "custom", path: ["secret"], message: "at most 8 characters (SMPP)" });
    } else if (!a.url) required("url");
  });
export type SmsAccountInput = z.input<typeof smsAccountSchema>;

/** A number (E.164) or a sender name of 1–11 letters and digits (sending only: nobody can text a name). */
const smsNumber = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const phone = normalisePhone(v);
    if (phone) return phone;
    if (/^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(v)) return v;
    ctx.addIssue({ code: "custom", message: "a number with its country code (+48…) or a sender name of at most 11 letters and digits" });
    return z.NEVER;
  });

export const smsNumberSchema = z.object({
  number: smsNumber,
  /** Empty: the number itself. */
  name: z.string().trim().max(80, "at most 80 characters").default(""),
  accountId: z.uuid(),
  queueId: z.uuid(),
  threadHours: smsNumberConfig.shape.threadHours,
  active: z.boolean().default(true),
});
export type SmsNumberInput = z.input<typeof smsNumberSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "entry_points.manage")) throw new DomainError("FORBIDDEN", "You may not manage channels");
}

export async function saveSmsAccount(viewer: Viewer, id: string | null, raw: SmsAccountInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(smsAccountSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    return await deps.db.$transaction(async (tx) => {
      const existing = id
        ? await tx.smsAccount.findFirst({ where: { id, organizationId }, select: { id: true, kind: true, secret: true, webhookSecret: true } })
        : null;
      if (id && !existing) throw notFound("SMS account");
      if (await tx.smsAccount.count({ where: { organizationId, name: input.name, ...(id ? { id: { not: id } } : {}) } })) throw nameTaken("An SMS account");
      // A stored secret is kept only for the same kind of provider (a password is not a token).
      const kept = existing?.kind === input.kind ? existing : null;
      const secret = input.secret ? deps.secrets.seal(input.secret) : (kept?.secret ?? "");
      const webhookSecret = input.kind !== "HTTP" ? "" : input.webhookSecret ? deps.secrets.seal(input.webhookSecret) : (kept?.webhookSecret ?? "");
      if (input.kind === "HTTP" && !secret) throw fieldError("input.secret", "required", "The provider's API token is required");
      if (input.kind === "HTTP" && !webhookSecret)
        throw fieldError("input.webhookSecret", "required", "The key the provider signs its webhooks with is required");
      const { secret: _plain, webhookSecret: _plainKey, ...settings } = input;
      const off = input.active ? {} : { status: "OFF" as const, statusDetail: "", statusAt: deps.now(), downSince: null };
      const data = { ...settings, secret, webhookSecret, ...off };
      const account = existing
        ? await tx.smsAccount.update({ where: { id: existing.id }, data })
        : await tx.smsAccount.create({ data: { ...data, organizationId } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "sms_account.updated" : "sms_account.created",
        targetType: "SmsAccount",
        targetId: account.id,
        targetLabel: account.name,
        data: { ...settings, secretChanged: !!input.secret, webhookSecretChanged: !!input.webhookSecret },
        ip,
      });
      return account;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("An SMS account") : e;
  }
}

/** An account that still has numbers is refused: they would go with it. Its messages are kept. */
export async function deleteSmsAccount(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const account = await tx.smsAccount.findFirst({ where: { id, organizationId }, select: { id: true, name: true, _count: { select: { numbers: true } } } });
    if (!account) throw notFound("SMS account");
    if (account._count.numbers) {
      throw conflict(`The account still has ${account._count.numbers} number(s); move them to another account or delete them first`, {
        reason: "IN_USE",
        count: account._count.numbers,
      });
    }
    // An SMS campaign not yet finished would be left with nothing to text through.
    const campaigns = await tx.campaign.count({ where: { smsAccountId: id, status: { in: ["DRAFT", "RUNNING", "PAUSED"] } } });
    if (campaigns)
      throw conflict(`${campaigns} SMS campaign(s) text through this account; stop them or choose another account first`, {
        reason: "IN_USE",
        count: campaigns,
      });
    // Nor should an alarm's duty phones stop hearing of it without anyone choosing so.
    const alarms = await tx.alarm.count({ where: { smsAccountId: id, NOT: { smsNumbers: { isEmpty: true } } } });
    if (alarms)
      throw conflict(`${alarms} alarm(s) text through this account; choose another account for them first`, {
        reason: "IN_USE",
        count: alarms,
      });
    await tx.smsAccount.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "sms_account.deleted",
      targetType: "SmsAccount",
      targetId: id,
      targetLabel: account.name,
      ip,
    });
  });
}

async function checkTargets(tx: Db, organizationId: string, accountId: string, queueId: string) {
  if (!(await tx.smsAccount.count({ where: { id: accountId, organizationId } }))) throw fieldError("input.accountId", "unknown", "Unknown SMS account");
  const queue = await tx.queue.findFirst({ where: { id: queueId, organizationId }, select: { channels: true } });
  if (!queue) throw fieldError("input.queueId", "unknown", "Unknown queue");
  if (!queue.channels.includes("SMS")) throw fieldError("input.queueId", "no_sms", "This queue does not take SMS");
}

export async function saveSmsNumber(viewer: Viewer, id: string | null, raw: SmsNumberInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(smsNumberSchema, raw);
  const organizationId = viewer.organizationId;
  const name = input.name || input.number;
  const clash = (db: Db) => numberClash(db, { organizationId, id, number: input.number, name });
  try {
    return await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.entryPoint.findFirst({ where: { id, organizationId, kind: "SMS" } }) : null;
      if (id && !existing) throw notFound("SMS number");
      await checkTargets(tx, organizationId, input.accountId, input.queueId);
      const taken = await clash(tx);
      if (taken) throw taken;
      const data = {
        key: input.number,
        name,
        smsAccountId: input.accountId,
        queueId: input.queueId,
        active: input.active,
        config: { threadHours: input.threadHours },
      };
      const ep = existing
        ? await tx.entryPoint.update({ where: { id: existing.id }, data })
        : await tx.entryPoint.create({ data: { ...data, organizationId, kind: "SMS" } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "sms_number.updated" : "sms_number.created",
        targetType: "EntryPoint",
        targetId: ep.id,
        targetLabel: ep.key,
        data: { ...input, name, ...(existing ? { was: existing.key } : {}) },
        ip,
      });
      return ep;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw (await clash(deps.db)) ?? numberTaken();
    throw e;
  }
}

export async function deleteSmsNumber(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const ep = await tx.entryPoint.findFirst({ where: { id, organizationId, kind: "SMS" } });
    if (!ep) throw notFound("SMS number");
    await tx.entryPoint.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "sms_number.deleted",
      targetType: "EntryPoint",
      targetId: id,
      targetLabel: ep.key,
      ip,
    });
  });
}
