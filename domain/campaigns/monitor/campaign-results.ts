// A campaign's results, one row per contact, for the XLSX/CSV export: the number and name, its list
// and the entry's extra fields, where it stands, its attempts, the last attempt's outcome, result
// code, agent and time (on the organisation's clock), and the answers given to the script on the last call an agent took;
// for an SMS campaign, the text each contact got, its delivery (or why not) and when they answered.
// Read in batches of contacts (a campaign may have 100k), each batch in a handful of queries.
import type { Viewer } from "../../access/viewer.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { localizedName } from "../../shared/localized-name.ts";
import { localTimestamp } from "../../shared/wall-clock.ts";
import type { Db } from "../../shared/tx.ts";
import { batchesOf } from "../contact-lists/lists.ts";
import { monitoredCampaign, scriptQuestions } from "./campaign-figures.ts";
import { answerCell } from "./script-tally.ts";

export interface ResultsSheet {
  campaign: { id: string; name: string };
  header: string[];
  rows: () => AsyncGenerator<string[][]>;
}

const FIXED = ["phone", "name", "list", "state", "done", "attempts", "lastOutcome", "lastResultCode", "lastAgent", "lastAttemptAt"] as const;
/** An SMS campaign's: the text each contact got and what became of it. */
const TEXTED = ["phone", "name", "list", "state", "done", "text", "smsState", "smsError", "parts", "sentAt", "deliveredAt", "repliedAt"] as const;
const TIMES: readonly string[] = ["lastAttemptAt", "sentAt", "deliveredAt", "repliedAt"];

/** The export's columns and a reader of its rows; refuses as the monitor does. Audited as an export. */
export async function campaignResults(viewer: Viewer, id: string, db: Db, o: { ip?: string; format: string; batchSize?: number }): Promise<ResultsSheet> {
  const c = await monitoredCampaign(viewer, id, db);
  const [lists, questions, codes] = await Promise.all([
    db.campaignList.findMany({ where: { campaignId: c.id }, select: { list: { select: { id: true, name: true, fieldNames: true } } } }),
    scriptQuestions(c.queue.callScriptId, db),
    db.dispositionCode.findMany({ where: { organizationId: viewer.organizationId }, select: { id: true, name: true, translations: true } }),
  ]);
  const fieldNames = [...new Set(lists.flatMap((l) => l.list.fieldNames))];
  const listName = new Map(lists.map((l) => [l.list.id, l.list.name]));
  const codeName = new Map(codes.map((d) => [d.id, localizedName(d.name, d.translations, viewer.locale)]));
  const agentNames = new Map<string, string>();
  const size = o.batchSize ?? 2000;
  // Times as the organisation's clock shows them; the column says which zone.
  const tz = c.organization.timezone;
  const texted = c.mode === "SMS";

  await recordAudit(db, {
    organizationId: viewer.organizationId,
    actorId: viewer.userId,
    action: "campaign.results_exported",
    targetType: "Campaign",
    targetId: c.id,
    targetLabel: c.name,
    data: { format: o.format },
    ip: o.ip,
  });

  type Row = { phone: string; state: string; done: string | null; entry: { name: string; listId: string; fields: unknown } };
  /** The first columns of every row (who, which list, where they stand) and the list's columns last. */
  const contactCells = (k: Row) => [k.phone, k.entry.name, listName.get(k.entry.listId) ?? "", k.state, k.done ?? ""];
  const fieldCells = (k: Row) => {
    const fields = (k.entry.fields ?? {}) as Record<string, unknown>;
    return fieldNames.map((f) => String(fields[f] ?? ""));
  };

  async function* rows(): AsyncGenerator<string[][]> {
    const contacts = batchesOf((after) =>
      db.campaignContact.findMany({
        where: { campaignId: c.id, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take: size,
        select: { id: true, phone: true, state: true, done: true, attempts: true, entry: { select: { name: true, listId: true, fields: true } } },
      }),
    );
    for await (const batch of contacts) {
      const ids = batch.map((k) => k.id);
      if (texted) {
        const texts = await db.campaignSms.findMany({
          where: { contactId: { in: ids } },
          select: { contactId: true, text: true, state: true, error: true, parts: true, sentAt: true, deliveredAt: true, repliedAt: true },
        });
        const textOf = new Map(texts.map((x) => [x.contactId, x]));
        const at = (d: Date | null | undefined) => (d ? localTimestamp(tz, d) : "");
        yield batch.map((k) => {
          const x = textOf.get(k.id);
          return [
            ...contactCells(k),
            x?.text ?? "",
            x?.state ?? "",
            x?.error ?? "",
            x ? String(x.parts) : "",
            at(x?.sentAt),
            at(x?.deliveredAt),
            at(x?.repliedAt),
            ...fieldCells(k),
          ];
        });
        continue;
      }
      const [last, reached] = await Promise.all([
        db.$queryRaw<{ contactId: string; outcome: string | null; dispositionId: string | null; agentId: string | null; startedAt: Date }[]>`
          select distinct on ("contactId") "contactId"::text as "contactId", "outcome"::text as "outcome", "dispositionId"::text as "dispositionId",
            "agentId"::text as "agentId", "startedAt"
          from "CampaignAttempt" where "contactId" = any(${ids}::uuid[])
          order by "contactId", "startedAt" desc`,
        questions.length
          ? db.$queryRaw<{ contactId: string; steps: unknown }[]>`
              select distinct on (a."contactId") a."contactId"::text as "contactId", r."steps"
              from "CampaignAttempt" a join "ScriptAnswers" r on r."interactionId" = a."interactionId"
              where a."contactId" = any(${ids}::uuid[]) and a."connectedAt" is not null
              order by a."contactId", a."startedAt" desc, r."updatedAt" desc`
          : Promise.resolve([]),
      ]);
      const lastOf = new Map(last.map((a) => [a.contactId, a]));
      const answersOf = new Map(reached.map((r) => [r.contactId, stepsByQuestion(r.steps)]));
      const missing = [...new Set(last.map((a) => a.agentId).filter((a): a is string => !!a && !agentNames.has(a)))];
      if (missing.length) {
        for (const u of await db.user.findMany({ where: { id: { in: missing }, organizationId: viewer.organizationId }, select: { id: true, name: true } }))
          agentNames.set(u.id, u.name);
      }
      yield batch.map((k) => {
        const a = lastOf.get(k.id);
        const answers = answersOf.get(k.id);
        return [
          ...contactCells(k),
          String(k.attempts),
          a?.outcome ?? "",
          a?.dispositionId ? (codeName.get(a.dispositionId) ?? "") : "",
          a?.agentId ? (agentNames.get(a.agentId) ?? "") : "",
          a ? localTimestamp(tz, a.startedAt) : "",
          ...fieldCells(k),
          ...questions.map((q) => answerCell(answers?.get(q.id))),
        ];
      });
    }
  }

  return {
    campaign: { id: c.id, name: c.name },
    header: [...(texted ? TEXTED : FIXED).map((f) => (TIMES.includes(f) ? `${f} (${tz})` : f)), ...fieldNames, ...(texted ? [] : questions.map((q) => q.text))],
    rows,
  };
}

function stepsByQuestion(steps: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(steps)) return out;
  for (const s of steps as { questionId?: unknown; value?: unknown }[]) if (typeof s?.questionId === "string") out.set(s.questionId, s.value);
  return out;
}
