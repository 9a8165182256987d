// How many calls a campaign starts now. Pure (no I/O, no clock of its own): the dialer calls
// `decide` once a second per campaign with a snapshot of the live state, and a simulator
// (bench/dialer.ts) can drive it through a working day in a second. Definitions and the reasoning
// behind the numbers: docs/campaigns.md.
//
// Progressive: one call per free agent (no call waits for an agent; no abandons by design).
// Predictive: dial ahead of agents becoming free. For each further call it estimates the chance
// that, should a person answer it, no agent is free within `abandonSec` — from what it has learnt
// of ring times, answer rates and talk times, conditional on how long each current call has rung
// and each talk has lasted — and places it while that chance is at most λ. λ is steered by what
// actually happens (down on every abandon, up on every person answered) so the campaign's abandon
// rate settles at its target below the legal cap. One that has not yet learnt enough is paced
// progressively; one near its cap dials ahead only at a quarter of that risk.

import { Durations, Rings } from "./durations.ts";

export type PacerEvent =
  /** A call stopped ringing after `sec` s: answered by a person (`human`), or not (machine, busy, no answer). */
  | { type: "ring"; sec: number; human: boolean }
  /** A conversation with an agent ended after `sec` s. */
  | { type: "talk"; sec: number }
  /** A person answered and no agent was free in time: they heard the campaign's message. */
  | { type: "abandon" };

export interface PacerStats {
  dialed: number;
  human: number;
  machine: number;
  busy: number;
  noanswer: number;
  abandoned: number;
  connected: number;
}

export interface PacerSnapshot {
  /** Seconds since the campaign started. */
  t: number;
  /** Agents signed in to the campaign. */
  agents: number;
  /** The campaign's line limit. */
  lines: number;
  wrapSec: number;
  /** A person answered waits at most this long for an agent before it is an abandoned call. */
  abandonSec: number;
  /** Agents free now. */
  idle: number;
  /** People who answered and wait for an agent now. */
  held: number;
  /** Seconds elapsed, per agent talking. */
  talking: number[];
  /** Seconds elapsed, per agent in wrap-up. */
  wrapping: number[];
  /** Seconds elapsed, per call ringing. */
  ringing: number[];
  linesFree: number;
  stats: PacerStats;
  /** What happened since the last call of `decide`. */
  events: PacerEvent[];
}

export type PacingMode = "PROGRESSIVE" | "PREDICTIVE";

export interface PacerConfig {
  mode: PacingMode;
  /** The most abandoned calls allowed, as a share of person-answered calls (Ofcom / FTC: 3 %). */
  abandonCap?: number;
  /** What predictive pacing aims at; by default half the cap, leaving room for an unlucky hour. */
  abandonTarget?: number;
  /** At most this many calls ringing per agent signed in. */
  maxRingingPerAgent?: number;
  /** Person-answered calls to learn from before dialling ahead of free agents. */
  learnCalls?: number;
}

/** Why the last decision was taken as it was (for the campaign monitor). NEAR_CAP: the last hour's
 * abandon rate reached 90 % of the cap (or the campaign's 95 %): predictive at a quarter of λ. */
export type PacerPhase = "PROGRESSIVE" | "LEARNING" | "NEAR_CAP" | "PREDICTIVE";

/** Something that happened `t` seconds after the campaign started (a history recalled). */
export interface PastEvent {
  t: number;
  event: PacerEvent;
}

export interface Pacer {
  decide(snapshot: PacerSnapshot): number;
  /**
   * Learns what happened before this pacer existed, oldest first, as if it had been told at the
   * time: a pacer started on another node (the dialer's job moved, a restart) goes on from the
   * campaign's history instead of learning again progressively.
   */
  recall(history: PastEvent[]): void;
  /** The state behind the last decision. */
  readonly state: { phase: PacerPhase; lambda: number; hourAbandonRate: number | null };
}

/** The moments (as shares of person-answered calls, by ring time) a new call is judged at. */
const ANSWER_QUANTILES = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95];
const HOUR = 3600;
/** Near the cap, a call is placed only at a quarter of the usual risk. */
const NEAR_CAP_CAUTION = 0.25;

export function createPacer(config: PacerConfig): Pacer {
  const cap = config.abandonCap ?? 0.03;
  const target = Math.min(config.abandonTarget ?? cap / 2, cap);
  const maxRinging = config.maxRingingPerAgent ?? 3;
  const learnCalls = config.learnCalls ?? 30;
  const rings = new Rings();
  const talks = new Durations(120);
  /** Times of person answers and of abandons in the last hour. */
  const humansAt: number[] = [];
  const abandonsAt: number[] = [];
  /** Steered so abandons ÷ person answers settles at the target: each answer raises it by
   * e^(step·target), each abandon lowers it by e^(−step). */
  const step = 0.3;
  let lambda = target * 2;
  const state: Pacer["state"] = { phase: "LEARNING", lambda, hourAbandonRate: null };

  function learn(e: PacerEvent, t: number) {
    if (e.type === "ring") {
      rings.add(e.sec, e.human);
      if (e.human) {
        humansAt.push(t);
        lambda *= Math.exp(step * target);
      }
    } else if (e.type === "talk") talks.add(e.sec);
    else {
      abandonsAt.push(t);
      lambda *= Math.exp(-step);
    }
    lambda = Math.min(0.5, Math.max(0.0005, lambda));
  }

  function forgetBefore(t: number) {
    while (humansAt.length && humansAt[0] <= t - HOUR) humansAt.shift();
    while (abandonsAt.length && abandonsAt[0] <= t - HOUR) abandonsAt.shift();
  }

  return {
    state,
    recall(history) {
      for (const { t, event } of history) {
        learn(event, t);
        forgetBefore(t);
      }
      state.lambda = lambda;
    },
    decide(s) {
      for (const e of s.events) learn(e, s.t);
      forgetBefore(s.t);
      const hourRate = humansAt.length >= 30 ? abandonsAt.length / humansAt.length : null;
      state.lambda = lambda;
      state.hourAbandonRate = hourRate;
      const room = Math.max(0, Math.min(s.linesFree, s.agents * maxRinging - s.ringing.length));
      if (s.agents <= 0 || room === 0) return 0;
      const progressive = Math.min(room, Math.max(0, s.idle - s.held - s.ringing.length));
      const overall = s.stats.human >= learnCalls ? s.stats.abandoned / s.stats.human : 0;
      state.phase =
        config.mode === "PROGRESSIVE"
          ? "PROGRESSIVE"
          : rings.humanCount < learnCalls || talks.count < 10
            ? "LEARNING"
            : (hourRate ?? 0) >= cap * 0.9 || overall >= cap * 0.95
              ? "NEAR_CAP"
              : "PREDICTIVE";
      if (state.phase === "PROGRESSIVE" || state.phase === "LEARNING") return progressive;
      const caution = state.phase === "NEAR_CAP" ? NEAR_CAP_CAUTION : 1;
      return Math.max(progressive, predictive(s, room, lambda * caution));
    },
  };

  /** Calls to place so that each one's chance of finding no agent, should a person answer, is ≤ λ. */
  function predictive(s: PacerSnapshot, room: number, threshold: number): number {
    const views = ANSWER_QUANTILES.map((q) => {
      const by = rings.humanRingQuantile(q);
      // Agents free by the time a person answering at `by` has waited abandonSec for one.
      const until = by + s.abandonSec;
      let certain = s.idle;
      for (const e of s.wrapping) if (s.wrapSec - e <= until) certain++;
      const free = shift(poissonBinomial(s.talking.map((e) => talks.endsWithin(e, until - s.wrapSec))), certain);
      // People waiting for an agent by then: those held now, and the current calls a person answers by then.
      const answers = shift(poissonBinomial(s.ringing.map((e) => rings.humanBy(e, e + by))), s.held);
      return { free, answers, pNew: rings.humanBy(0, by) };
    });
    let placed = 0;
    while (placed < room) {
      let noAgent = 0;
      for (const v of views) noAgent += atLeast(v.answers, v.free);
      if (noAgent / views.length > threshold) break;
      for (const v of views) v.answers = addBernoulli(v.answers, v.pNew);
      placed++;
    }
    return placed;
  }
}

/** The distribution of a sum of independent yes/no outcomes with the given chances. */
export function poissonBinomial(ps: number[]): number[] {
  let dist = [1];
  for (const p of ps) dist = addBernoulli(dist, p);
  return dist;
}

export function addBernoulli(dist: number[], p: number): number[] {
  const next = new Array<number>(dist.length + 1).fill(0);
  for (let k = 0; k < dist.length; k++) {
    next[k] += dist[k] * (1 - p);
    next[k + 1] += dist[k] * p;
  }
  return next;
}

/** The distribution of X + c. */
function shift(dist: number[], c: number): number[] {
  return c > 0 ? [...new Array<number>(c).fill(0), ...dist] : dist;
}

/** P(A ≥ F) for independent A and F given as distributions over 0, 1, 2… */
export function atLeast(a: number[], f: number[]): number {
  // tail[k] = P(A ≥ k)
  const tail = new Array<number>(a.length + 1).fill(0);
  for (let k = a.length - 1; k >= 0; k--) tail[k] = tail[k + 1] + a[k];
  let p = 0;
  for (let k = 0; k < f.length; k++) p += f[k] * (k < tail.length ? tail[k] : 0);
  return p;
}
