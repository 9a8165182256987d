// An agent faxes from a case: PDFs already on the case (a received fax's pages, an e-mail's
// attachment, a file an agent added), after a cover page when asked. The fax is stored at once — a
// message on the case and an outgoing FaxMessage, QUEUED — and sent from the organisation's fax
// number by a media node with a phone line (media/phone/fax-calls.ts): it claims due faxes
// (pushing their next attempt past the longest fax call, so a node that dies mid-fax only delays
// one), makes the pages, calls, and reports each attempt here. Busy, unanswered and broken-off
// faxes are tried again (fax-rules.ts afterFaxAttempt); the state and the reason show on the case.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { writableCase } from "../cases/case-access.ts";
import type { Deps } from "../ports.ts";
import { type FaxCover, faxCoverOf } from "./fax-cover.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import type { Db } from "../shared/tx.ts";
import { callerIdOn } from "../phone/dial-out.ts";
import { outboundRefusal, readOutboundRules } from "../phone/outbound-rules.ts";
import { afterFaxAttempt, type FaxAttempt, type FaxAttemptVerdict } from "./fax-rules.ts";

/** Documents one fax may carry; and its cover note's length. */
export const MAX_FAX_DOCUMENTS = 10;
/** A claimed fax is not claimed again for this long: longer than the longest fax call (15 min)
 * and making its pages; a node that died holding one leaves it to be sent after this. */
const CLAIM_MINUTES = 20;

const sendSchema = z
  .object({
    caseId: z.uuid(),
    to: z.string().trim().min(1, "required").max(40),
    attachmentIds: z.array(z.uuid()).max(MAX_FAX_DOCUMENTS, `at most ${MAX_FAX_DOCUMENTS} documents`).default([]),
    cover: z.boolean().default(false),
    /** The cover page's note; also the message's text on the case. */
    note: z.string().trim().max(1500, "at most 1500 characters").default(""),
  })
  .refine((v) => v.cover || v.attachmentIds.length > 0, { message: "choose a document or a cover page", path: ["attachmentIds"] });
export type SendFaxInput = z.input<typeof sendSchema>;

export async function sendFax(viewer: Viewer, raw: SendFaxInput, deps: Deps) {
  const input = parseInput(sendSchema, raw);
  if (!can(viewer, "calls.dial_out")) throw new DomainError("FORBIDDEN", "Your role may not call or fax outside numbers");
  const kase = await writableCase(viewer, input.caseId, deps.db);
  const ids = [...new Set(input.attachmentIds)];
  const documents = await deps.db.attachment.findMany({ where: { id: { in: ids }, caseId: kase.id }, select: { id: true, contentType: true, fileName: true } });
  if (documents.length !== ids.length) throw new DomainError("INVALID_INPUT", "A chosen document is not on this case", { reason: "FAX_DOCUMENT_MISSING" });
  const notPdf = documents.find((d) => d.contentType !== "application/pdf");
  if (notPdf) throw new DomainError("INVALID_INPUT", `${notPdf.fileName} is not a PDF; only PDF documents can be faxed`, { reason: "FAX_NOT_PDF" });

  const line = await faxLine(deps.db, viewer.organizationId, kase);
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: viewer.organizationId }, select: { timezone: true, outboundCalls: true } });
  // The organisation's toll-fraud rules hold for faxes as for calls; lines and rates are the outbox's.
  const refusal = faxRefusal(org, line.trunk, input.to, deps.now());
  if (refusal) throw new DomainError("CONFLICT", refusal.message, { reason: refusal.reason });
  const to = normalisePhone(input.to)!;

  const events = new PendingEvents();
  const now = deps.now();
  // Chosen order is kept: the documents go in the order the agent picked them.
  const documentIds = ids;
  const message = await deps.db.$transaction(async (tx) => {
    const m = await tx.message.create({
      data: {
        organizationId: viewer.organizationId,
        caseId: kase.id,
        authorType: "AGENT",
        authorUserId: viewer.userId,
        body: input.note,
        createdAt: now,
      },
    });
    await tx.faxMessage.create({
      data: {
        id: m.id,
        organizationId: viewer.organizationId,
        entryPointId: line.entryPointId,
        trunkId: line.trunk.id,
        direction: "OUTBOUND",
        customerNumber: to,
        ownNumber: line.callerId,
        state: "QUEUED",
        documentIds,
        cover: input.cover,
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    // Files the agent uploaded for this fax belong to it.
    await tx.attachment.updateMany({ where: { id: { in: documentIds }, messageId: null }, data: { messageId: m.id } });
    await tx.case.update({ where: { id: kase.id }, data: { lastActivityAt: now } });
    await events.addDurable(tx, "fax.queued", { organizationId: viewer.organizationId, messageId: m.id });
    events.add("message.created", {
      organizationId: viewer.organizationId,
      caseId: kase.id,
      messageId: m.id,
      interactionId: null,
      kind: "MESSAGE",
      authorType: "AGENT",
    });
    return m;
  });
  events.publishTo(deps.events);
  return message;
}

/**
 * Whether the organisation's toll-fraud rules for calls out let a fax go to `number` (prefixes,
 * hours; the trunk's lines and call rate are the outbox's to keep), or why not.
 */
export function faxRefusal(org: { timezone: string; outboundCalls: unknown }, trunk: { id: string; active: boolean }, number: string, now: Date) {
  return outboundRefusal({
    rules: readOutboundRules(org.outboundCalls, org.timezone),
    number,
    now,
    timezone: org.timezone,
    agentCallsLastHour: 0,
    trunk: { ...trunk, maxCalls: 1, callsPerMinute: 1 },
    trunkCallsLastMinute: 0,
    trunkLiveCalls: 0,
  });
}

/** The fax number a case's faxes go out from: the one its fax came in on, else its queue's, else
 * the organisation's first; with its trunk and the caller ID it shows. */
async function faxLine(db: Db, organizationId: string, kase: { id: string; queueId: string | null }) {
  const numbers = await db.entryPoint.findMany({
    where: { organizationId, kind: "PHONE", fax: true, active: true, trunkId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, key: true, queueId: true, trunk: { select: { id: true, active: true, callerIds: true } } },
  });
  const came = await db.faxMessage.findFirst({
    where: { organizationId, message: { caseId: kase.id }, direction: "INBOUND" },
    orderBy: { createdAt: "desc" },
    select: { entryPointId: true },
  });
  const number = numbers.find((n) => n.id === came?.entryPointId) ?? numbers.find((n) => n.queueId === kase.queueId) ?? numbers[0];
  if (!number?.trunk) throw new DomainError("CONFLICT", "There is no fax number to send from; ask your administrator", { reason: "NO_FAX_NUMBER" });
  return { entryPointId: number.id, trunk: number.trunk, callerId: callerIdOn(number.trunk, undefined, number.key) ?? number.key };
}

/** An outgoing fax claimed for an attempt: where to, from, and what to send. */
export interface FaxToSend {
  id: string;
  organizationId: string;
  trunkId: string;
  to: string;
  from: string;
  attempt: number;
  documents: { fileName: string; storageKey: string }[];
  /** Missing documents (deleted since): the attempt fails without a call. */
  missing: number;
  cover: { organization: string; sender: string; note: string; createdAt: Date; timezone: string; letterhead: FaxCover } | null;
}

/**
 * Claims up to `limit` due faxes on `trunkIds` (the lines this node can call on) for an attempt
 * each: their next attempt is pushed past the claim, so no other node takes them meanwhile.
 */
export async function claimDueFaxes(trunkIds: string[], limit: number, deps: Deps): Promise<FaxToSend[]> {
  if (!trunkIds.length || limit <= 0) return [];
  const claimed = await deps.db.$queryRaw<{ id: string }[]>`
    update "FaxMessage" set "nextAttemptAt" = now() + make_interval(mins => ${CLAIM_MINUTES}), "attempts" = "attempts" + 1
    where "id" in (
      select "id" from "FaxMessage"
      where "direction" = 'OUTBOUND' and "state" = 'QUEUED' and "nextAttemptAt" <= now() and "trunkId" = any(${trunkIds}::uuid[])
      order by "nextAttemptAt" limit ${limit} for update skip locked)
    returning "id"`;
  if (!claimed.length) return [];
  const rows = await deps.db.faxMessage.findMany({
    where: { id: { in: claimed.map((c) => c.id) } },
    include: { message: { select: { body: true, caseId: true, createdAt: true, authorUser: { select: { name: true } } } } },
    orderBy: { nextAttemptAt: "asc" },
  });
  const out: FaxToSend[] = [];
  for (const f of rows) {
    const files = await deps.db.attachment.findMany({
      where: { id: { in: f.documentIds }, caseId: f.message.caseId },
      select: { id: true, fileName: true, storageKey: true },
    });
    const byId = new Map(files.map((a) => [a.id, a]));
    const documents = f.documentIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const org = f.cover
      ? await deps.db.organization.findUniqueOrThrow({ where: { id: f.organizationId }, select: { name: true, timezone: true, faxCover: true } })
      : null;
    out.push({
      id: f.id,
      organizationId: f.organizationId,
      trunkId: f.trunkId!,
      to: f.customerNumber,
      from: f.ownNumber,
      attempt: f.attempts,
      documents: documents.map(({ fileName, storageKey }) => ({ fileName, storageKey })),
      missing: f.documentIds.length - documents.length,
      cover: org
        ? {
            organization: org.name,
            sender: f.message.authorUser?.name ?? "",
            note: f.message.body,
            createdAt: f.message.createdAt,
            timezone: org.timezone,
            letterhead: faxCoverOf(org.faxCover),
          }
        : null,
    });
  }
  return out;
}

/** Details of an attempt that reached a fax machine, for the case. */
export interface FaxAttemptDetails {
  pages?: number;
  remoteIdent?: string;
  bitRate?: number | null;
  ecm?: boolean | null;
  seconds?: number;
}

/** One attempt at `id` ended: sent, queued again for later, or failed for good. */
export async function faxAttemptEnded(id: string, attempt: FaxAttempt, details: FaxAttemptDetails, deps: Deps): Promise<FaxAttemptVerdict | null> {
  const fax = await deps.db.faxMessage.findUnique({ where: { id }, include: { message: { select: { caseId: true } } } });
  if (!fax || fax.state !== "QUEUED") return null;
  const now = deps.now();
  const verdict = afterFaxAttempt(attempt, fax.attempts, now);
  const seen = {
    ...(details.pages !== undefined ? { pages: details.pages } : {}),
    ...(details.remoteIdent ? { remoteIdent: details.remoteIdent } : {}),
    ...(details.bitRate !== undefined ? { bitRate: details.bitRate } : {}),
    ...(details.ecm !== undefined ? { ecm: details.ecm } : {}),
    ...(details.seconds !== undefined ? { seconds: details.seconds } : {}),
  };
  await deps.db.faxMessage.update({
    where: { id },
    data:
      verdict.state === "SENT"
        ? { ...seen, state: "SENT", sentAt: now, reason: "", nextAttemptAt: null }
        : verdict.state === "QUEUED"
          ? { ...seen, reason: verdict.reason, nextAttemptAt: verdict.retryAt }
          : { ...seen, state: "FAILED", reason: verdict.reason, nextAttemptAt: null },
  });
  deps.events.publish("case.updated", { organizationId: fax.organizationId, caseId: fax.message.caseId });
  return verdict;
}

/** "Send again" on a failed fax: a fresh round of attempts, now. */
export async function retryFax(viewer: Viewer, id: string, deps: Deps) {
  const fax = await deps.db.faxMessage.findFirst({ where: { id, organizationId: viewer.organizationId, direction: "OUTBOUND" }, include: { message: true } });
  if (!fax) throw notFound("Fax");
  if (!can(viewer, "calls.dial_out")) throw new DomainError("FORBIDDEN", "Your role may not call or fax outside numbers");
  await writableCase(viewer, fax.message.caseId, deps.db);
  const events = new PendingEvents();
  const count = await deps.db.$transaction(async (tx) => {
    const r = await tx.faxMessage.updateMany({
      where: { id, state: "FAILED" },
      data: { state: "QUEUED", attempts: 0, reason: "", nextAttemptAt: deps.now() },
    });
    if (r.count) await events.addDurable(tx, "fax.queued", { organizationId: viewer.organizationId, messageId: id });
    return r.count;
  });
  if (!count) throw new DomainError("CONFLICT", "Only a fax that failed can be sent again", { reason: "FAX_NOT_FAILED" });
  events.add("case.updated", { organizationId: viewer.organizationId, caseId: fax.message.caseId });
  events.publishTo(deps.events);
  return fax.message;
}
