"use client";
// Macros near the composer: choosing one changes the case (status, tags, assignee — all or
// nothing) and puts its reply, filled in for the case, into the composer for the agent to read and
// send; nothing goes to the customer by itself.
import { useTranslations } from "next-intl";
import { useMutation, useQuery } from "urql";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { MenuButton } from "../../../../_components/menu-button.tsx";
import { CaseChanges } from "./case-query.ts";

const Macros = graphql(`
  query CaseMacros {
    macros {
      id
      name
    }
  }
`);
const ApplyMacro = graphql(
  `
    mutation ApplyMacro($caseId: ID!, $macroId: ID!) {
      applyMacro(caseId: $caseId, macroId: $macroId) {
        reply
        case {
          id
          closedAt
          ...CaseChanges
        }
      }
    }
  `,
  [CaseChanges],
);

export type MacroOutcome = { tone: "success" | "error"; text: string } | null;

/** The menu; `onReply` gets the macro's reply (when it has one), `onOutcome` what to tell the agent. */
export function MacroMenu({ caseId, onReply, onOutcome }: { caseId: string; onReply: (text: string) => void; onOutcome: (o: MacroOutcome) => void }) {
  const t = useTranslations("case.composer");
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: Macros });
  const [state, apply] = useMutation(ApplyMacro);
  if (!data?.macros.length) return null;
  return (
    <MenuButton
      label={t("macros")}
      testId="macro-menu"
      shortcut="macros"
      disabled={state.fetching}
      items={data.macros.map((m) => ({ id: m.id, label: m.name }))}
      onPick={async (macroId) => {
        const name = data.macros.find((m) => m.id === macroId)?.name ?? "";
        onOutcome(null);
        const r = await apply({ caseId, macroId });
        const e = apiError(r.error);
        if (e) return onOutcome({ tone: "error", text: errors.message(e) ?? "" });
        const reply = r.data?.applyMacro.reply ?? "";
        if (reply) onReply(reply);
        onOutcome({ tone: "success", text: reply ? t("macroApplied", { name }) : t("macroAppliedNoReply", { name }) });
      }}
    />
  );
}
