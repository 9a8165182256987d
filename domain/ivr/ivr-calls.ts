// A phone call in an IVR flow, on the domain's side: which flow a number runs (its published
// version), every step the caller takes kept on the interaction, what they entered shown to the
// agent, and the flow's ending — the caller queued (with the flow's priority), passed to a number,
// or the call ended by the flow. A caller who hangs up meanwhile is abandoned like one in a queue.
import { readSecrets, secretFieldNames, secretMatches, withoutSecretFields } from "../contacts/contact-secrets.ts";
import { isTrustedVip } from "../contacts/match-contact.ts";
import type { Deps } from "../ports.ts";
import { enqueue } from "../routing/enqueue.ts";
import { isStaffed } from "../queues/staffing.ts";
import { DomainError } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { endCall } from "../voice/calls.ts";
import type { IvrLogEntry } from "./engine.ts";
import { type IvrFlow, flowSchema } from "./flow.ts";
import type { Language } from "./speech.ts";
import { recordEvent, recordEvents } from "../interactions/record-event.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { type InteractionData, interactionData } from "../interactions/interaction-data.ts";

/** The published flow callers of this entry point meet, or null (straight to the queue). */
export async function publishedFlowOf(db: Db, entryPointId: string): Promise<{ flowId: string; version: number; flow: IvrFlow } | null> {
  const entry = await db.entryPoint.findUnique({ where: { id: entryPointId }, select: { ivrFlow: { select: { id: true, publishedVersion: true } } } });
  const f = entry?.ivrFlow;
  if (!f || f.publishedVersion === null) return null;
  const v = await db.ivrFlowVersion.findUnique({ where: { flowId_version: { flowId: f.id, version: f.publishedVersion } } });
  if (!v) return null;
  // Checked when published; checked again, so a flow saved by an older release cannot run wrong.
  const parsed = flowSchema.safeParse(v.definition);
  return parsed.success ? { flowId: f.id, version: v.version, flow: parsed.data } : null;
}

/** The call, while its caller is in an IVR flow (not ended, not handed on). */
export async function callInIvr(db: Db, callId: string) {
  const call = await db.call.findUnique({ where: { id: callId }, include: { parties: { select: { userId: true, visitorId: true } } } });
  if (!call?.interactionId || !call.ivr || call.state === "ENDED") return null;
  return { call, interactionId: call.interactionId };
}

/** The caller's steps, on the interaction (reports: "left in the menu after choosing 2"). */
export async function recordIvrSteps(callId: string, log: IvrLogEntry[], deps: Deps) {
  if (!log.length) return;
  const call = await deps.db.call.findUnique({ where: { id: callId }, select: { organizationId: true, interactionId: true } });
  if (!call?.interactionId) return;
  const at = deps.now();
  await recordEvents(
    deps.db,
    log.map((l, i) => ({
      organizationId: call.organizationId,
      interactionId: call.interactionId!,
      type: "ivr" as const,
      // Steps of one moment keep their order.
      at: new Date(at.getTime() + i),
      data: { node: l.node, step: l.type, what: l.what, ...(l.value === undefined ? {} : { value: l.value }) },
    })),
  );
}

/**
 * Whether the digits are the caller's contact's `field` (their customer number, a PIN...). A secret
 * field (`secret: true`) is compared with its digest, in constant time; the digits must then never
 * be shown to anyone (the engine forgets them).
 */
export async function contactFieldMatches(
  callId: string,
  field: string,
  digits: string,
  deps: Pick<Deps, "db" | "secrets">,
): Promise<{ ok: boolean; secret: boolean }> {
  const call = await deps.db.call.findUnique({ where: { id: callId }, select: { interactionId: true } });
  const interaction = call?.interactionId
    ? await deps.db.interaction.findUnique({
        where: { id: call.interactionId },
        select: {
          case: {
            select: {
              contact: { select: { id: true, organizationId: true, fields: true, secrets: true, organization: { select: { secretContactFields: true } } } },
            },
          },
        },
      })
    : null;
  const contact = interaction?.case.contact;
  if (!contact) return { ok: false, secret: secretFieldNames([]).has(field) };
  if (secretFieldNames(contact.organization.secretContactFields).has(field)) {
    const stored = readSecrets(contact.secrets)[field];
    return { ok: secretMatches(deps.secrets, { organizationId: contact.organizationId, contactId: contact.id }, field, stored, digits), secret: true };
  }
  const value = (contact.fields ?? {}) as Record<string, unknown>;
  const onFile = value[field];
  return { ok: onFile !== undefined && onFile !== null && String(onFile).replace(/[\s-]/g, "") === digits, secret: false };
}

/** What a caller hears when the queue cannot take them, before the call ends. */
export const QUEUE_REFUSED_WORDS: Record<Language, string> = {
  pl: "Niestety nikt nie może teraz odebrać Twojego połączenia. Prosimy, zadzwoń później.",
  en: "Sorry, nobody can take your call right now. Please call again later.",
  ru: "К сожалению, сейчас никто не может ответить на ваш звонок. Пожалуйста, перезвоните позже.",
};

/**
 * The flow puts the caller in a queue. What they entered goes with them (the agent sees it). A
 * queue nobody works, or a full one, refuses (the flow's own branches — hours, menus — are where
 * to send callers elsewhere); `endIfRefused` ends the call at once, else the caller is told first.
 */
export async function ivrToQueue(
  callId: string,
  input: { queueId: string; priority?: number; fields: Record<string, string>; language: string; endIfRefused?: boolean },
  deps: Deps,
): Promise<"QUEUED" | "NO_AGENTS" | "QUEUE_FULL" | "OVERFLOW" | "GONE"> {
  const events = new PendingEvents();
  const result = await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`select 1 from "Call" where "id" = ${callId}::uuid for update`;
    const found = await callInIvr(tx, callId);
    if (!found) return "GONE" as const;
    const { call, interactionId } = found;
    const queue = await tx.queue.findFirst({ where: { id: input.queueId, organizationId: call.organizationId }, select: { id: true } });
    if (!queue || !(await isStaffed(tx, queue.id))) return "NO_AGENTS" as const;
    const interaction = await tx.interaction.findUniqueOrThrow({
      where: { id: interactionId },
      include: { case: { select: { contactVerified: true, contact: { select: { vip: true } } } } },
    });
    const org = await tx.organization.findUniqueOrThrow({ where: { id: call.organizationId }, select: { secretContactFields: true } });
    const now = deps.now();
    const data = interactionData(interaction.data);
    // Whatever a flow put under a secret field's name (a PIN step's case field, a "set" step) is not shown.
    const ivrFields = withoutSecretFields(input.fields, secretFieldNames(org.secretContactFields));
    await tx.interaction.update({
      where: { id: interactionId },
      data: { data: { ...data, ivrFields, language: input.language } satisfies InteractionData as Prisma.InputJsonObject },
    });
    const queued = await enqueue(
      tx,
      {
        organizationId: call.organizationId,
        queueId: queue.id,
        interactionId,
        channel: "VOICE",
        vip: isTrustedVip(interaction.case),
        now,
        priority: input.priority,
      },
      events,
    );
    // A full queue may take messages or offer call-backs instead: the caller's call now runs that flow.
    if (!queued.queued) return queued.overflow ? ("OVERFLOW" as const) : ("QUEUE_FULL" as const);
    await tx.case.update({ where: { id: interaction.caseId }, data: { queueId: queued.queueId } });
    await tx.call.update({ where: { id: callId }, data: { ivr: false } });
    events.add("case.updated", { organizationId: call.organizationId, caseId: interaction.caseId });
    events.add("call.updated", { organizationId: call.organizationId, callId, state: call.state });
    return "QUEUED" as const;
  });
  events.publishTo(deps.events);
  if ((result === "NO_AGENTS" || result === "QUEUE_FULL") && input.endIfRefused !== false) await ivrEnds(callId, result, deps);
  return result;
}

/** The flow ends the call (after its closing words): the conversation ended, not abandoned. */
export async function ivrEnds(callId: string, reason: string, deps: Deps) {
  const found = await callInIvr(deps.db, callId);
  if (!found) return;
  await deps.db.interaction.updateMany({
    where: { id: found.interactionId, state: "QUEUED" },
    data: { state: "ENDED", endedAt: deps.now(), endedBy: "SYSTEM" },
  });
  await recordEvent(deps.db, {
    organizationId: found.call.organizationId,
    interactionId: found.interactionId,
    type: "ivr_ended",
    at: deps.now(),
    data: { reason },
  });
  await endCall(callId, reason, null, deps, "SYSTEM");
}

/** The flow could not go on (its prompt could not be spoken, the runtime failed): said, and the
 * caller goes to the entry point's queue rather than nowhere. */
export async function ivrFailed(callId: string, why: string, deps: Deps) {
  const found = await callInIvr(deps.db, callId);
  if (!found) return "GONE" as const;
  deps.log.error({ callId, why }, "an IVR flow failed; the caller goes to the number's queue");
  const interaction = await deps.db.interaction.findUniqueOrThrow({
    where: { id: found.interactionId },
    select: { entryPoint: { select: { queueId: true } } },
  });
  await recordEvent(deps.db, {
    organizationId: found.call.organizationId,
    interactionId: found.interactionId,
    type: "ivr_failed",
    at: deps.now(),
    data: { why: why.slice(0, 300) },
  });
  if (!interaction.entryPoint) throw new DomainError("CONFLICT", "The call has no entry point");
  return ivrToQueue(callId, { queueId: interaction.entryPoint.queueId, fields: {}, language: "" }, deps);
}

/** The flow passes the caller to a number (SIP REFER, like an agent's blind transfer): recorded
 * first, so the network's answer finds it. */
export async function ivrTransferRequested(callId: string, number: string, deps: Deps) {
  const found = await callInIvr(deps.db, callId);
  if (!found) return;
  await recordEvent(deps.db, {
    organizationId: found.call.organizationId,
    interactionId: found.interactionId,
    type: "transfer_requested",
    at: deps.now(),
    data: { number, external: true, ivr: true },
  });
}
