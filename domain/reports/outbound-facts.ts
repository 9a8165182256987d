// What one call out counts for in the Outbound calls report: what kind of call it was (an agent's
// own, a call-back, a campaign's), who made it, how it ended, how long it rang and how long the
// person was on it. Pure: the interval rows (outbound-intervals.ts) and the drill-down lists count
// from these facts, so a figure means the same everywhere. Definitions: docs/reports.md,
// "Outbound calls".
import { outcomeOfSipCode } from "../campaigns/attempt-rules.ts";

export const OUTBOUND_KINDS = ["MANUAL", "CALLBACK", "WEB_CALLBACK", "CAMPAIGN"] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

/** How a call out ended, one of these each (in the order the report lists them). */
export const OUTBOUND_RESULTS = ["ANSWERED", "MACHINE", "ABANDONED", "BUSY", "NO_ANSWER", "INVALID_NUMBER", "NETWORK_ERROR", "CANCELLED"] as const;
export type OutboundResult = (typeof OUTBOUND_RESULTS)[number];

export interface OutboundInput {
  /** Interaction.data: a campaign's call names its campaign, a call-back says so and how it was asked for. */
  data: unknown;
  /** The agent on the interaction at its end, and the campaign attempt's agent (who took or placed it). */
  agentId: string | null;
  attemptAgentId: string | null;
  queueId: string | null;
  call: { createdAt: Date; answeredAt: Date | null; endedAt: Date | null; sipCode: number | null; remoteNumber: string } | null;
  /**
   * The campaign attempt's verdicts — the detector's (MACHINE...) and the dialer's (ABANDONED...) —
   * and whether an agent was ever on it (put through, or placed it: a preview).
   */
  attempt: { amdResult: string | null; outcome: string | null; withAgent: boolean } | null;
  endedAt: Date;
}

export interface OutboundFact {
  kind: OutboundKind;
  campaignId: string | null;
  queueId: string | null;
  agentId: string | null;
  number: string;
  placedAt: Date;
  result: OutboundResult;
  sipCode: number | null;
  /** From placing the call to its answer, or to its end when nobody answered. */
  ringSeconds: number;
  /** From the answer to the end; 0 when nobody answered. */
  talkSeconds: number;
}

/** The kind of a call out, from what its interaction was opened with. */
export function outboundKind(data: unknown): { kind: OutboundKind; campaignId: string | null } {
  const d = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  if (typeof d.campaignId === "string" && d.campaignId) return { kind: "CAMPAIGN", campaignId: d.campaignId };
  if (d.callback === true) return { kind: d.requestedVia === "IVR" ? "CALLBACK" : "WEB_CALLBACK", campaignId: null };
  return { kind: "MANUAL", campaignId: null };
}

/** How the call ended: answered by a person or a machine, abandoned by the dialer, or why not answered. */
export function outboundResult(call: NonNullable<OutboundInput["call"]>, attempt: OutboundInput["attempt"]): OutboundResult {
  if (call.answeredAt) {
    if (attempt?.amdResult === "MACHINE" || attempt?.outcome === "MACHINE") return "MACHINE";
    // A person answered a campaign's call and never reached an agent: the dialer gave up on them,
    // or they hung up waiting (the regulators' abandoned call either way).
    if (attempt && (attempt.outcome === "ABANDONED" || !attempt.withAgent)) return "ABANDONED";
    return "ANSWERED";
  }
  // No failure answer from the network: we ended it ourselves before anyone answered.
  if (call.sipCode === null || call.sipCode < 400) return "CANCELLED";
  const o = outcomeOfSipCode(call.sipCode);
  return o === "BUSY" || o === "NO_ANSWER" || o === "INVALID_NUMBER" ? o : "NETWORK_ERROR";
}

/** The fact of an ended call out; null when no call was placed (a call-back given up before dialling). */
export function outboundFact(i: OutboundInput): OutboundFact | null {
  if (!i.call) return null;
  const { kind, campaignId } = outboundKind(i.data);
  const end = i.call.endedAt ?? i.endedAt;
  const answered = i.call.answeredAt;
  return {
    kind,
    campaignId,
    queueId: i.queueId,
    agentId: i.attemptAgentId ?? i.agentId,
    number: i.call.remoteNumber,
    placedAt: i.call.createdAt,
    result: outboundResult(i.call, i.attempt),
    sipCode: i.call.sipCode,
    ringSeconds: seconds(i.call.createdAt, answered ?? end),
    talkSeconds: answered ? seconds(answered, end) : 0,
  };
}

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);
