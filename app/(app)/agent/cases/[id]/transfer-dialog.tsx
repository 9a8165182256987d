"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { StateBadge } from "../../../../_components/agent-state.tsx";
import { Button } from "../../../../_components/button.tsx";
import { Dialog } from "../../../../_components/dialog.tsx";
import { Field, Input } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import type { Interaction } from "./case-query.ts";

const Targets = graphql(`
  query TransferTargets {
    transferTargets {
      agents {
        id
        name
        state
      }
      queues {
        id
        name
      }
    }
  }
`);
const Transfer = graphql(`
  mutation TransferChat($input: TransferInput!) {
    transferChat(input: $input) {
      id
    }
  }
`);

/** Hand the chat to a colleague or a queue; you keep it until they accept. */
export function TransferDialog({ interaction, onClose }: { interaction: Pick<Interaction, "id">; onClose: () => void }) {
  const t = useTranslations("case.transfer");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: Targets, requestPolicy: "network-only" });
  const [target, setTarget] = useState<string>("");
  const [note, setNote] = useState("");
  const [state, transfer] = useMutation(Transfer);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const [kind, id] = target.split(":");
    const e = apiError(
      (await transfer({ input: { interactionId: interaction.id, toAgentId: kind === "agent" ? id : null, toQueueId: kind === "queue" ? id : null, note } }))
        .error,
    );
    if (e) setError(errors.message(e));
    else onClose();
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t("title")}
      footer={
        <>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" disabled={!target} busy={state.fetching} onClick={() => void submit()}>
            {t("submit")}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t("explain")}</p>
        {error && <Notice tone="error">{error}</Notice>}
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("toAgent")}</legend>
          <div className="max-h-48 space-y-1 overflow-y-auto">
            {data?.transferTargets.agents.map((a) => (
              <label key={a.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                <input
                  type="radio"
                  name="target"
                  value={`agent:${a.id}`}
                  checked={target === `agent:${a.id}`}
                  onChange={(e) => setTarget(e.target.value)}
                  disabled={a.state !== "READY"}
                />
                <span className="flex-1">{a.name}</span>
                <StateBadge state={a.state} />
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("toQueue")}</legend>
          {data?.transferTargets.queues.map((q) => (
            <label key={q.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input type="radio" name="target" value={`queue:${q.id}`} checked={target === `queue:${q.id}`} onChange={(e) => setTarget(e.target.value)} />
              {q.name}
            </label>
          ))}
        </fieldset>
        <Field label={t("note")} htmlFor="transfer-note" hint={t("noteHint")}>
          <Input id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </Field>
      </div>
    </Dialog>
  );
}
