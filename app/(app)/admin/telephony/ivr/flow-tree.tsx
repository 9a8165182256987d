"use client";
// An IVR flow drawn as a tree from its first step: each step a card (its kind, its fields), and
// under it where each key or outcome leads — another step drawn inside, or, when it leads back up
// (a "back" key, a retry loop), a link to that step. Every branch can be pointed at a new step
// of any kind or at an existing one.
import { useTranslations } from "next-intl";
import { Input, Select } from "../../../../_components/field.tsx";
import { KEYS, LANGS, STEP_TYPES, type Flow, type Step, type StepType, branches, freeId, newStep, repoint } from "./flow-model.ts";
import { StepFields } from "./step-fields.tsx";

export interface TreeProps {
  flow: Flow;
  setFlow: (f: Flow) => void;
  queues: { id: string; name: string }[];
  /** The organisation's SIP trunks (a call-back may name its line). */
  lines: { id: string; name: string }[];
  /** Problems the server found, by step id. */
  problems: Map<string, string[]>;
}

export function StepTree({ id, ancestors, ...props }: TreeProps & { id: string; ancestors: string[] }) {
  const t = useTranslations("admin.telephony.ivr");
  const { flow, setFlow } = props;
  const step = flow.nodes[id];
  if (!step) return <p className="text-sm text-red-700">{t("missingStep", { step: id })}</p>;
  if (ancestors.includes(id))
    return (
      <p className="text-sm text-slate-600" data-testid={`back-to-${id}`}>
        ↩ {t("backTo", { step: id })}
      </p>
    );
  const setStep = (next: Step) => setFlow({ ...flow, nodes: { ...flow.nodes, [id]: next } });
  const changeType = (type: StepType) => {
    const fallback = branches(step)[0]?.target ?? id;
    setStep(newStep(type, { queueId: props.queues[0]?.id ?? "", fallback }));
  };
  const problems = props.problems.get(id);
  return (
    <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200" data-testid={`step-${id}`}>
      <div className="mb-2 flex items-center gap-2">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-slate-600">{id}</span>
        <Select aria-label={t("stepKind", { step: id })} className="w-56" value={step.type} onChange={(e) => changeType(e.target.value as StepType)}>
          {STEP_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`type.${type}`)}
            </option>
          ))}
        </Select>
      </div>
      {problems && (
        <ul className="mb-2 list-disc pl-5 text-sm text-red-700" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <StepFields id={id} step={step} edit={(patch) => setStep({ ...step, ...patch } as Step)} queues={props.queues} lines={props.lines} />
      <Branches id={id} step={step} setStep={setStep} ancestors={[...ancestors, id]} {...props} />
    </div>
  );
}

function Branches({ id, step, setStep, ancestors, ...props }: TreeProps & { id: string; step: Step; setStep: (s: Step) => void; ancestors: string[] }) {
  const t = useTranslations("admin.telephony.ivr");
  const list = branches(step);
  const options = step.options as Record<string, string> | undefined;
  const addKey = () => {
    const key = KEYS.find((k) => !options?.[k]);
    if (!key) return;
    const newId = freeId(props.flow, "queue");
    const created = newStep("queue", { queueId: props.queues[0]?.id ?? "", fallback: id });
    props.setFlow({ ...props.flow, nodes: { ...props.flow.nodes, [newId]: created, [id]: { ...step, options: { ...options, [key]: newId } } } });
  };
  return (
    <div className="mt-3 space-y-3 border-l-2 border-slate-200 pl-3">
      {step.type === "language" && <LanguageKeys step={step} setStep={setStep} />}
      {list.map((b) => (
        <div key={b.slot} data-testid={`branch-${id}-${b.slot}`}>
          <BranchHead id={id} step={step} slot={b.slot} target={b.target} setStep={setStep} {...props} />
          <div className="mt-1 ml-2">
            <StepTree id={b.target} ancestors={ancestors} {...props} />
          </div>
        </div>
      ))}
      {step.type === "menu" && (
        <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={addKey}>
          + {t("addKey")}
        </button>
      )}
      {step.type === "caller" && (
        <button
          type="button"
          className="text-sm font-medium text-brand-700 hover:underline"
          onClick={() => setStep({ ...step, rules: [...(step.rules as object[]), { match: "known", next: step.otherwise as string }] })}
        >
          + {t("addRule")}
        </button>
      )}
    </div>
  );
}

/** What leads down this branch (a key, an outcome), and where it goes: an existing step or a new one. */
function BranchHead({ id, step, slot, target, setStep, ...props }: TreeProps & { id: string; step: Step; slot: string; target: string; setStep: (s: Step) => void }) {
  const t = useTranslations("admin.telephony.ivr");
  const { flow, setFlow } = props;
  const point = (value: string) => {
    if (value.startsWith("new:")) {
      const type = value.slice(4) as StepType;
      const newId = freeId(flow, type);
      const created = newStep(type, { queueId: props.queues[0]?.id ?? "", fallback: id });
      setFlow({ ...flow, nodes: { ...flow.nodes, [newId]: created, [id]: repoint(step, slot, newId) } });
    } else setStep(repoint(step, slot, value));
  };
  let label: React.ReactNode;
  if (slot.startsWith("key:")) {
    const key = slot.slice(4);
    label = (
      <span className="flex items-center gap-1">
        {t("key")}
        <Select
          aria-label={t("keyOf", { step: id })}
          className="w-16"
          value={key}
          onChange={(e) => {
            const { [key]: moved, ...rest } = step.options as Record<string, string>;
            setStep({ ...step, options: { ...rest, [e.target.value]: moved } });
          }}
        >
          {KEYS.map((k) => (
            <option key={k} value={k} disabled={k !== key && !!(step.options as Record<string, string>)[k]}>
              {k}
            </option>
          ))}
        </Select>
        <button
          type="button"
          aria-label={t("removeKey", { key })}
          className="px-1 text-slate-400 hover:text-red-600"
          onClick={() => {
            const { [key]: _gone, ...rest } = step.options as Record<string, string>;
            setStep({ ...step, options: rest });
          }}
        >
          ×
        </button>
      </span>
    );
  } else if (slot.startsWith("rule:")) label = <CallerRule step={step} index={Number(slot.slice(5))} setStep={setStep} />;
  else label = t(`slot.${step.type === "collect" && slot === "onFail" ? "collectFail" : slot}`);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-700">
      {label}
      <span aria-hidden>→</span>
      <Select aria-label={t("leadsTo", { step: id, branch: slot })} className="w-64" value={target} onChange={(e) => point(e.target.value)}>
        <optgroup label={t("existingStep")}>
          {Object.keys(flow.nodes).map((n) => (
            <option key={n} value={n}>
              {n} · {t(`type.${flow.nodes[n].type}`)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t("newStep")}>
          {STEP_TYPES.map((type) => (
            <option key={type} value={`new:${type}`}>
              + {t(`type.${type}`)}
            </option>
          ))}
        </optgroup>
      </Select>
    </div>
  );
}

function CallerRule({ step, index, setStep }: { step: Step; index: number; setStep: (s: Step) => void }) {
  const t = useTranslations("admin.telephony.ivr");
  const rules = step.rules as { match: string; prefixes?: string[]; next: string }[];
  const rule = rules[index];
  const set = (r: typeof rule) => setStep({ ...step, rules: rules.map((x, i) => (i === index ? r : x)) });
  return (
    <span className="flex items-center gap-1">
      <Select aria-label={t("ruleMatch")} className="w-48" value={rule.match} onChange={(e) => set({ match: e.target.value, next: rule.next, ...(e.target.value === "prefix" ? { prefixes: ["+48"] } : {}) })}>
        {["vip", "known", "anonymous", "prefix"].map((m) => (
          <option key={m} value={m}>
            {t(`match.${m}`)}
          </option>
        ))}
      </Select>
      {rule.match === "prefix" && (
        <Input aria-label={t("prefixes")} className="w-40" defaultValue={(rule.prefixes ?? []).join(", ")} onBlur={(e) => set({ ...rule, prefixes: e.target.value.split(/[\s,]+/).filter(Boolean) })} />
      )}
    </span>
  );
}

function LanguageKeys({ step, setStep }: { step: Step; setStep: (s: Step) => void }) {
  const t = useTranslations("admin.telephony.ivr");
  const options = step.options as Record<string, string>;
  return (
    <div className="flex flex-wrap gap-3 text-sm">
      {LANGS.map((lang) => {
        const key = Object.keys(options).find((k) => options[k] === lang) ?? "";
        return (
          <label key={lang} className="flex items-center gap-1">
            {t(`language.${lang}`)}
            <Select
              className="w-20"
              value={key}
              onChange={(e) => {
                const rest = Object.fromEntries(Object.entries(options).filter(([, l]) => l !== lang));
                setStep({ ...step, options: e.target.value ? { ...rest, [e.target.value]: lang } : rest });
              }}
            >
              <option value="">—</option>
              {KEYS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </Select>
          </label>
        );
      })}
    </div>
  );
}
