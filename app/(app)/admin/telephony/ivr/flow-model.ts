// The IVR editor's working copy of a flow (the JSON domain/ivr/flow.ts checks), and the edits the
// tree makes to it: new steps with sensible defaults, re-pointing a branch, dropping steps nothing
// leads to any more. Pure, so the editor's components stay about presentation.
import { type Branch, branchesOf } from "../../../../../domain/ivr/flow-branches.ts";
import type { IvrNode } from "../../../../../domain/ivr/flow.ts";

export type Lang = "pl" | "en" | "ru";
export const LANGS: Lang[] = ["pl", "en", "ru"];
/** Words spoken in the caller's language, or an uploaded recording (audioId) played instead. */
export type Prompt = { text: Partial<Record<Lang, string>>; audioId?: string };
export type Step = Record<string, unknown> & { type: StepType };
export interface Flow {
  language: Lang;
  start: string;
  operator?: { key: string; node: string };
  nodes: Record<string, Step>;
}

export const STEP_TYPES = ["menu", "play", "collect", "language", "hours", "caller", "set", "queue", "voicemail", "callback", "transfer", "fax", "hangup"] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"];
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const emptyPrompt = (): Prompt => ({ text: {} });

/** A new step of `type`; branches it needs point at `fallback` (the step that led here, or one to
 * end on) until the admin chooses. */
export function newStep(type: StepType, ctx: { queueId: string; fallback: string }): Step {
  const to = ctx.fallback;
  switch (type) {
    case "menu":
      return { type, prompt: emptyPrompt(), options: {}, timeoutSeconds: 5, retries: 2, onFail: to };
    case "play":
      return { type, prompt: emptyPrompt(), next: to };
    case "collect":
      return { type, prompt: emptyPrompt(), variable: "digits", minDigits: 1, maxDigits: 10, terminator: "#", timeoutSeconds: 8, retries: 2, next: to, onFail: to };
    case "language":
      return { type, prompt: emptyPrompt(), options: { "1": "pl", "2": "en", "3": "ru" }, timeoutSeconds: 5, next: to };
    case "hours":
      return {
        type,
        hours: { enabled: true, days: Object.fromEntries(DAYS.slice(0, 5).map((d) => [d, [{ from: "08:00", to: "16:00" }]])), holidays: [] },
        open: to,
        closed: to,
      };
    case "caller":
      return { type, rules: [{ match: "vip", next: to }], otherwise: to };
    case "set":
      return { type, field: "", value: "", next: to };
    case "queue":
      return { type, queueId: ctx.queueId };
    case "voicemail":
      return { type, prompt: emptyPrompt(), maxSeconds: 120, queueId: null };
    case "callback":
      return { type, prompt: emptyPrompt(), queueId: ctx.queueId, trunkId: null };
    case "transfer":
      return { type, number: "" };
    case "fax":
      return { type, prompt: emptyPrompt(), documentId: "" };
    case "hangup":
      return { type };
  }
}

/** A free id for a new step of `type`: menu-2, queue-3… */
export function freeId(flow: Flow, type: StepType): string {
  for (let n = 1; ; n++) {
    const id = `${type}-${n}`;
    if (!flow.nodes[id]) return id;
  }
}

/** A flow to start from: a menu whose key 1 leads to the first queue. */
export function starterFlow(queueId: string): Flow {
  return {
    language: "pl",
    start: "menu-1",
    nodes: {
      "menu-1": { ...newStep("menu", { queueId, fallback: "queue-1" }), options: { "1": "queue-1" } },
      "queue-1": newStep("queue", { queueId, fallback: "" }),
    },
  };
}

/** The steps a step leads to, with what leads there (for the tree): the domain's answer, read
 * off the editor's working copy. */
export const branches = (step: Step): Branch[] => branchesOf(step as unknown as IvrNode);

/** The step with one branch pointing elsewhere. */
export function repoint(step: Step, slot: string, target: string): Step {
  if (slot.startsWith("key:")) return { ...step, options: { ...(step.options as Record<string, string>), [slot.slice(4)]: target } };
  if (slot.startsWith("rule:")) {
    const i = Number(slot.slice(5));
    return { ...step, rules: (step.rules as { next: string }[]).map((r, j) => (j === i ? { ...r, next: target } : r)) };
  }
  return { ...step, [slot]: target };
}

/** Only the steps the start (or the operator key) leads to. */
export function pruned(flow: Flow): Flow {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || !flow.nodes[id]) return;
    seen.add(id);
    for (const b of branches(flow.nodes[id])) visit(b.target);
  };
  visit(flow.start);
  if (flow.operator) visit(flow.operator.node);
  return { ...flow, nodes: Object.fromEntries(Object.entries(flow.nodes).filter(([id]) => seen.has(id))) };
}
