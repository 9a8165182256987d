"use client";
// One question of the script: its type, text, options, bounds, when it shows and what follows it.
import { useTranslations } from "next-intl";
import { QUESTION_TYPES, type Question, type ScriptDefinition } from "../../../../../domain/scripts/definition.ts";
import { Button } from "../../../../_components/button.tsx";
import { Checkbox, Field, Input, Select, Textarea } from "../../../../_components/field.tsx";
import { ActionsEditor } from "./action-editor.tsx";
import { ConditionEditor } from "./condition-editor.tsx";

const num = (s: string) => (s.trim() === "" || !Number.isFinite(Number(s)) ? undefined : Number(s));

export function QuestionEditor({
  def,
  index,
  queues,
  onChange,
  onMove,
  onRemove,
}: {
  def: ScriptDefinition;
  index: number;
  queues: { id: string; name: string }[];
  onChange: (q: Question) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("scripts.question");
  const q = def.questions[index]!;
  const set = (patch: Partial<Question>) => onChange({ ...q, ...patch });
  const id = `q${index}`;
  return (
    <li className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="question-editor">
      <div className="flex flex-wrap items-end gap-3">
        <span className="pb-2 text-sm font-semibold text-slate-500">{index + 1}.</span>
        <Field label={t("id")} htmlFor={`${id}-id`}>
          <Input id={`${id}-id`} className="w-32" value={q.id} onChange={(e) => set({ id: e.target.value })} />
        </Field>
        <Field label={t("type")} htmlFor={`${id}-type`}>
          <Select id={`${id}-type`} value={q.type} onChange={(e) => set({ type: e.target.value as Question["type"] })}>
            {QUESTION_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`types.${ty}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox label={t("required")} checked={q.required} onChange={(e) => set({ required: e.target.checked })} />
        <div className="ml-auto flex gap-1">
          <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => onMove(-1)}>
            {t("moveUp")}
          </Button>
          <Button size="sm" variant="ghost" disabled={index === def.questions.length - 1} onClick={() => onMove(1)}>
            {t("moveDown")}
          </Button>
          <Button size="sm" variant="ghost" onClick={onRemove}>
            {t("remove")}
          </Button>
        </div>
      </div>
      <Field label={t("text")} htmlFor={`${id}-text`} hint={t("textHint", { example: "{name}, {debt}, {address}" })}>
        <Textarea id={`${id}-text`} rows={2} value={q.text} onChange={(e) => set({ text: e.target.value })} />
      </Field>
      <Field label={t("hint")} htmlFor={`${id}-hint`}>
        <Input id={`${id}-hint`} value={q.hint} onChange={(e) => set({ hint: e.target.value })} />
      </Field>
      {(q.type === "choice" || q.type === "multi") && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t("options")}</legend>
          {q.options.map((o, i) => (
            <div key={i} className="flex gap-2">
              <Input aria-label={`${t("options")} ${i + 1}`} className="w-32" value={o.value} onChange={(e) => set({ options: q.options.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
              <Input aria-label={`${t("options")} ${i + 1}: ${o.value}`} value={o.label} onChange={(e) => set({ options: q.options.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
              <Button size="sm" variant="ghost" onClick={() => set({ options: q.options.filter((_, j) => j !== i) })}>
                {t("remove")}
              </Button>
            </div>
          ))}
          <Button size="sm" onClick={() => set({ options: [...q.options, { value: `o${q.options.length + 1}`, label: "" }] })}>
            {t("addOption")}
          </Button>
        </fieldset>
      )}
      {(q.type === "number" || q.type === "scale") && (
        <div className="flex gap-3">
          <Field label={t("min")} htmlFor={`${id}-min`}>
            <Input id={`${id}-min`} type="number" className="w-28" value={q.min ?? ""} onChange={(e) => set({ min: num(e.target.value) })} />
          </Field>
          <Field label={t("max")} htmlFor={`${id}-max`}>
            <Input id={`${id}-max`} type="number" className="w-28" value={q.max ?? ""} onChange={(e) => set({ max: num(e.target.value) })} />
          </Field>
        </div>
      )}
      {q.type === "date" && <Checkbox label={t("withTime")} checked={q.withTime} onChange={(e) => set({ withTime: e.target.checked })} />}
      <ConditionEditor idPrefix={`${id}-show`} label={t("showIf")} earlier={def.questions.slice(0, index)} value={q.showIf} onChange={(showIf) => set({ showIf })} />
      <ActionsEditor question={q} index={index} def={def} queues={queues} onChange={(onLeave) => set({ onLeave })} />
    </li>
  );
}
