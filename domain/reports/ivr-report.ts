// The IVR report for supervisors and managers: for a period (and one flow, or all), how callers
// left each flow, where those who hung up gave up, which keys each menu hears and how long the
// flow keeps callers. Read from the interactions' events (the engine logs every step, see
// ivr/ivr-calls.ts) in one query, counted by summarise-ivr-calls.ts; step names come from the
// flow versions the calls followed.
import { type Viewer, can } from "../access/viewer.ts";
import { type Prompt, flowSchema } from "../ivr/flow.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import type { Locale } from "../shared/locale.ts";
import { startOfDay } from "../shared/wall-clock.ts";
import { type FlowInfo, type IvrCallTrace, type IvrReportNumbers, type NodeInfo, summariseIvrCalls } from "./summarise-ivr-calls.ts";

/** The longest period one report covers (a quarter); longer ones are for an export, not a screen. */
export const IVR_REPORT_MAX_DAYS = 93;
/** Calls read at most: the events of 50 000 calls are about half a million rows, which is what one
 * request should hold in memory. A longer busy period says it was cut (`capped`). */
export const IVR_REPORT_CAP = 50_000;

const DAY_MS = 86_400_000;

/** The events that say how a caller moved through and left a flow (see outcomeOf). */
const EVENT_TYPES = ["ivr_started", "ivr", "queued", "voicemail_started", "left_message", "callback_requested", "transfer_requested", "ivr_ended", "ivr_failed", "abandoned"];

export interface IvrReportInput {
  /** Default: midnight six days before `to` (the last seven days, today included). */
  from?: Date | null;
  /** Exclusive; default: now. */
  to?: Date | null;
  /** One flow; default: all of them. */
  flowId?: string | null;
}

export interface IvrReport extends IvrReportNumbers {
  from: Date;
  to: Date;
  timezone: string;
  flowId: string | null;
  /** The organisation's flows, for choosing one. */
  flowOptions: { id: string; name: string }[];
  /** More calls entered flows in the period than a report reads: only the first `cap` are counted. */
  capped: boolean;
  cap: number;
}

interface Row {
  interactionId: string;
  flowId: string | null;
  version: number | null;
  startedAt: Date | string;
  type: string;
  at: Date | string;
  data: unknown;
}

export async function ivrReport(viewer: Viewer, input: IvrReportInput, deps: Pick<Deps, "db" | "now">, options: { cap?: number } = {}): Promise<IvrReport> {
  if (!can(viewer, "reports.read")) throw new DomainError("FORBIDDEN", "Your role does not allow reading reports");
  const cap = options.cap ?? IVR_REPORT_CAP;
  const organizationId = viewer.organizationId;
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true } });
  const { from, to } = periodOf(input, org.timezone, deps.now());
  const flows = await deps.db.ivrFlow.findMany({ where: { organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const flowId = input.flowId ?? null;
  if (flowId && !flows.some((f) => f.id === flowId)) throw fieldError("flowId", "unknown", "There is no such IVR flow");

  // The calls that entered a flow in the period (the first cap + 1, to know whether there were
  // more) with every event that tells where they went, in one round trip.
  const rows = await deps.db.$queryRaw<Row[]>`
    with starts as (
      select "interactionId", "at", "data"->>'flowId' as "flowId", ("data"->>'version')::int as "version"
      from "InteractionEvent"
      where "organizationId" = ${organizationId}::uuid and "type" = 'ivr_started'
        and "at" >= ${from}::timestamptz and "at" < ${to}::timestamptz
        and (${flowId}::text is null or "data"->>'flowId' = ${flowId}::text)
      order by "at", "interactionId"
      limit ${cap + 1}::int
    )
    select s."interactionId"::text as "interactionId", s."flowId", s."version", s."at" as "startedAt", e."type", e."at", e."data"
    from starts s
    join "InteractionEvent" e on e."interactionId" = s."interactionId" and e."organizationId" = ${organizationId}::uuid
    where e."type" = any(${EVENT_TYPES}::text[])
    order by s."at", s."interactionId", e."at", e."id"`;

  const traces: IvrCallTrace[] = [];
  const versions = new Map<string, Set<number>>();
  for (const r of rows) {
    if (!r.flowId) continue;
    let trace = traces.at(-1);
    if (trace?.interactionId !== r.interactionId) {
      traces.push((trace = { interactionId: r.interactionId, flowId: r.flowId, startedAt: new Date(r.startedAt), events: [] }));
      if (r.version !== null) versions.set(r.flowId, (versions.get(r.flowId) ?? new Set()).add(Number(r.version)));
    }
    trace.events.push({ type: r.type, at: new Date(r.at), data: asObject(r.data) });
  }
  // Ordered by start: the one past the cap is the latest.
  const capped = traces.length > cap;
  if (capped) traces.length = cap;

  const shown = flowId ? flows.filter((f) => f.id === flowId) : flows;
  const flowInfo = await flowInfoOf(deps.db, shown, versions, viewer.locale);
  // Calls through a flow deleted since are still counted, under no name.
  for (const id of versions.keys()) if (!flowInfo.some((f) => f.id === id)) flowInfo.push({ id, name: null, nodes: {}, operator: null });
  const numbers = summariseIvrCalls({ calls: traces, flows: flowInfo, timezone: org.timezone, from, to });
  // All flows: those that had calls (a quiet flow is one line of zeros nobody needs).
  if (!flowId) numbers.flows = numbers.flows.filter((f) => f.calls > 0);
  return { ...numbers, from, to, timezone: org.timezone, flowId, flowOptions: flows, capped, cap };
}

/** The period asked for, checked: start before end, at most IVR_REPORT_MAX_DAYS long. */
export function periodOf(input: IvrReportInput, timezone: string, now: Date): { from: Date; to: Date } {
  const to = input.to ?? now;
  const from = input.from ?? startOfDay(timezone, new Date(to.getTime() - 6 * DAY_MS));
  if (from.getTime() >= to.getTime()) throw fieldError("to", "report_range_reversed", "The end of the period must be after its start");
  // An hour over, for a period of whole days that crosses a change to winter time.
  if (to.getTime() - from.getTime() > IVR_REPORT_MAX_DAYS * DAY_MS + 3600_000)
    throw fieldError("to", "report_range_too_long", `A report covers at most ${IVR_REPORT_MAX_DAYS} days`, { maximum: IVR_REPORT_MAX_DAYS });
  return { from, to };
}

/** The flows' steps as the versions the calls followed describe them (a later version's words win). */
async function flowInfoOf(db: Deps["db"], flows: { id: string; name: string }[], seen: Map<string, Set<number>>, locale: Locale): Promise<FlowInfo[]> {
  const wanted = [...seen].flatMap(([flowId, vs]) => [...vs].map((version) => ({ flowId, version })));
  const rows = wanted.length
    ? await db.ivrFlowVersion.findMany({ where: { OR: wanted, flow: { id: { in: flows.map((f) => f.id) } } }, select: { flowId: true, version: true, definition: true }, orderBy: { version: "asc" } })
    : [];
  return flows.map((f) => {
    const info: FlowInfo = { id: f.id, name: f.name, nodes: {}, operator: null };
    for (const row of rows.filter((r) => r.flowId === f.id)) {
      const parsed = flowSchema.safeParse(row.definition);
      if (!parsed.success) continue;
      const flow = parsed.data;
      info.operator = flow.operator ?? null;
      for (const [id, node] of Object.entries(flow.nodes)) {
        const described: NodeInfo = { type: node.type, label: "prompt" in node && node.prompt ? wordsOf(node.prompt, locale, flow.language) : null, options: {} };
        if (node.type === "menu" || node.type === "language") described.options = { ...node.options };
        info.nodes[id] = described;
      }
    }
    return info;
  });
}

/** A prompt's words in the reader's language if it has them, else the flow's, else any; shortened. */
function wordsOf(prompt: Prompt, locale: Locale, flowLanguage: string): string {
  const text = prompt.text as Record<string, string | undefined>;
  const words = text[locale] ?? text[flowLanguage] ?? Object.values(text).find(Boolean) ?? "";
  return words.length > 120 ? `${words.slice(0, 119)}…` : words;
}

function asObject(data: unknown): Record<string, unknown> {
  if (typeof data === "string") {
    try {
      return asObject(JSON.parse(data));
    } catch {
      return {};
    }
  }
  return data && typeof data === "object" ? (data as Record<string, unknown>) : {};
}
