// Which calls are recorded and the Recording rows that say so. A customer's call is recorded by
// its queue's policy (every call, inbound or outbound ones, listed customers' numbers, or on the
// agent's demand; see recording-policy.ts); calls between colleagues never are. The recording
// itself is made by the media service (media/); this records its life: started, paused stretches,
// finished with its file — or failed, with the reason (a disk too full to start one is a reason).
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { normalisePhone } from "../shared/phone-number.ts";
import type { Db } from "../shared/tx.ts";
import { livePartyOf } from "./calls.ts";
import { agentOf, customerOf } from "./call-parties.ts";
import { recordsByPolicy } from "./recording-policy.ts";
import { type RecordingSpace, noSpaceError } from "./recording-storage.ts";

export type RecordingTarget = { recordingId: string; parties: string[] };

/** Call context for recording: the queue's policy, the talking parties (customer first). */
async function callFacts(callId: string, db: Db) {
  const call = await db.call.findUnique({
    where: { id: callId },
    include: { parties: { include: { visitor: { select: { name: true, email: true, phone: true } } } }, recording: true },
  });
  if (!call?.interactionId) return null;
  const interaction = await db.interaction.findUnique({ where: { id: call.interactionId }, select: { queueId: true, agentId: true, direction: true } });
  const queue = interaction?.queueId
    ? await db.queue.findUnique({ where: { id: interaction.queueId }, select: { recordingPolicy: true, recordNumbers: true } })
    : null;
  const customer = customerOf(call.parties);
  // The agent talking with them: who answered, or who dialled out (a colleague being consulted is
  // not recorded in their place). Once the agent has handed the customer to an outside number, that
  // number is the other side.
  const agent =
    agentOf(call.parties) ??
    (call.parties.some((p) => p.userId && p.role !== "MONITOR" && !p.leftAt)
      ? undefined
      : call.parties.find((p) => p.role === "CONSULTED" && p.phone && p.joinedAt && !p.leftAt));
  return {
    call,
    queueId: interaction?.queueId ?? null,
    agentId: agent?.userId ?? interaction?.agentId ?? null,
    policy: queue?.recordingPolicy ?? "NONE",
    recordNumbers: queue?.recordNumbers ?? [],
    direction: interaction?.direction ?? "INBOUND",
    customer,
    agent,
  };
}

type RecordingDeps = Pick<Deps, "db" | "now" | "log">;

/**
 * Starts the call's Recording row (the caller then starts the media). With too little disk space
 * left the row is made FAILED at once, saying so, and null is returned: the call goes on unrecorded
 * and nobody is led to think otherwise.
 */
async function begin(
  callId: string,
  deps: RecordingDeps,
  facts: NonNullable<Awaited<ReturnType<typeof callFacts>>>,
  space?: RecordingSpace,
): Promise<RecordingTarget | "NO_SPACE" | null> {
  if (facts.call.state !== "ACTIVE" || !facts.customer || !facts.agent) return null;
  if (facts.call.recording)
    return facts.call.recording.state === "RECORDING" ? { recordingId: facts.call.recording.id, parties: [facts.customer.id, facts.agent.id] } : null;
  const status = space ? await space().catch(() => null) : null;
  const v = facts.customer.visitor;
  const data = {
    organizationId: facts.call.organizationId,
    callId,
    queueId: facts.queueId,
    agentId: facts.agentId,
    // The number as E.164 when it is one, so a search finds it however it is typed.
    customer: [v?.name, v?.email, normalisePhone(v?.phone ?? facts.customer.phone) ?? v?.phone ?? facts.customer.phone].filter(Boolean).join(" · "),
    startedAt: deps.now(),
  };
  if (status?.critical) {
    const error = noSpaceError(status);
    deps.log.error(
      { callId, freeBytes: status.freeBytes, thresholdBytes: status.thresholdBytes },
      "a call was not recorded: the recordings disk is nearly full",
    );
    await deps.db.recording.create({ data: { ...data, state: "FAILED", error, endedAt: data.startedAt } });
    return "NO_SPACE";
  }
  const rec = await deps.db.recording.create({ data });
  return { recordingId: rec.id, parties: [facts.customer.id, facts.agent.id] };
}

/** When a call goes live: start recording if the queue's policy says so (web calls are inbound). */
export async function recordingByPolicy(callId: string, deps: RecordingDeps, space?: RecordingSpace): Promise<RecordingTarget | null> {
  const facts = await callFacts(callId, deps.db);
  if (!facts) return null;
  const customerPhone = facts.customer?.visitor?.phone ?? facts.customer?.phone ?? "";
  // A recording under way goes on (its sides follow the people: after a transfer, the new agent).
  if (facts.call.recording?.state !== "RECORDING" && !recordsByPolicy(facts.policy, facts.recordNumbers, { direction: facts.direction, customerPhone }))
    return null;
  const target = await begin(callId, deps, facts, space);
  return target === "NO_SPACE" ? null : target;
}

/** The call's people hear that its recording changed (their softphones show it). */
const tellCall = (
  call: { id: string; organizationId: string; state: "RINGING" | "ACTIVE" | "ENDED"; parties: { userId: string | null; visitorId: string | null }[] },
  deps: Pick<Deps, "events">,
) => deps.events.publish("call.updated", { organizationId: call.organizationId, callId: call.id, state: call.state });

/** The agent presses Record (queues that record on demand, or any queue whose policy left it out). */
export async function recordOnDemand(
  viewer: Viewer,
  callId: string,
  deps: Pick<Deps, "db" | "now" | "events" | "log">,
  space?: RecordingSpace,
): Promise<RecordingTarget> {
  const { call, party } = await livePartyOf(viewer, callId, deps.db);
  if (party.role === "MONITOR") throw new DomainError("FORBIDDEN", "Only the agent on the call can record it");
  const facts = await callFacts(callId, deps.db);
  if (!facts) throw new DomainError("CONFLICT", "Calls between colleagues are not recorded", { reason: "NOT_RECORDABLE" });
  const target = await begin(callId, deps, facts, space);
  if (target === "NO_SPACE") {
    tellCall(call, deps);
    throw new DomainError("CONFLICT", "Not enough disk space is left to record", { reason: "RECORDING_NO_SPACE" });
  }
  if (!target) throw new DomainError("CONFLICT", "This call cannot be recorded now", { reason: "NOT_RECORDABLE" });
  tellCall(call, deps);
  return target;
}

/** Pause (a card number is being read) or resume: the stretch stays silent and is marked. */
export async function setRecordingPaused(viewer: Viewer, callId: string, paused: boolean, deps: Pick<Deps, "db" | "now" | "events">) {
  const { call, party } = await livePartyOf(viewer, callId, deps.db);
  if (party.role === "MONITOR") throw new DomainError("FORBIDDEN", "Only the agent on the call can pause its recording");
  const rec = await deps.db.recording.findUnique({ where: { callId } });
  if (!rec || rec.state !== "RECORDING") throw notFound("Recording");
  const at = (deps.now().getTime() - rec.startedAt.getTime()) / 1000;
  const pauses = (rec.pauses as { from: number; to: number | null }[]).slice();
  const open = pauses.at(-1)?.to === null;
  if (paused === open) return rec; // already so
  if (paused) pauses.push({ from: at, to: null });
  else pauses[pauses.length - 1] = { ...pauses.at(-1)!, to: at };
  const updated = await deps.db.recording.update({ where: { id: rec.id }, data: { pauses } });
  tellCall(call, deps);
  return updated;
}

export async function recordingFinished(
  callId: string,
  result: { storageKey: string; sizeBytes: number; channels: number; seconds: number } | { error: string },
  deps: Pick<Deps, "db" | "now">,
  /** When recording stopped (the file is made afterwards). */
  stoppedAt = deps.now(),
) {
  const rec = await deps.db.recording.findUnique({ where: { callId } });
  if (!rec) return;
  const pauses = (rec.pauses as { from: number; to: number | null }[]).map((p) => ({
    from: p.from,
    to: p.to ?? ("seconds" in result ? result.seconds : p.from),
  }));
  await deps.db.recording.update({
    where: { id: rec.id },
    data:
      "error" in result
        ? { state: "FAILED", error: result.error.slice(0, 1000), endedAt: stoppedAt, pauses }
        : {
            state: "READY",
            storageKey: result.storageKey,
            sizeBytes: result.sizeBytes,
            channels: result.channels,
            durationSeconds: result.seconds,
            endedAt: stoppedAt,
            pauses,
          },
  });
}

/** A call whose recording was going when it ended: mark it PROCESSING while the file is made. */
export async function recordingProcessing(callId: string, deps: Pick<Deps, "db">) {
  await deps.db.recording.updateMany({ where: { callId, state: "RECORDING" }, data: { state: "PROCESSING" } });
}
