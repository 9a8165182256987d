"use client";
// What happens on leaving a question: jump, end, set a result, call back, transfer; each
// optionally only for some answers.
import { useTranslations } from "next-intl";
import type { Question, ScriptAction, ScriptDefinition } from "../../../../../domain/scripts/definition.ts";
import { Button } from "../../../../_components/button.tsx";
import { Input, Select } from "../../../../_components/field.tsx";
import { ConditionEditor } from "./condition-editor.tsx";

const KINDS = ["jump", "end", "result", "callback", "transfer"] as const;

function blankAction(kind: ScriptAction["kind"], later: Question[], def: ScriptDefinition): ScriptAction {
  switch (kind) {
    case "jump":
      return { kind, to: later[0]?.id ?? "" };
    case "result":
      return { kind, code: def.resultCodes[0]?.code ?? "" };
    case "transfer":
      return { kind, target: { number: "" } };
    default:
      return { kind };
  }
}

export function ActionsEditor({ question, index, def, queues, onChange }: { question: Question; index: number; def: ScriptDefinition; queues: { id: string; name: string }[]; onChange: (a: ScriptAction[]) => void }) {
  const t = useTranslations("scripts.question");
  const later = def.questions.slice(index + 1);
  const upToHere = def.questions.slice(0, index + 1);
  const actions = question.onLeave;
  const put = (i: number, a: ScriptAction) => onChange(actions.map((x, j) => (j === i ? a : x)));
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-slate-700">{t("actions")}</p>
      {actions.map((a, i) => (
        <div key={i} className="space-y-2 rounded-md bg-slate-50 p-2" data-testid="script-action">
          <div className="flex flex-wrap items-center gap-2">
            <Select aria-label={t("actions")} value={a.kind} onChange={(e) => put(i, { ...blankAction(e.target.value as ScriptAction["kind"], later, def), ...(a.when ? { when: a.when } : {}) })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </Select>
            {a.kind === "jump" && (
              <Select aria-label={t("kinds.jump")} value={a.to} onChange={(e) => put(i, { ...a, to: e.target.value })}>
                {later.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.id}
                  </option>
                ))}
              </Select>
            )}
            {a.kind === "result" && (
              <Select aria-label={t("kinds.result")} value={a.code} onChange={(e) => put(i, { ...a, code: e.target.value })}>
                {def.resultCodes.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.label}
                  </option>
                ))}
              </Select>
            )}
            {a.kind === "callback" && (
              <Select aria-label={t("kinds.callback")} value={a.atQuestion ?? ""} onChange={(e) => put(i, { kind: "callback", ...(e.target.value ? { atQuestion: e.target.value } : {}), ...(a.when ? { when: a.when } : {}) })}>
                <option value="">{t("agentChooses")}</option>
                {upToHere
                  .filter((q) => q.type === "date")
                  .map((q) => (
                    <option key={q.id} value={q.id}>
                      {t("atQuestion")} {q.id}
                    </option>
                  ))}
              </Select>
            )}
            {a.kind === "transfer" && (
              <>
                <Select aria-label={t("toQueue")} value={"queueId" in a.target ? a.target.queueId : ""} onChange={(e) => put(i, { ...a, target: e.target.value ? { queueId: e.target.value } : { number: "" } })}>
                  <option value="">{t("toNumber")}</option>
                  {queues.map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.name}
                    </option>
                  ))}
                </Select>
                {"number" in a.target && <Input aria-label={t("toNumber")} className="w-44" value={a.target.number} onChange={(e) => put(i, { ...a, target: { number: e.target.value } })} />}
              </>
            )}
            <Button size="sm" variant="ghost" onClick={() => onChange(actions.filter((_, j) => j !== i))}>
              {t("remove")}
            </Button>
          </div>
          <ConditionEditor idPrefix={`${question.id}-a${i}`} label={t("when")} earlier={upToHere} value={a.when} onChange={(when) => put(i, { ...a, when } as ScriptAction)} />
        </div>
      ))}
      <Button size="sm" onClick={() => onChange([...actions, blankAction(later.length ? "jump" : "end", later, def)])}>
        {t("addAction")}
      </Button>
    </div>
  );
}
