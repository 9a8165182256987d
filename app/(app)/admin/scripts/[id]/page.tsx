"use client";
// Editing one call script: its questions (reordered, conditioned, with actions), result codes, the
// problems that stop it from being published, a preview run as the agent would, and publishing.
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { definitionSchema, type Question, type ScriptDefinition } from "../../../../../domain/scripts/definition.ts";
import { validateScript } from "../../../../../domain/scripts/validate.ts";
import { Button } from "../../../../_components/button.tsx";
import { Checkbox, Field, Input } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Card, Loading, PageHeader } from "../../../../_components/page.tsx";
import { ScriptRunner } from "../../../../_components/scripts/script-runner.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useCan } from "../../../../_client/me.tsx";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { QuestionEditor } from "./question-editor.tsx";
import { ResultCodesEditor } from "./result-codes.tsx";

const REFRESH_ON = { additionalTypenames: ["CallScript", "CallScriptVersion"] };

const ScriptQuery = graphql(`
  query AdminCallScript($id: ID!) {
    callScript(id: $id) {
      id
      name
      description
      queueIds
      versions {
        id
        number
        status
        definition
      }
    }
    queues {
      id
      name
    }
    dispositionCodes {
      id
      name
    }
  }
`);
const SaveDraft = graphql(`
  mutation SaveCallScriptDraft($id: ID!, $input: CallScriptInput!) {
    saveCallScriptDraft(id: $id, input: $input) {
      id
      number
      status
    }
  }
`);
const Publish = graphql(`
  mutation PublishCallScript($id: ID!) {
    publishCallScript(id: $id) {
      id
      number
    }
  }
`);
const Delete = graphql(`
  mutation DeleteCallScript($id: ID!) {
    deleteCallScript(id: $id)
  }
`);
const SetQueue = graphql(`
  mutation SetQueueCallScript($queueId: ID!, $scriptId: ID) {
    setQueueCallScript(queueId: $queueId, scriptId: $scriptId)
  }
`);

const blankQuestion = (n: number): Question => ({ id: `q${n}`, type: "choice", text: "", hint: "", options: [{ value: "yes", label: "" }, { value: "no", label: "" }], required: true, withTime: false, onLeave: [] });

/** Preview fields typed as name=value lines. */
function parseFields(text: string): Record<string, string> {
  return Object.fromEntries(text.split("\n").flatMap((l) => (l.includes("=") ? [[l.slice(0, l.indexOf("=")).trim(), l.slice(l.indexOf("=") + 1).trim()]] : [])));
}

export default function ScriptEditorPage() {
  const { id } = useParams<{ id: string }>();
  const t = useTranslations("scripts.admin");
  const can = useCan();
  const router = useRouter();
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: ScriptQuery, variables: { id }, context: REFRESH_ON });
  const [name, setName] = useState("");
  const [def, setDef] = useState<ScriptDefinition>({ questions: [], resultCodes: [] });
  const [dirty, setDirty] = useState(false);
  // Success as a key, so switching the language retells it; errors as the sentence they were.
  const [message, setMessage] = useState<{ tone: "success"; key: "saved" | "publishedNow"; number?: number } | { tone: "error"; text: string } | null>(null);
  const [previewFields, setPreviewFields] = useState("name=Jan Kowalski\ndebt=120 zł");
  const [run, setRun] = useState(0);
  const [, saveDraft] = useMutation(SaveDraft);
  const [, publish] = useMutation(Publish);
  const [, remove] = useMutation(Delete);
  const [, setQueue] = useMutation(SetQueue);
  const script = data?.callScript;
  const latest = script?.versions[0];
  useEffect(() => {
    if (!script || dirty) return;
    setName(script.name);
    setDef(definitionSchema.parse(latest?.definition ?? { questions: [] }));
  }, [script, latest, dirty]);

  const parsed = useMemo(() => definitionSchema.safeParse(def), [def]);
  const problems = parsed.success ? validateScript(parsed.data) : [];
  const fields = useMemo(() => parseFields(previewFields), [previewFields]);
  if (!data) return <Loading label={t("title")} />;
  if (!script) return <Notice tone="warning">{t("none")}</Notice>;

  const change = (next: ScriptDefinition) => {
    setDef(next);
    setDirty(true);
    setMessage(null);
  };
  const putQuestion = (i: number, q: Question) => change({ ...def, questions: def.questions.map((x, j) => (j === i ? q : x)) });
  const move = (i: number, by: -1 | 1) => {
    const qs = [...def.questions];
    [qs[i], qs[i + by]] = [qs[i + by]!, qs[i]!];
    change({ ...def, questions: qs });
  };
  const save = async () => {
    const r = await saveDraft({ id, input: { name, description: script.description, definition: def } }, REFRESH_ON);
    if (r.error) {
      setMessage({ tone: "error", text: errors.message(apiError(r.error)) ?? "" });
      return false;
    }
    setDirty(false);
    setMessage({ tone: "success", key: "saved" });
    return true;
  };
  const doPublish = async () => {
    if (!(await save())) return;
    const r = await publish({ id }, REFRESH_ON);
    setMessage(r.data ? { tone: "success", key: "publishedNow", number: r.data.publishCallScript.number } : { tone: "error", text: errors.message(apiError(r.error)) ?? "" });
  };

  return (
    <div className="space-y-4">
      <Link href="/admin/scripts" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={script.name}
        description={latest ? `${t("version", { number: latest.number })} · ${latest.status === "DRAFT" ? t("draft") : t("published")}${dirty ? ` · ${t("unsaved")}` : ""}` : undefined}
        actions={
          <div className="flex gap-2">
            <Button onClick={save}>{t("save")}</Button>
            <Button variant="primary" onClick={doPublish} disabled={problems.length > 0 || !parsed.success}>
              {t("publish")}
            </Button>
          </div>
        }
      />
      {message && <Notice tone={message.tone}>{message.tone === "error" ? message.text : t(message.key, { number: message.number ?? 0 })}</Notice>}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="space-y-4">
          <Field label={t("name")} htmlFor="script-name">
            <Input id="script-name" value={name} onChange={(e) => (setName(e.target.value), setDirty(true))} />
          </Field>
          <ResultCodesEditor codes={def.resultCodes} dispositions={data?.dispositionCodes} onChange={(resultCodes) => change({ ...def, resultCodes })} />
          <h2 className="text-lg font-semibold">{t("questions")}</h2>
          <ol className="space-y-3">
            {def.questions.map((_, i) => (
              <QuestionEditor key={i} def={def} index={i} queues={data.queues} onChange={(q) => putQuestion(i, q)} onMove={(by) => move(i, by)} onRemove={() => change({ ...def, questions: def.questions.filter((__, j) => j !== i) })} />
            ))}
          </ol>
          <Button onClick={() => change({ ...def, questions: [...def.questions, blankQuestion(def.questions.length + 1)] })}>{t("addQuestion")}</Button>
          {can("queues.manage") && data.queues.length > 0 && (
            <Card title={t("queues")}>
              {data.queues.map((q) => (
                <Checkbox key={q.id} label={q.name} checked={script.queueIds.includes(q.id)} onChange={(e) => setQueue({ queueId: q.id, scriptId: e.target.checked ? id : null }, REFRESH_ON)} />
              ))}
            </Card>
          )}
          <Button
            variant="danger"
            onClick={async () => {
              const r = await remove({ id }, REFRESH_ON);
              if (r.data) router.push("/admin/scripts");
              else setMessage({ tone: "error", text: errors.message(apiError(r.error)) ?? "" });
            }}
          >
            {t("delete")}
          </Button>
        </div>
        <aside className="space-y-4 xl:sticky xl:top-4 xl:self-start">
          <Card title={problems.length ? t("problems") : undefined}>
            {!parsed.success ? (
              <p className="text-sm text-red-700">{parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}</p>
            ) : problems.length ? (
              <ul className="list-disc space-y-1 pl-5 text-sm text-red-700" data-testid="script-problems">
                {problems.map((p, i) => (
                  <li key={i}>{t(`problem.${p.code}`, { question: p.questionId ?? "", ref: p.ref ?? "" })}</li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-emerald-700">{t("noProblems")}</p>
            )}
          </Card>
          <Card title={t("preview")} actions={<Button size="sm" variant="ghost" onClick={() => setRun(run + 1)}>{t("restart")}</Button>}>
            <div className="space-y-3" data-testid="script-preview">
              <Field label={t("previewFields")} htmlFor="preview-fields">
                <textarea id="preview-fields" rows={2} value={previewFields} onChange={(e) => setPreviewFields(e.target.value)} className="block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300" />
              </Field>
              {parsed.success && problems.length === 0 && <ScriptRunner key={`${run}-${JSON.stringify(parsed.data)}`} definition={parsed.data} fields={fields} />}
            </div>
          </Card>
        </aside>
      </div>
    </div>
  );
}
