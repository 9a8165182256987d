// An IVR flow is data (CONVENTIONS): a set of named nodes, each one step of what a caller meets —
// a prompt, a menu, digits to collect and verify, a branch on the hours or on who is calling,
// a field for the agent to see — ending in a queue, voicemail, a call-back request, a transfer to a
// number or a hang-up. This zod schema is the only definition; the admin editor writes it, the engine reads it,
// and fixtures in ./fixtures/{good,bad} pin what is accepted.
import { z } from "zod";
import { businessHoursSchema } from "../entry-points/business-hours.ts";
import { branchesOf } from "./flow-branches.ts";
import { LANGUAGES } from "./speech.ts";

const nodeId = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "a-z, 0-9, _ and -, starting with a letter");
const key = z.string().regex(/^[0-9*#]$/, "one key: 0-9, * or #");
/** Key pressed → what it chooses; each key one of the telephone's. */
const byKey = <T extends z.ZodType>(value: T, atLeast: string) =>
  z
    .record(z.string(), value)
    .refine((o) => Object.keys(o).length > 0, atLeast)
    .superRefine((o, ctx) => {
      for (const k of Object.keys(o))
        if (!/^[0-9*#]$/.test(k)) ctx.addIssue({ code: "custom", path: [k], message: `"${k}" is not one key: 0-9, * or #`, params: { code: "ivr_key", key: k } });
    });
const language = z.enum(LANGUAGES);

/** What is said: text for speech synthesis in the caller's language (variables allowed: see
 * speech.ts); a language without its own text hears the first one given. Or an uploaded recording
 * (domain/audio), played instead of the text — the text, if any, is spoken when the recording is gone. */
export const promptSchema = z
  .object({
    text: z.partialRecord(language, z.string().trim().min(1).max(2000)).default({}),
    audioId: z.uuid().optional(),
  })
  .refine((p) => p.audioId !== undefined || Object.keys(p.text).length > 0, {
    path: ["text"],
    message: "say something in at least one language, or choose a recording",
    params: { code: "ivr_silent_prompt" },
  });
export type Prompt = z.output<typeof promptSchema>;

const seconds = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);

const play = z.object({ type: z.literal("play"), prompt: promptSchema, next: nodeId });
const menu = z.object({
  type: z.literal("menu"),
  prompt: promptSchema,
  /** Key pressed → node. */
  options: byKey(nodeId, "at least one option"),
  timeoutSeconds: seconds(30, 5),
  /** Prompts again this many times after no key or a wrong one, then goes to `onFail`. */
  retries: z.number().int().min(0).max(5).default(2),
  invalidPrompt: promptSchema.optional(),
  onFail: nodeId,
});
const languageChoice = z.object({
  type: z.literal("language"),
  prompt: promptSchema,
  options: byKey(language, "at least one language"),
  timeoutSeconds: seconds(30, 5),
  next: nodeId,
});
const verifySchema = z.discriminatedUnion("kind", [
  /** The digits must equal this field of the caller's contact (found by their number). */
  z.object({ kind: z.literal("contact_field"), field: z.string().trim().min(1).max(60) }),
  /** A CRM answers: GET url?number=…&digits=… → 2xx with JSON { ok: boolean, vars?: {...} }; no
   * answer in time (or an error) goes to the step's `onFail` at once. */
  z.object({ kind: z.literal("url"), url: z.url({ protocol: /^https?$/ }), timeoutMs: z.number().int().min(200).max(10_000).default(3000) }),
]);
const variableName = z.string().regex(/^[a-zA-Z_]\w{0,39}$/);
const collect = z.object({
  type: z.literal("collect"),
  prompt: promptSchema,
  /** The variable the digits go into (and, with `caseField`, the case field the agent sees). */
  variable: variableName,
  caseField: z.string().trim().max(60).optional(),
  minDigits: z.number().int().min(1).max(30).default(1),
  maxDigits: z.number().int().min(1).max(30).default(10),
  /** Ends the entry early (not part of it). */
  terminator: z.enum(["#", "*"]).default("#"),
  timeoutSeconds: seconds(60, 8),
  retries: z.number().int().min(0).max(5).default(2),
  invalidPrompt: promptSchema.optional(),
  verify: verifySchema.optional(),
  next: nodeId,
  /** Wrong too often, or the lookup failed. */
  onFail: nodeId,
});
const hours = z.object({ type: z.literal("hours"), hours: businessHoursSchema, open: nodeId, closed: nodeId });
const callerRule = z.discriminatedUnion("match", [
  z.object({ match: z.literal("vip"), next: nodeId }),
  z.object({ match: z.literal("known"), next: nodeId }),
  z.object({ match: z.literal("prefix"), prefixes: z.array(z.string().regex(/^\+?\d{1,15}$/)).min(1).max(50), next: nodeId }),
  z.object({ match: z.literal("anonymous"), next: nodeId }),
]);
const caller = z.object({ type: z.literal("caller"), rules: z.array(callerRule).min(1).max(20), otherwise: nodeId });
const setField = z.object({
  type: z.literal("set"),
  /** The case field; the value may use variables ("{account}"). */
  field: z.string().trim().min(1).max(60),
  value: z.string().max(500),
  next: nodeId,
});
const queue = z.object({ type: z.literal("queue"), queueId: z.uuid(), priority: z.number().int().min(0).max(100).optional() });
const voicemail = z.object({
  type: z.literal("voicemail"),
  /** Said before the tone ("leave a message after the tone; press # when done"). */
  prompt: promptSchema,
  maxSeconds: z.number().int().min(10).max(600).default(120),
  /** The message becomes a case in this queue; null: the number's queue. */
  queueId: z.uuid().nullable().default(null),
  /** The recording is also mailed here. */
  email: z.email("an e-mail address").optional(),
});
const callback = z.object({
  type: z.literal("callback"),
  /** Confirms the request ("we will call you back at this number"). */
  prompt: promptSchema,
  /** The queue whose agents call back (the first free one is offered it). */
  queueId: z.uuid(),
  /** The line to call back on; none: the one the call came in on. */
  trunkId: z.uuid().nullable().default(null),
});
const transfer = z.object({ type: z.literal("transfer"), number: z.string().regex(/^\+\d{6,15}$/, "a number in international form, +48…") });
const hangup = z.object({ type: z.literal("hangup"), prompt: promptSchema.optional() });
/** Fax-on-demand: the prompt, then the document is faxed to the caller — on this call (the prompt:
 * "press Start on your fax machine now"), by calling the number they rang from once they hang up
 * ("hang up, and we will fax it to this number in a minute"), or by calling the fax number they
 * keyed in at a collect step (`numberVariable`) — and the call ends. */
const fax = z.object({
  type: z.literal("fax"),
  prompt: promptSchema,
  documentId: z.uuid(),
  delivery: z.enum(["this_call", "call_back", "keyed_number"]).default("this_call"),
  /** keyed_number: the collect step's variable holding the digits. */
  numberVariable: variableName.optional(),
  /** keyed_number: put before digits keyed without 00 (a national number): "+48". */
  nationalPrefix: z
    .string()
    .regex(/^\+[1-9]\d{0,3}$/, "a country code, +48…")
    .optional(),
});

export const nodeSchema = z.discriminatedUnion("type", [play, menu, languageChoice, collect, hours, caller, setField, queue, voicemail, callback, transfer, hangup, fax]);
export type IvrNode = z.output<typeof nodeSchema>;
export type NodeType = IvrNode["type"];

/** Nodes that take no time and wait for nothing: a loop made only of them would never end. */
const INSTANT: ReadonlySet<NodeType> = new Set(["hours", "caller", "set"]);

/** The nodes a node can go to next. */
const nextNodes = (node: IvrNode) => branchesOf(node).map((b) => b.target);

export const flowSchema = z
  .object({
    /** The language callers hear until they choose one. */
    language: language.default("pl"),
    start: nodeId,
    /** With it, 0 (or the key given) at any menu goes there: "0 for an operator". */
    operator: z.object({ key, node: nodeId }).optional(),
    nodes: z.record(nodeId, nodeSchema).refine((n) => Object.keys(n).length <= 200, "at most 200 steps"),
  })
  .superRefine((flow, ctx) => {
    const ids = new Set(Object.keys(flow.nodes));
    const missing = (id: string, path: (string | number)[]) => {
      if (!ids.has(id)) ctx.addIssue({ code: "custom", path, message: `no step called "${id}"`, params: { code: "ivr_missing_step", step: id } });
    };
    missing(flow.start, ["start"]);
    if (flow.operator) missing(flow.operator.node, ["operator", "node"]);
    for (const [id, node] of Object.entries(flow.nodes)) for (const next of nextNodes(node)) missing(next, ["nodes", id]);
    // A fax to the number keyed in needs a step that collects it.
    const collected = new Set(Object.values(flow.nodes).flatMap((n) => (n.type === "collect" ? [n.variable] : [])));
    for (const [id, node] of Object.entries(flow.nodes)) {
      if (node.type !== "fax" || node.delivery !== "keyed_number") continue;
      if (!node.numberVariable || !collected.has(node.numberVariable))
        ctx.addIssue({
          code: "custom",
          path: ["nodes", id, "numberVariable"],
          message: `no step collects the fax number${node.numberVariable ? ` into "${node.numberVariable}"` : ""}`,
          params: { code: "ivr_no_variable", variable: node.numberVariable ?? "" },
        });
    }
    const loop = instantLoop(flow.nodes);
    if (loop)
      ctx.addIssue({
        code: "custom",
        path: ["nodes", loop[0]],
        message: `these steps go round for ever without the caller doing anything: ${loop.join(" → ")}`,
        params: { code: "ivr_loop", steps: loop.join(" → ") },
      });
  });
export type IvrFlow = z.output<typeof flowSchema>;

/** A cycle through instant nodes only, if there is one. */
function instantLoop(nodes: Record<string, IvrNode>): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, trail: string[]): string[] | null => {
    const node = nodes[id];
    if (!node || !INSTANT.has(node.type) || state.get(id) === "done") return null;
    if (state.get(id) === "visiting") return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, "visiting");
    for (const next of nextNodes(node)) {
      const found = visit(next, [...trail, id]);
      if (found) return found;
    }
    state.set(id, "done");
    return null;
  };
  for (const id of Object.keys(nodes)) {
    const found = visit(id, []);
    if (found) return found;
  }
  return null;
}

/** The uploaded recordings a flow plays, with where each is named (for checking they exist). */
export function flowAudio(flow: IvrFlow): { step: string; field: "prompt" | "invalidPrompt"; audioId: string }[] {
  const out: { step: string; field: "prompt" | "invalidPrompt"; audioId: string }[] = [];
  for (const [step, node] of Object.entries(flow.nodes)) {
    for (const field of ["prompt", "invalidPrompt"] as const) {
      const prompt = (node as { prompt?: Prompt; invalidPrompt?: Prompt })[field];
      if (prompt?.audioId) out.push({ step, field, audioId: prompt.audioId });
    }
  }
  return out;
}

/** The fax documents a flow sends, with the step that sends each (for checking they exist). */
export function flowFaxDocuments(flow: IvrFlow): { step: string; documentId: string }[] {
  return Object.entries(flow.nodes).flatMap(([step, node]) => (node.type === "fax" ? [{ step, documentId: node.documentId }] : []));
}
