// Voicemail from an IVR flow: the caller's message becomes a case for the flow's queue (or the
// number's), with the recording attached as a WAV file any agent can play, and — when the flow
// says so — is mailed to an address with the caller's number and the time. Once recording starts
// the conversation counts as a message left, so a caller who hangs up (the usual way to finish)
// is not abandoned. A mail that cannot be sent is noted on the case; the message is kept anyway.
import { createHash, randomUUID } from "node:crypto";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { callInIvr } from "./ivr-calls.ts";
import { recordEvent } from "../interactions/record-event.ts";
import { interactionData } from "../interactions/interaction-data.ts";

export async function voicemailStarted(callId: string, deps: Deps) {
  const found = await callInIvr(deps.db, callId);
  if (!found) return;
  const now = deps.now();
  await deps.db.interaction.updateMany({
    where: { id: found.interactionId, state: "QUEUED" },
    data: { state: "LEFT_MESSAGE", endedAt: now, endedBy: "CONTACT" },
  });
  await recordEvent(deps.db, { organizationId: found.call.organizationId, interactionId: found.interactionId, type: "voicemail_started", at: now });
  // A web caller's widget says that it is recording now (and keeps their keypad for the #).
  const { call } = found;
  deps.events.publish("call.updated", { organizationId: call.organizationId, callId, state: call.state });
}

function mmss(seconds: number) {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export async function voicemailLeft(
  callId: string,
  recording: { wav: Uint8Array; seconds: number },
  target: { queueId: string | null; email?: string },
  deps: Deps,
) {
  const call = await deps.db.call.findUnique({
    where: { id: callId },
    select: { organizationId: true, interactionId: true, remoteNumber: true, localNumber: true, createdAt: true },
  });
  if (!call?.interactionId) return;
  const interaction = await deps.db.interaction.findUniqueOrThrow({
    where: { id: call.interactionId },
    select: { id: true, caseId: true, data: true, entryPoint: { select: { queueId: true, name: true } } },
  });
  const organizationId = call.organizationId;
  const queueId = target.queueId ?? interaction.entryPoint?.queueId ?? null;
  // A web caller has no number of their own: what they gave in the widget, if anything.
  const given = interactionData(interaction.data);
  const caller = call.remoteNumber || given.phone || given.name || "unknown";
  const fileName = `voicemail-${caller.replace(/[^0-9+]/g, "")}-${deps.now().toISOString().slice(0, 16).replace(/[:T]/g, "-")}.wav`;
  const storageKey = `${organizationId}/${interaction.caseId}/${randomUUID()}`;
  await deps.files.save(storageKey, recording.wav);
  const now = deps.now();
  const events = new PendingEvents();
  const messageId = await deps.db.$transaction(async (tx) => {
    const message = await tx.message.create({
      data: {
        organizationId,
        caseId: interaction.caseId,
        interactionId: interaction.id,
        authorType: "CONTACT",
        body: `Voicemail (${mmss(recording.seconds)})`,
        createdAt: now,
      },
    });
    await tx.attachment.create({
      data: {
        organizationId,
        caseId: interaction.caseId,
        messageId: message.id,
        fileName,
        contentType: "audio/wav",
        size: recording.wav.length,
        sha256: createHash("sha256").update(recording.wav).digest("hex"),
        storageKey,
      },
    });
    await tx.interaction.update({
      where: { id: interaction.id },
      data: { state: "LEFT_MESSAGE", endedAt: now, endedBy: "CONTACT", ...(queueId ? { queueId } : {}) },
    });
    await recordEvent(tx, { organizationId, interactionId: interaction.id, type: "left_message", at: now, data: { seconds: Math.round(recording.seconds) } });
    await tx.case.update({ where: { id: interaction.caseId }, data: { lastActivityAt: now, ...(queueId ? { queueId } : {}) } });
    events.add("message.created", {
      organizationId,
      caseId: interaction.caseId,
      messageId: message.id,
      interactionId: interaction.id,
      kind: "MESSAGE",
      authorType: "CONTACT",
    });
    events.add("case.updated", { organizationId, caseId: interaction.caseId });
    return message.id;
  });
  events.publishTo(deps.events);
  if (target.email)
    await mailVoicemail(
      { ...target, email: target.email },
      {
        organizationId,
        interactionId: interaction.id,
        caseId: interaction.caseId,
        messageId,
        caller,
        dialled: call.localNumber || interaction.entryPoint?.name || "the website",
        fileName,
        recording,
        at: now,
      },
      deps,
    );
}

async function mailVoicemail(
  target: { email: string },
  v: {
    organizationId: string;
    interactionId: string;
    caseId: string;
    messageId: string;
    caller: string;
    dialled: string;
    fileName: string;
    recording: { wav: Uint8Array; seconds: number };
    at: Date;
  },
  deps: Deps,
) {
  const kase = await deps.db.case.findUniqueOrThrow({ where: { id: v.caseId }, select: { number: true } });
  const note = async (e: { type: "voicemail_mailed"; data: { to: string } } | { type: "voicemail_mail_failed"; data: { to: string; error: string } }) => {
    await recordEvent(deps.db, { organizationId: v.organizationId, interactionId: v.interactionId, at: deps.now(), ...e });
    deps.events.publish("case.updated", { organizationId: v.organizationId, caseId: v.caseId });
  };
  if (!deps.mail.configured) return note({ type: "voicemail_mail_failed", data: { to: target.email, error: "No mail server is set up (SMTP_URL)" } });
  try {
    await deps.mail.send({
      to: target.email,
      subject: `Voicemail from ${v.caller} (${mmss(v.recording.seconds)}) — case #${kase.number}`,
      text: `${v.caller} left a message for ${v.dialled} on ${v.at.toISOString().replace("T", " ").slice(0, 16)} UTC, ${mmss(v.recording.seconds)} long.\nThe recording is attached and on case #${kase.number}.\n`,
      attachments: [{ fileName: v.fileName, contentType: "audio/wav", content: v.recording.wav }],
    });
    await note({ type: "voicemail_mailed", data: { to: target.email } });
  } catch (err) {
    deps.log.warn({ err, callId: v.interactionId }, "a voicemail could not be mailed; it is kept on its case");
    await note({ type: "voicemail_mail_failed", data: { to: target.email, error: (err as Error).message.slice(0, 200) } });
  }
}
