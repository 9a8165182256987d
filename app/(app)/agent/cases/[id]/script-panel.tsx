"use client";
// The "Script" panel of a call the agent handles: shown only when the interaction has a script
// (its queue's, or the version an attempt pinned). Progress is saved as the agent goes, so a
// reload resumes; closing saves the result code.
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { definitionSchema, stepsSchema } from "../../../../../domain/scripts/definition.ts";
import { Notice } from "../../../../_components/notice.tsx";
import { Card } from "../../../../_components/page.tsx";
import { type ScriptClose, ScriptRunner } from "../../../../_components/scripts/script-runner.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";

const ScriptQuery = graphql(`
  query InteractionScript($interactionId: ID!) {
    interactionScript(interactionId: $interactionId) {
      interactionId
      name
      versionId
      definition
      fields
      steps
      resultCode
      completedAt
    }
  }
`);
const SaveAnswers = graphql(`
  mutation SaveScriptAnswers($interactionId: ID!, $input: ScriptAnswersInput!) {
    saveScriptAnswers(interactionId: $interactionId, input: $input) {
      interactionId
      steps
      resultCode
      completedAt
    }
  }
`);

export function ScriptPanel({ interactionId }: { interactionId: string }) {
  const t = useTranslations("scripts.panel");
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: ScriptQuery, variables: { interactionId } });
  const [saving, save] = useMutation(SaveAnswers);
  const [failed, setFailed] = useState<string | null>(null);
  const script = data?.interactionScript;
  const parsed = useMemo(() => {
    if (!script) return null;
    const definition = definitionSchema.safeParse(script.definition);
    const steps = stepsSchema.safeParse(script.steps);
    return definition.success ? { definition: definition.data, steps: steps.success ? steps.data : [], fields: (script.fields ?? {}) as Record<string, string> } : null;
  }, [script]);
  if (!script || !parsed) return null;

  const send = async (input: { steps: unknown; complete?: boolean; resultCode?: string | null; callbackAt?: string | null }) => {
    const r = await save({ interactionId, input: { scriptVersionId: script.versionId, ...input } });
    setFailed(r.error ? (errors.message(apiError(r.error)) ?? t("saveFailed")) : null);
  };
  return (
    <Card title={t("title", { name: script.name })}>
      <div data-testid="script-panel" className="space-y-3">
        {failed && <Notice tone="error">{failed}</Notice>}
        <ScriptRunner
          definition={parsed.definition}
          fields={parsed.fields}
          initialSteps={parsed.steps}
          closed={Boolean(script.completedAt)}
          closedResult={script.resultCode}
          busy={saving.fetching}
          onProgress={(steps) => void send({ steps })}
          onClose={(c: ScriptClose) => void send({ steps: c.steps, complete: true, resultCode: c.resultCode, callbackAt: c.callbackAt })}
        />
      </div>
    </Card>
  );
}
