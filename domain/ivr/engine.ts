// Runs an IVR flow for one caller, as a pure state machine: the host (the media role, on a call)
// does what the actions say — speak a prompt, wait for keys, look digits up, put the caller in a
// queue — and feeds back what happened (a prompt finished, a key, a timeout, a lookup's answer).
// Every step the caller takes is logged, so a report can say "left in the menu after choosing 2".
import { isOpen } from "../entry-points/business-hours.ts";
import { type IvrFlow, type IvrNode, type NodeType, type Prompt } from "./flow.ts";
import { type Language, fillPrompt } from "./speech.ts";

export interface CallerFacts {
  /** E.164, or null for a withheld number. */
  number: string | null;
  vip: boolean;
  /** The number belongs to a contact. */
  known: boolean;
}

export interface IvrContext {
  now: Date;
  timezone: string;
  caller: CallerFacts;
}

export interface IvrState {
  node: string;
  language: Language;
  /** What the caller entered (and a lookup returned), for prompts and the agent. */
  vars: Record<string, string>;
  /** Case fields to set from it (the agent sees them; the caller never says them twice). */
  fields: Record<string, string>;
  /** Wrong or missing answers at the current step. */
  attempts: number;
  /** Keys entered so far at a collect step. */
  digits: string;
}

export type IvrAction =
  /** Speak; `listen`: keys end the prompt and count as the answer; then wait `timeoutSeconds`. */
  | { kind: "say"; prompt: Prompt; language: Language; vars: Record<string, string>; listen?: { timeoutSeconds: number } }
  /** Check the digits (contact field or CRM); answer with a "verified" event. */
  | { kind: "verify"; verify: Extract<IvrNode, { type: "collect" }>["verify"] & object; digits: string }
  | { kind: "queue"; queueId: string; priority?: number }
  /** Record the caller after a tone, until # or `maxSeconds` (or they hang up). */
  | { kind: "voicemail"; maxSeconds: number; queueId: string | null; email?: string }
  /** Queue a call back to the caller's number, for the first free agent of the queue. */
  | { kind: "callback"; queueId: string; trunkId: string | null }
  | { kind: "transfer"; number: string }
  /** Fax the document to the caller on this call (their machine receives), then end the call. */
  /** `callBack`: queued as a fax to the caller's number, sent once they hung up, or to the number
   * they keyed in (`keyed`: its digits as entered); else sent on this call. */
  | { kind: "fax"; documentId: string; callBack: boolean; keyed?: { digits: string; nationalPrefix: string | null } }
  | { kind: "hangup" };

export type IvrEvent =
  | { type: "prompt_done" }
  | { type: "digit"; digit: string }
  | { type: "timeout" }
  /** `unavailable`: the lookup could not be made (the CRM is down): no point asking again.
   * `secret`: the digits were a secret field (a PIN): forgotten at once, never a variable or case field. */
  | { type: "verified"; ok: boolean; vars?: Record<string, string>; unavailable?: boolean; secret?: boolean };

export interface IvrLogEntry {
  node: string;
  type: NodeType;
  what: "entered" | "chose" | "timeout" | "invalid" | "verified" | "not_verified" | "gave_up";
  value?: string;
}

export interface IvrStep {
  state: IvrState;
  actions: IvrAction[];
  log: IvrLogEntry[];
  /** The flow handed the caller on (queue, voicemail, call-back, transfer, hang-up). */
  done: boolean;
}

/** Instant steps (hours, caller, set) in a row before the engine stops: the schema forbids loops
 * of them, this guards against a flow saved before that check. */
const MAX_INSTANT = 100;

export class IvrLoopError extends Error {}

export function startFlow(flow: IvrFlow, ctx: IvrContext): IvrStep {
  const state: IvrState = { node: flow.start, language: flow.language, vars: {}, fields: {}, attempts: 0, digits: "" };
  return enter(flow, state, flow.start, ctx, []);
}

/** What happens after `event` at the caller's current step. */
export function onEvent(flow: IvrFlow, state: IvrState, event: IvrEvent, ctx: IvrContext): IvrStep {
  const node = flow.nodes[state.node];
  const log: IvrLogEntry[] = [];
  const at = (what: IvrLogEntry["what"], value?: string) => log.push({ node: state.node, type: node.type, what, ...(value === undefined ? {} : { value }) });
  const stay = (): IvrStep => ({ state, actions: [], log, done: false });

  switch (node.type) {
    case "play":
      return event.type === "prompt_done" ? enter(flow, state, node.next, ctx, log) : stay();
    case "menu": {
      if (event.type === "digit") {
        const chosen = node.options[event.digit];
        if (chosen) {
          at("chose", event.digit);
          return enter(flow, state, chosen, ctx, log);
        }
        if (flow.operator && event.digit === flow.operator.key) {
          at("chose", event.digit);
          return enter(flow, state, flow.operator.node, ctx, log);
        }
        at("invalid", event.digit);
        return retry(flow, state, node, ctx, log);
      }
      if (event.type === "timeout") {
        at("timeout");
        return retry(flow, state, node, ctx, log);
      }
      return stay();
    }
    case "language": {
      if (event.type === "digit" && node.options[event.digit]) {
        at("chose", event.digit);
        return enter(flow, { ...state, language: node.options[event.digit]! }, node.next, ctx, log);
      }
      if (event.type === "digit" || event.type === "timeout") {
        // No choice: the flow's language, and on.
        at(event.type === "timeout" ? "timeout" : "invalid", event.type === "digit" ? event.digit : undefined);
        return enter(flow, state, node.next, ctx, log);
      }
      return stay();
    }
    case "collect": {
      if (event.type === "digit") {
        if (event.digit === node.terminator) return finishEntry(flow, state, node, ctx, log);
        const digits = state.digits + event.digit;
        const next = { ...state, digits };
        return digits.length >= node.maxDigits ? finishEntry(flow, next, node, ctx, log) : { state: next, actions: [], log, done: false };
      }
      if (event.type === "timeout") {
        if (state.digits.length >= node.minDigits) return finishEntry(flow, state, node, ctx, log);
        // What was typed is not logged (it may be half a PIN): only that time ran out.
        at("timeout");
        return retry(flow, state, node, ctx, log);
      }
      if (event.type === "verified") {
        if (event.ok) {
          at("verified");
          const checked = { ...state, vars: { ...state.vars, ...(event.vars ?? {}) } };
          return enter(flow, event.secret ? checked : remember(checked, node, state.digits), node.next, ctx, log);
        }
        at("not_verified", event.unavailable ? "unavailable" : undefined);
        if (event.unavailable) return enter(flow, state, node.onFail, ctx, log);
        return retry(flow, state, node, ctx, log);
      }
      return stay();
    }
    default:
      return stay();
  }
}

/** A complete entry at a collect step: checked (when the step verifies) or taken. */
function finishEntry(flow: IvrFlow, state: IvrState, node: Extract<IvrNode, { type: "collect" }>, ctx: IvrContext, log: IvrLogEntry[]): IvrStep {
  if (state.digits.length < node.minDigits) {
    log.push({ node: state.node, type: node.type, what: "invalid" });
    return retry(flow, state, node, ctx, log);
  }
  if (node.verify) return { state, actions: [{ kind: "verify", verify: node.verify, digits: state.digits }], log, done: false };
  // Taken unverified (an account number, say): it goes to the agent with the call, not the log.
  log.push({ node: state.node, type: node.type, what: "chose" });
  return enter(flow, remember(state, node, state.digits), node.next, ctx, log);
}

function remember(state: IvrState, node: Extract<IvrNode, { type: "collect" }>, digits: string): IvrState {
  return {
    ...state,
    vars: { ...state.vars, [node.variable]: digits },
    fields: node.caseField ? { ...state.fields, [node.caseField]: digits } : state.fields,
  };
}

/** Asks again (the "invalid" prompt first, when there is one), or gives up and goes on. */
function retry(flow: IvrFlow, state: IvrState, node: Extract<IvrNode, { type: "menu" | "collect" }>, ctx: IvrContext, log: IvrLogEntry[]): IvrStep {
  const attempts = state.attempts + 1;
  if (attempts > node.retries) {
    log.push({ node: state.node, type: node.type, what: "gave_up" });
    return enter(flow, state, node.onFail, ctx, log);
  }
  const again = { ...state, attempts, digits: "" };
  const actions: IvrAction[] = [];
  if (node.invalidPrompt) actions.push({ kind: "say", prompt: node.invalidPrompt, language: state.language, vars: state.vars });
  actions.push(ask(node, again));
  return { state: again, actions, log, done: false };
}

const ask = (node: Extract<IvrNode, { type: "menu" | "collect" | "language" }>, state: IvrState): IvrAction => ({
  kind: "say",
  prompt: node.prompt,
  language: state.language,
  vars: state.vars,
  listen: { timeoutSeconds: node.timeoutSeconds },
});

function callerMatches(rule: Extract<IvrNode, { type: "caller" }>["rules"][number], caller: CallerFacts): boolean {
  switch (rule.match) {
    case "vip":
      return caller.vip;
    case "known":
      return caller.known;
    case "anonymous":
      return !caller.number;
    case "prefix":
      return !!caller.number && rule.prefixes.some((p) => caller.number!.startsWith(p.startsWith("+") ? p : `+${p}`));
  }
}

/** Goes to a step and does what it does on arrival; instant steps are passed through at once. */
function enter(flow: IvrFlow, from: IvrState, nodeId: string, ctx: IvrContext, log: IvrLogEntry[]): IvrStep {
  let state: IvrState = { ...from, node: nodeId, attempts: 0, digits: "" };
  for (let hops = 0; hops < MAX_INSTANT; hops++) {
    const node = flow.nodes[state.node];
    log.push({ node: state.node, type: node.type, what: "entered" });
    const step = (actions: IvrAction[], done = false): IvrStep => ({ state, actions, log, done });
    const move = (next: string, value?: string) => {
      log.push({ node: state.node, type: node.type, what: "chose", ...(value === undefined ? {} : { value }) });
      state = { ...state, node: next };
    };
    switch (node.type) {
      case "play":
        return step([{ kind: "say", prompt: node.prompt, language: state.language, vars: state.vars }]);
      case "menu":
      case "language":
      case "collect":
        return step([ask(node, state)]);
      case "hours": {
        const open = isOpen({ ...node.hours, enabled: true }, ctx.timezone, ctx.now);
        move(open ? node.open : node.closed, open ? "open" : "closed");
        continue;
      }
      case "caller": {
        const rule = node.rules.find((r) => callerMatches(r, ctx.caller));
        move(rule ? rule.next : node.otherwise, rule?.match ?? "otherwise");
        continue;
      }
      case "set":
        state = { ...state, fields: { ...state.fields, [node.field]: fillPrompt(node.value, state.vars, state.language) } };
        move(node.next);
        continue;
      case "queue":
        return step([{ kind: "queue", queueId: node.queueId, ...(node.priority === undefined ? {} : { priority: node.priority }) }], true);
      case "voicemail":
        return step(
          [
            { kind: "say", prompt: node.prompt, language: state.language, vars: state.vars },
            { kind: "voicemail", maxSeconds: node.maxSeconds, queueId: node.queueId, ...(node.email ? { email: node.email } : {}) },
          ],
          true,
        );
      case "callback":
        return step(
          [
            { kind: "say", prompt: node.prompt, language: state.language, vars: state.vars },
            { kind: "callback", queueId: node.queueId, trunkId: node.trunkId },
          ],
          true,
        );
      case "transfer":
        return step([{ kind: "transfer", number: node.number }], true);
      case "fax":
        return step(
          [
            { kind: "say", prompt: node.prompt, language: state.language, vars: state.vars },
            {
              kind: "fax",
              documentId: node.documentId,
              callBack: node.delivery !== "this_call",
              ...(node.delivery === "keyed_number"
                ? { keyed: { digits: state.vars[node.numberVariable ?? ""] ?? "", nationalPrefix: node.nationalPrefix ?? null } }
                : {}),
            },
          ],
          true,
        );
      case "hangup":
        return step([...(node.prompt ? [{ kind: "say" as const, prompt: node.prompt, language: state.language, vars: state.vars }] : []), { kind: "hangup" }], true);
    }
  }
  throw new IvrLoopError(`The flow went through ${MAX_INSTANT} steps without the caller doing anything (at "${state.node}")`);
}
