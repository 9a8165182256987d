// bench:dialer — a working day of outbound calling, simulated, driving the real pacer
// (domain/campaigns/pacer.ts). The simulated people answer at a given rate after a spread of ring
// times; the rest are machines, busy or never answer; talks last a log-normal time around the mean
// and every agent wraps up for a fixed time. A person answered who finds no agent free within
// abandonSec is an abandoned call. Prints, per answer rate and mode: the abandon rate overall and in
// the worst hour after the first, and agents' talk minutes per signed-in hour (the ceiling is
// 60 × talk ÷ (talk + wrap)).
//
//   npm run bench:dialer -- [--agents 20] [--talk 150] [--wrap 10] [--hours 8] [--seeds 3]
//     [--rates 0.15,0.3,0.5] [--lines 60] [--trace: the pacer's state every 10 minutes]

import { parseArgs } from "node:util";
import { createPacer, type PacerEvent, type PacerStats, type PacingMode } from "../domain/campaigns/pacer.ts";
import { table } from "./stats.ts";
import { seededRandom } from "../tests/support/seeded-random.ts";

const { values: opts } = parseArgs({
  options: {
    agents: { type: "string", default: "20" },
    talk: { type: "string", default: "150" },
    wrap: { type: "string", default: "10" },
    hours: { type: "string", default: "8" },
    seeds: { type: "string", default: "3" },
    rates: { type: "string", default: "0.15,0.3,0.5" },
    lines: { type: "string", default: "60" },
    trace: { type: "boolean", default: false },
  },
});

interface Day {
  answerRate: number;
  mode: PacingMode;
  seed: number;
  agents: number;
  talkMean: number;
  wrapSec: number;
  hours: number;
  lines: number;
}

function simulate(day: Day) {
  const rnd = seededRandom(day.seed); // the same day for the same seed
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const logNormal = (mean: number, sigma: number) => mean * Math.exp(sigma * normal() - (sigma * sigma) / 2);
  const abandonSec = 2;
  const dt = 0.1;
  const end = day.hours * 3600;
  const pacer = createPacer({ mode: day.mode });

  type Agent = { state: "idle" | "talk" | "wrap"; since: number; until: number };
  const agents: Agent[] = Array.from({ length: day.agents }, () => ({ state: "idle", since: 0, until: 0 }));
  const ringing: { since: number; until: number; human: boolean }[] = [];
  const held: { since: number }[] = [];
  const stats: PacerStats = { dialed: 0, human: 0, machine: 0, busy: 0, noanswer: 0, abandoned: 0, connected: 0 };
  let events: PacerEvent[] = [];
  const hourly = Array.from({ length: day.hours }, () => ({ human: 0, abandoned: 0, talk: 0 }));
  const hourOf = (t: number) => Math.min(day.hours - 1, Math.floor(t / 3600));

  const connect = (a: Agent, t: number) => {
    a.state = "talk";
    a.since = t;
    a.until = t + Math.min(logNormal(day.talkMean, 0.7), day.talkMean * 8);
    stats.connected++;
  };

  for (let tick = 0; tick * dt < end; tick++) {
    const t = tick * dt;
    // Rings end.
    for (let i = ringing.length - 1; i >= 0; i--) {
      const call = ringing[i];
      if (call.until > t) continue;
      ringing.splice(i, 1);
      events.push({ type: "ring", sec: call.until - call.since, human: call.human });
      if (!call.human) continue;
      stats.human++;
      hourly[hourOf(t)].human++;
      held.push({ since: t });
    }
    // Talks and wrap-ups end.
    for (const a of agents) {
      if (a.state === "talk" && a.until <= t) {
        events.push({ type: "talk", sec: a.until - a.since });
        hourly[hourOf(a.since)].talk += a.until - a.since;
        a.state = "wrap";
        a.since = t;
        a.until = t + day.wrapSec;
      } else if (a.state === "wrap" && a.until <= t) {
        a.state = "idle";
        a.since = t;
      }
    }
    // People waiting are put through to free agents, first come first served, or give up.
    for (const a of agents) {
      if (a.state !== "idle" || !held.length) continue;
      held.shift();
      connect(a, t);
    }
    while (held.length && t - held[0].since >= abandonSec) {
      held.shift();
      stats.abandoned++;
      hourly[hourOf(t)].abandoned++;
      events.push({ type: "abandon" });
    }
    if (tick % Math.round(1 / dt)) continue;
    if (opts.trace && tick % 6000 === 0) console.log(day.answerRate, day.mode, `${Math.round(t / 60)} min`, JSON.stringify(pacer.state), hourly[hourOf(t)]);
    const busyLines = ringing.length + held.length + agents.filter((a) => a.state === "talk").length;
    const n = pacer.decide({
      t,
      agents: day.agents,
      lines: day.lines,
      wrapSec: day.wrapSec,
      abandonSec,
      idle: agents.filter((a) => a.state === "idle").length,
      held: held.length,
      talking: agents.filter((a) => a.state === "talk").map((a) => t - a.since),
      wrapping: agents.filter((a) => a.state === "wrap").map((a) => t - a.since),
      ringing: ringing.map((c) => t - c.since),
      linesFree: Math.max(0, day.lines - busyLines),
      stats: { ...stats },
      events,
    });
    events = [];
    for (let i = 0; i < n; i++) {
      stats.dialed++;
      const r = rnd();
      const machineShare = Math.min(0.15, (1 - day.answerRate) / 3);
      if (r < day.answerRate) ringing.push({ since: t, until: t + Math.min(3 + logNormal(7, 0.6), 28), human: true });
      else if (r < day.answerRate + machineShare) {
        stats.machine++;
        ringing.push({ since: t, until: t + 3 + logNormal(8, 0.5), human: false });
      } else if (r < day.answerRate + machineShare + 0.1) {
        stats.busy++;
        ringing.push({ since: t, until: t + 1 + rnd() * 3, human: false });
      } else {
        stats.noanswer++;
        ringing.push({ since: t, until: t + 30, human: false });
      }
    }
  }
  const after = hourly.slice(1).filter((h) => h.human > 0);
  const rate = (h: { human: number; abandoned: number }) => (h.human ? h.abandoned / h.human : 0);
  return {
    overall: rate(stats),
    worstHour: Math.max(0, ...after.map(rate)),
    talkPerAgentHour: hourly.reduce((s, h) => s + h.talk, 0) / 60 / (day.agents * day.hours),
    dialed: stats.dialed,
    connected: stats.connected,
    phase: pacer.state.phase,
  };
}

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const rows: Record<string, string | number>[] = [];
const started = performance.now();
for (const answerRate of opts.rates!.split(",").map(Number)) {
  for (const mode of ["PROGRESSIVE", "PREDICTIVE"] as const) {
    const runs = Array.from({ length: Number(opts.seeds) }, (_, i) =>
      simulate({
        answerRate,
        mode,
        seed: 1000 + i,
        agents: Number(opts.agents),
        talkMean: Number(opts.talk),
        wrapSec: Number(opts.wrap),
        hours: Number(opts.hours),
        lines: Number(opts.lines),
      }),
    );
    rows.push({
      "answer rate": answerRate,
      mode,
      runs: runs.length,
      "abandon overall (worst run)": pct(Math.max(...runs.map((r) => r.overall))),
      "worst hour after the first": pct(Math.max(...runs.map((r) => r.worstHour))),
      "talk min / agent-hour (min, mean)": `${Math.min(...runs.map((r) => r.talkPerAgentHour)).toFixed(1)}, ${(runs.reduce((s, r) => s + r.talkPerAgentHour, 0) / runs.length).toFixed(1)}`,
      "dialled per run": Math.round(runs.reduce((s, r) => s + r.dialed, 0) / runs.length),
    });
  }
}
const talk = Number(opts.talk);
console.log(
  `${opts.agents} agents, ${talk} s mean talk, ${opts.wrap} s wrap, ${opts.hours} h, ${opts.lines} lines; ceiling ${((60 * talk) / (talk + Number(opts.wrap))).toFixed(2)} talk min per agent-hour`,
);
table(rows);
console.log(`simulated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
