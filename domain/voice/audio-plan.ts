// Who hears whom on a call, decided once for every kind of call (colleagues, web callers, later the
// phone network) and enforced by the media service by pausing and resuming consumers. Pure.

export type MonitorMode = "LISTEN" | "WHISPER" | "BARGE";

/** The music on hold, heard like a party (the media service plays it). */
export const MUSIC = "music";
/** IVR prompts for browsers (a web caller in a flow), heard like a party too. */
export const PROMPT = "prompt";

export interface PartyAudio {
  id: string;
  role: "CALLER" | "CALLEE" | "MONITOR" | "CONSULTED";
  /** Staff (an agent or supervisor) rather than the customer. */
  staff: boolean;
  /** For MONITOR parties. */
  mode?: MonitorMode;
  /** Gone from the call. */
  left?: boolean;
  /** A telephone (through a trunk). */
  phone?: boolean;
  /** A number being rung for a consultation, not yet answered: the agent hears the network (ringing
   * tone, announcements) while the customer waits. */
  ringing?: boolean;
}

/** The side of a consultation: the staff, and whoever they consult (a colleague, or an outside
 * number — an expert, another company). The customer on hold is not on it. */
const consultSide = (p: PartyAudio) => p.staff || p.role === "CONSULTED";

/** For each party, the parties whose audio it receives (MUSIC: the music on hold). `held`: the
 * customer is on hold — they hear music and nobody hears them, while the staff on the call (the
 * agent and a colleague or outside number they consult) hear each other. Not held with someone
 * consulted: all three talk (a conference). */
export function audioPlan(parties: PartyAudio[], held = false): Map<string, Set<string>> {
  const present = parties.filter((p) => !p.left && !p.ringing);
  const talkers = present.filter((p) => p.role !== "MONITOR");
  const monitors = present.filter((p) => p.role === "MONITOR");
  const plan = new Map<string, Set<string>>(parties.map((p) => [p.id, new Set<string>()]));
  for (const listener of talkers) {
    const hears = plan.get(listener.id)!;
    for (const t of talkers) if (t.id !== listener.id && (!held || (consultSide(t) && consultSide(listener)))) hears.add(t.id);
    if (held && !consultSide(listener)) hears.add(MUSIC);
    for (const m of monitors) {
      if (m.mode === "BARGE" || (m.mode === "WHISPER" && listener.staff)) hears.add(m.id);
    }
  }
  for (const m of monitors) {
    const hears = plan.get(m.id)!;
    for (const t of talkers) hears.add(t.id);
  }
  // A consulted number still ringing: the staff hear its ringing tone.
  const rung = parties.find((p) => p.ringing && p.phone && !p.left);
  if (rung) for (const p of talkers) if (p.staff) plan.get(p.id)!.add(rung.id);
  return plan;
}

/** Before anyone answers: a phone caller waiting in the queue hears music (in the IVR, `ivr`, its
 * prompts instead — in their mix for a telephone, the PROMPT producer for a browser); an agent calling out hears the telephone network (ringing tone, announcements:
 * early media). Nobody else hears anything. */
export function ringingPlan(parties: PartyAudio[], ivr = false): Map<string, Set<string>> {
  const plan = new Map<string, Set<string>>(parties.map((p) => [p.id, new Set<string>()]));
  const present = parties.filter((p) => !p.left);
  if (!ivr) for (const p of present) if (p.phone && p.role === "CALLER") plan.get(p.id)!.add(MUSIC);
  // A web caller in a flow hears its prompts (telephones get theirs in their mix).
  if (ivr) for (const p of present) if (!p.phone && !p.staff && p.role === "CALLER") plan.get(p.id)!.add(PROMPT);
  const dialled = parties.find((p) => p.phone && p.role === "CALLEE");
  if (dialled) for (const p of present) if (p.staff && p.role === "CALLER") plan.get(p.id)!.add(dialled.id);
  return plan;
}
