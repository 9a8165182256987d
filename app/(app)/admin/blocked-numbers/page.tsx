"use client";
// Numbers whose calls are refused, for good or for some hours (supervisors keep this list too).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Field, Input, Textarea } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ApiError, apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";
import { useIssueText } from "../use-issue-text.ts";
import { useDates } from "../../../_client/use-dates.ts";

const REFRESH_ON = { additionalTypenames: ["BlockedNumber"] };

const BlockedQuery = graphql(`
  query BlockedNumbers {
    blockedNumbers {
      id
      number
      reason
      dids
      message
      until
      createdAt
      createdBy
    }
  }
`);
const Block = graphql(`
  mutation BlockNumber($input: BlockNumberInput!) {
    blockNumber(input: $input) {
      id
    }
  }
`);
const Unblock = graphql(`
  mutation UnblockNumber($id: ID!) {
    unblockNumber(id: $id)
  }
`);

export default function BlockedNumbersPage() {
  const t = useTranslations("admin.blockedNumbers");
  const dates = useDates();
  const allowed = useCan()("blocklist.manage");
  const [{ data }] = useQuery({ query: BlockedQuery, context: REFRESH_ON, pause: !allowed });
  const [unblocking, unblock] = useMutation(Unblock);
  const [error, setError] = useState<ApiError | null>(null);
  const errors = useErrorText();
  const when = (iso: unknown) => dates.format(String(iso), "dateTimeMedium");
  return (
    <>
      {error && (
        <div className="mb-4">
          <Notice tone="error">{errors.message(error)}</Notice>
        </div>
      )}
      <AdminList
        namespace="blockedNumbers"
        allowed={allowed}
        items={data?.blockedNumbers}
        head={[t("number"), t("reason"), t("until"), t("by"), ""]}
        renderRow={(b) => (
          <tr key={b.id} data-testid={`blocked-${b.number}`}>
            <Td className="font-mono font-medium tabular-nums">{b.number}</Td>
            <Td>
              {b.reason || "—"}
              {b.dids.length > 0 && <span className="block text-xs text-slate-500">{t("onlyTo", { numbers: b.dids.join(", ") })}</span>}
              {b.message && <span className="block text-xs text-slate-500">{t("hears", { message: b.message })}</span>}
            </Td>
            <Td>{b.until ? when(b.until) : t("forever")}</Td>
            <Td className="text-xs text-slate-600">{t("byWhen", { name: b.createdBy ?? "—", time: when(b.createdAt) })}</Td>
            <Td className="text-right">
              <Button
                size="sm"
                variant="ghost"
                busy={unblocking.fetching && unblocking.operation?.variables.id === b.id}
                onClick={async () => setError(apiError((await unblock({ id: b.id }, REFRESH_ON)).error))}
              >
                {t("remove")}
              </Button>
            </Td>
          </tr>
        )}
        renderDialog={(_b, close) => <BlockDialog onClose={close} />}
      />
    </>
  );
}

function BlockDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("admin.blockedNumbers");
  const errors = useErrorText();
  const [number, setNumber] = useState("");
  const [reason, setReason] = useState("");
  const [hours, setHours] = useState("");
  const [dids, setDids] = useState("");
  const [message, setMessage] = useState("");
  const [, block] = useMutation(Block);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  const issueText = useIssueText("admin.blockedNumbers.issues", issues);
  const hoursValue = () => (hours.trim() ? (/^\d+$/.test(hours.trim()) ? Number(hours) : 0) : null);

  return (
    <EditDialog
      formId="block-form"
      onClose={onClose}
      outcome={outcome}
      title={t("new")}
      saveLabel={t("block")}
      onSave={() =>
        outcome.save(() => block({ input: { number, reason, hours: hoursValue(), dids: dids.split(/[\s,;]+/).filter(Boolean), message } }, REFRESH_ON))
      }
    >
      <Field label={t("number")} htmlFor="block-number" hint={t("numberHint")} error={issueText("number")}>
        <Input
          id="block-number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="+48 600 100 200"
          className="font-mono"
          invalid={!!issues.number}
        />
      </Field>
      <Field label={t("reason")} htmlFor="block-reason" hint={t("reasonHint")} error={errors.field(issues.reason, "reason")}>
        <Input id="block-reason" value={reason} onChange={(e) => setReason(e.target.value)} invalid={!!issues.reason} />
      </Field>
      <Field label={t("hours")} htmlFor="block-hours" hint={t("hoursHint")} error={issueText("hours")}>
        <Input id="block-hours" type="number" min={1} max={8760} value={hours} onChange={(e) => setHours(e.target.value)} invalid={!!issues.hours} />
      </Field>
      <Field label={t("dids")} htmlFor="block-dids" hint={t("didsHint")} error={issueText("dids")}>
        <Input id="block-dids" value={dids} onChange={(e) => setDids(e.target.value)} placeholder="+48 22 123 45 67" invalid={!!issues.dids} />
      </Field>
      <Field label={t("message")} htmlFor="block-message" hint={t("messageHint")} error={errors.field(issues.message, "message")}>
        <Textarea id="block-message" rows={2} value={message} onChange={(e) => setMessage(e.target.value)} invalid={!!issues.message} />
      </Field>
    </EditDialog>
  );
}
