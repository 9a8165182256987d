"use client";
// IVR flows: what callers of a number meet before an agent. Pick a flow (or start one), shape it
// as a tree, save — every problem shown on the step it belongs to — and publish: calls from then
// on follow the published version. Numbers choose their flow under Numbers.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Field, Input, Select } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Empty, Loading } from "../../../../_components/page.tsx";
import { type ApiError, type FieldIssue, apiError } from "../../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../../_client/graphql.ts";
import { useCan } from "../../../../_client/me.tsx";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { type Flow, KEYS, LANGS, pruned, starterFlow } from "./flow-model.ts";
import { StepTree } from "./flow-tree.tsx";
import { FaxDocuments, PromptSounds } from "./step-fields.tsx";

const REFRESH_ON = { additionalTypenames: ["IvrFlow", "PhoneNumber", "AudioFile", "FaxDocument"] };
const FlowsQuery = graphql(`
  query IvrFlows {
    ivrFlows {
      id
      name
      definition
      publishedVersion
      changedSincePublished
      numbers
    }
    telephonyQueues {
      id
      name
    }
    sipTrunks {
      id
      name
    }
    audioFiles(kind: PROMPT) {
      id
      name
    }
    faxDocuments {
      id
      name
    }
  }
`);
const Save = graphql(`
  mutation SaveIvrFlow($id: ID, $input: IvrFlowInput!) {
    saveIvrFlow(id: $id, input: $input) {
      id
    }
  }
`);
const Publish = graphql(`
  mutation PublishIvrFlow($id: ID!) {
    publishIvrFlow(id: $id) {
      id
      publishedVersion
    }
  }
`);
type SavedFlow = ResultOf<typeof FlowsQuery>["ivrFlows"][number];

export default function IvrPage() {
  const t = useTranslations("admin.telephony.ivr");
  const allowed = useCan()("telephony.manage");
  const [{ data }] = useQuery({ query: FlowsQuery, context: REFRESH_ON, pause: !allowed });
  const [chosen, setChosen] = useState<string | "new" | null>(null);
  if (!allowed) return <Notice tone="warning">{t("forbidden")}</Notice>;
  if (!data) return <Loading label={t("loading")} />;
  const flows = data.ivrFlows;
  const current = chosen === "new" ? null : (flows.find((f) => f.id === chosen) ?? (chosen === null ? flows[0] : undefined) ?? null);
  const editing = chosen === "new" || !!current;
  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <aside className="space-y-2">
        <p className="text-sm text-slate-600">{t("description")}</p>
        <ul className="space-y-1" aria-label={t("flows")}>
          {flows.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                aria-current={current?.id === f.id && chosen !== "new" ? "true" : undefined}
                onClick={() => setChosen(f.id)}
                className="w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 aria-[current=true]:bg-brand-50 aria-[current=true]:font-medium"
              >
                {f.name}
                <span className="block text-xs text-slate-500">
                  {f.publishedVersion ? t("version", { version: f.publishedVersion }) : t("notPublished")}
                  {f.numbers.length ? ` · ${f.numbers.join(", ")}` : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <Button onClick={() => setChosen("new")} disabled={!data.telephonyQueues.length}>
          {t("new")}
        </Button>
        {!data.telephonyQueues.length && <p className="text-xs text-slate-500">{t("noQueues")}</p>}
      </aside>
      {editing ? (
        <PromptSounds.Provider value={data.audioFiles}>
          <FaxDocuments.Provider value={data.faxDocuments}>
            <FlowEditor key={current?.id ?? "new"} saved={current} queues={data.telephonyQueues} lines={data.sipTrunks} onCreated={setChosen} />
          </FaxDocuments.Provider>
        </PromptSounds.Provider>
      ) : (
        <Empty>{t("empty")}</Empty>
      )}
    </div>
  );
}

/** Problems by step (the id after "nodes."), the rest under "". */
function problemsByStep(error: ApiError | null, text: (issue: FieldIssue) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of error?.fields ?? []) {
    const m = /^input\.definition\.nodes\.([^.]+)/.exec(f.path);
    const key = m ? m[1] : "";
    out.set(key, [...(out.get(key) ?? []), text(f)]);
  }
  return out;
}

function FlowEditor({
  saved,
  queues,
  lines,
  onCreated,
}: {
  saved: SavedFlow | null;
  queues: { id: string; name: string }[];
  lines: { id: string; name: string }[];
  onCreated: (id: string) => void;
}) {
  const t = useTranslations("admin.telephony.ivr");
  const errors = useErrorText();
  const [name, setName] = useState(saved?.name ?? "");
  const [flow, setFlowState] = useState<Flow>(() => (saved?.definition as Flow | undefined) ?? starterFlow(queues[0].id));
  const [dirty, setDirty] = useState(!saved);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, save] = useMutation(Save);
  const [publishing, publish] = useMutation(Publish);
  const setFlow = (f: Flow) => {
    setFlowState(f);
    setDirty(true);
  };
  const problems = problemsByStep(error, (f) => errors.field(f, "ivr") ?? f.message);

  async function submit() {
    const definition = pruned(flow);
    const res = await save({ id: saved?.id ?? null, input: { name, definition } }, REFRESH_ON);
    const err = apiError(res.error);
    setError(err);
    if (err) return;
    setFlowState(definition);
    setDirty(false);
    if (!saved && res.data) onCreated(res.data.saveIvrFlow.id);
  }
  async function runPublish() {
    setError(apiError((await publish({ id: saved!.id }, REFRESH_ON)).error));
  }

  return (
    <section className="space-y-4" aria-label={t("editor")}>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <Field label={t("name")} htmlFor="ivr-name" error={errors.field(error?.fields.find((f) => f.path === "input.name"), "name")}>
            <Input id="ivr-name" value={name} onChange={(e) => (setName(e.target.value), setDirty(true))} />
          </Field>
        </div>
        <Field label={t("firstLanguage")} htmlFor="ivr-language">
          <Select id="ivr-language" value={flow.language} onChange={(e) => setFlow({ ...flow, language: e.target.value as Flow["language"] })}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("operator")} htmlFor="ivr-operator">
          <Select
            id="ivr-operator"
            value={flow.operator ? `${flow.operator.key}|${flow.operator.node}` : ""}
            onChange={(e) => {
              const [key, node] = e.target.value.split("|");
              setFlow({ ...flow, operator: e.target.value ? { key, node } : undefined });
            }}
          >
            <option value="">{t("noOperator")}</option>
            {Object.entries(flow.nodes)
              .filter(([, s]) => s.type === "queue")
              .map(([id]) => (
                <option key={id} value={`0|${id}`}>
                  {t("operatorTo", { key: "0", step: id })}
                </option>
              ))}
          </Select>
        </Field>
        <div className="ml-auto flex gap-2">
          <Button variant="primary" busy={saving.fetching} onClick={() => void submit()}>
            {t("save")}
          </Button>
          <Button busy={publishing.fetching} disabled={!saved || dirty} onClick={() => void runPublish()}>
            {t("publish")}
          </Button>
        </div>
      </div>
      <p className="text-sm text-slate-600" data-testid="ivr-status">
        {dirty ? t("unsaved") : !saved?.publishedVersion ? t("notPublished") : saved.changedSincePublished ? t("changedSince", { version: saved.publishedVersion }) : t("live", { version: saved.publishedVersion })}
      </p>
      {error && <Notice tone="error">{errors.message(error)}</Notice>}
      {problems.get("")?.map((p) => (
        <Notice key={p} tone="error">
          {p}
        </Notice>
      ))}
      <StepTree id={flow.start} ancestors={[]} flow={flow} setFlow={setFlow} queues={queues} lines={lines} problems={problems} />
      <p className="text-xs text-slate-500">{t("keysHint", { keys: KEYS.join(" ") })}</p>
    </section>
  );
}
