"use client";
// Runs a call script as the agent does: the current question with the contact's fields filled in,
// its answer checked by the same engine the server replays, back and next, and at the end a
// summary, the result code and what the script asked for. The admin's preview runs it too.
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { AnswerValue, ScriptDefinition, ScriptStep } from "../../../domain/scripts/definition.ts";
import { type AnswerError, answer, back, currentQuestion, replay, type ScriptRequest, start } from "../../../domain/scripts/engine.ts";
import { Button } from "../button.tsx";
import { Field, Select } from "../field.tsx";
import { AnswerInput, formatAnswer } from "./answer-input.tsx";
import { ScriptText } from "./script-text.tsx";

export interface ScriptClose {
  steps: ScriptStep[];
  resultCode: string | null;
  callbackAt: string | null;
}

export function ScriptRunner({
  definition,
  fields,
  initialSteps = [],
  closed = false,
  closedResult = null,
  busy = false,
  onProgress,
  onClose,
}: {
  definition: ScriptDefinition;
  fields: Record<string, string>;
  initialSteps?: ScriptStep[];
  /** Already closed: the summary only. */
  closed?: boolean;
  /** The result code it was closed with. */
  closedResult?: string | null;
  busy?: boolean;
  onProgress?: (steps: ScriptStep[]) => void;
  onClose?: (close: ScriptClose) => void;
}) {
  const t = useTranslations("scripts.runner");
  const [steps, setSteps] = useState<ScriptStep[]>(initialSteps);
  const state = useMemo(() => {
    const out = replay(definition, fields, steps);
    // Saved answers of an older path the script no longer takes: start again.
    return out.ok ? out.state : start(definition, fields);
  }, [definition, fields, steps]);
  const [draft, setDraft] = useState<AnswerValue>(null);
  const [error, setError] = useState<AnswerError | null>(null);
  const [resultCode, setResultCode] = useState<string>("");
  const [callbackAt, setCallbackAt] = useState("");
  const shown = currentQuestion(definition, state);

  const next = () => {
    if (!shown) return;
    const out = answer(definition, state, shown.question.id, draft);
    if (!out.ok) return setError(out.error);
    setError(null);
    setDraft(null);
    setSteps([...out.state.steps]);
    onProgress?.([...out.state.steps]);
  };
  const goBack = () => {
    const { state: before, previous } = back(definition, state);
    setError(null);
    setDraft(previous ?? null);
    setSteps([...before.steps]);
  };

  if (shown && !closed) {
    const q = shown.question;
    return (
      <form
        className="space-y-3"
        data-testid="script-question"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <p className="text-xs text-slate-500">{t("question", { number: shown.number })}</p>
        <p className="text-base font-medium text-slate-900" id={`sq-${q.id}`}>
          <ScriptText parts={shown.parts} />
          {q.required && <span className="text-red-600"> *</span>}
        </p>
        {q.hint && <p className="text-sm text-slate-500">{q.hint}</p>}
        <AnswerInput question={q} value={draft} onChange={setDraft} labelledBy={`sq-${q.id}`} />
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {t(`error.${error}`, { min: q.min ?? "", max: q.max ?? "" })}
          </p>
        )}
        <div className="flex gap-2">
          <Button onClick={goBack} disabled={steps.length === 0}>
            {t("back")}
          </Button>
          <Button type="submit" variant="primary">
            {t("next")}
          </Button>
        </div>
      </form>
    );
  }

  const openCallback = state.requests.some((r) => r.kind === "callback" && r.at === null);
  const code = resultCode || state.resultCode || "";
  return (
    <div className="space-y-3" data-testid="script-summary">
      <p className="font-medium text-slate-900">{closed ? t("closed") : t("ended")}</p>
      <dl className="space-y-1 text-sm">
        {steps.map((s) => {
          const q = definition.questions.find((x) => x.id === s.questionId);
          return (
            <div key={s.questionId} className="grid grid-cols-[1fr_auto] gap-2 border-b border-slate-100 py-1">
              <dt className="text-slate-600">{q ? <ScriptText parts={currentQuestion(definition, { ...state, current: q.id })!.parts} /> : s.questionId}</dt>
              <dd className="font-medium">{q ? formatAnswer(q, s.value, t("skipped")) : String(s.value)}</dd>
            </div>
          );
        })}
      </dl>
      {closed && closedResult && (
        <p className="text-sm" data-testid="script-result">
          {t("resultWas", { label: definition.resultCodes.find((r) => r.code === closedResult)?.label ?? closedResult })}
        </p>
      )}
      {state.requests.map((r, i) => (
        <p key={i} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="script-request">
          {requestText(r, t)}
        </p>
      ))}
      {!closed && (
        <>
          {definition.resultCodes.length > 0 && (
            <Field label={t("resultCode")} htmlFor="script-result">
              <Select id="script-result" value={code} onChange={(e) => setResultCode(e.target.value)}>
                <option value="">{t("chooseResult")}</option>
                {definition.resultCodes.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {openCallback && (
            <Field label={t("callbackAt")} htmlFor="script-callback">
              <input id="script-callback" type="datetime-local" value={callbackAt} onChange={(e) => setCallbackAt(e.target.value)} className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300" />
            </Field>
          )}
          <div className="flex gap-2">
            <Button onClick={goBack} disabled={steps.length === 0}>
              {t("back")}
            </Button>
            {onClose && (
              <Button
                variant="primary"
                busy={busy}
                disabled={(definition.resultCodes.length > 0 && !code) || (openCallback && !callbackAt)}
                onClick={() => onClose({ steps, resultCode: code || null, callbackAt: callbackAt || null })}
              >
                {t("close")}
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function requestText(r: ScriptRequest, t: ReturnType<typeof useTranslations<"scripts.runner">>) {
  if (r.kind === "callback") return r.at ? t("callbackRequestedAt", { at: r.at.replace("T", " ") }) : t("callbackRequested");
  return "queueId" in r.target ? t("transferQueue") : t("transferNumber", { number: r.target.number });
}
