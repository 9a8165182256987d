"use client";
// A show-condition or an action's guard: always, or all / any of tests on earlier answers.
import { useTranslations } from "next-intl";
import { CONDITION_OPS, type Condition, type ConditionTest, type Question } from "../../../../../domain/scripts/definition.ts";
import { Button } from "../../../../_components/button.tsx";
import { Input, Select } from "../../../../_components/field.tsx";

type Mode = "always" | "all" | "any";

function split(c: Condition | undefined): { mode: Mode; tests: ConditionTest[] } {
  if (!c) return { mode: "always", tests: [] };
  if ("op" in c) return { mode: "all", tests: [c] };
  // Nested groups are kept as data but edited one level deep.
  const flat = ("all" in c ? c.all : c.any).filter((x): x is ConditionTest => "op" in x);
  return { mode: "all" in c ? "all" : "any", tests: flat };
}

function join(mode: Mode, tests: ConditionTest[]): Condition | undefined {
  if (mode === "always" || tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  return mode === "all" ? { all: tests } : { any: tests };
}

/** A test's value from what was typed: numbers for numeric questions, a list for "is one of". */
function typedValue(target: Question | undefined, op: ConditionTest["op"], raw: string): ConditionTest["value"] {
  if (op === "answered") return undefined;
  if (op === "in") return raw.split(",").map((s) => s.trim()).filter(Boolean);
  const numeric = target && (target.type === "number" || target.type === "scale");
  return numeric && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
}

export function ConditionEditor({ value, onChange, earlier, label, idPrefix }: { value: Condition | undefined; onChange: (c: Condition | undefined) => void; earlier: Question[]; label: string; idPrefix: string }) {
  const t = useTranslations("scripts.question");
  const { mode, tests } = split(value);
  const set = (m: Mode, ts: ConditionTest[]) => onChange(join(m, ts));
  const blank = (): ConditionTest => ({ question: earlier.at(-1)?.id ?? "", op: "eq", value: earlier.at(-1)?.options[0]?.value ?? "" });
  return (
    <fieldset className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={`${idPrefix}-mode`} className="text-slate-600">
          {label}
        </label>
        <Select id={`${idPrefix}-mode`} value={mode} onChange={(e) => set(e.target.value as Mode, e.target.value === "always" ? [] : tests.length ? tests : [blank()])} disabled={earlier.length === 0}>
          <option value="always">{t("always")}</option>
          <option value="all">{t("whenAll")}</option>
          <option value="any">{t("whenAny")}</option>
        </Select>
      </div>
      {mode !== "always" &&
        tests.map((test, i) => {
          const target = earlier.find((q) => q.id === test.question);
          const update = (patch: Partial<ConditionTest>) => {
            const next = { ...test, ...patch };
            set(mode, tests.map((x, j) => (j === i ? next : x)));
          };
          const raw = Array.isArray(test.value) ? test.value.join(", ") : String(test.value ?? "");
          return (
            <div key={i} className="flex flex-wrap items-center gap-2" data-testid="condition-test">
              <Select aria-label={t("question")} value={test.question} onChange={(e) => update({ question: e.target.value })}>
                {earlier.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.id}
                  </option>
                ))}
              </Select>
              <Select aria-label={t("type")} value={test.op} onChange={(e) => update({ op: e.target.value as ConditionTest["op"], value: typedValue(target, e.target.value as ConditionTest["op"], raw) })}>
                {CONDITION_OPS.map((op) => (
                  <option key={op} value={op}>
                    {t(`ops.${op}`)}
                  </option>
                ))}
              </Select>
              {test.op !== "answered" &&
                (target?.options.length && test.op !== "in" ? (
                  <Select aria-label={t("options")} value={raw} onChange={(e) => update({ value: e.target.value })}>
                    {target.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input aria-label={t("options")} className="w-40" value={raw} title={t("valueHint")} onChange={(e) => update({ value: typedValue(target, test.op, e.target.value) })} />
                ))}
              <Button size="sm" variant="ghost" onClick={() => set(mode, tests.filter((_, j) => j !== i))}>
                {t("remove")}
              </Button>
            </div>
          );
        })}
      {mode !== "always" && (
        <Button size="sm" onClick={() => set(mode, [...tests, blank()])}>
          {t("addTest")}
        </Button>
      )}
    </fieldset>
  );
}
