"use client";
// An abusive caller, blocked from the case: for a day, a week or for good, with a reason the
// supervisors see. Agents may add a block (blocklist.add) but not lift or change one.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Dialog } from "../../../../_components/dialog.tsx";
import { Field, Input, Select } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { type ApiError, apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useCan } from "../../../../_client/me.tsx";
import { useErrorText } from "../../../../_client/use-error-text.ts";

const Block = graphql(`
  mutation BlockCaller($input: BlockNumberInput!) {
    blockNumber(input: $input) {
      id
    }
  }
`);

export function BlockCallerButton({ number }: { number: string }) {
  const t = useTranslations("case.block");
  const can = useCan();
  const errors = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [hours, setHours] = useState("24");
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, block] = useMutation(Block);
  if (!can("blocklist.add") && !can("blocklist.manage")) return null;
  if (done) return <span className="ml-2 text-xs text-red-700">{t("blocked")}</span>;
  return (
    <>
      <button type="button" className="ml-2 rounded px-1.5 text-xs font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50" onClick={() => setOpen(true)}>
        {t("button")}
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("title", { number })}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
            <Button
              variant="danger"
              busy={fetching}
              onClick={async () => {
                const err = apiError((await block({ input: { number, reason, hours: hours ? Number(hours) : null } })).error);
                setError(err);
                if (!err) {
                  setDone(true);
                  setOpen(false);
                }
              }}
            >
              {t("confirm")}
            </Button>
          </>
        }
      >
        <div className="space-y-4">
          {error && <Notice tone="error">{errors.message(error)}</Notice>}
          <Field label={t("reason")} htmlFor="block-caller-reason">
            <Input id="block-caller-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Field label={t("for")} htmlFor="block-caller-hours">
            <Select id="block-caller-hours" value={hours} onChange={(e) => setHours(e.target.value)}>
              <option value="24">{t("day")}</option>
              <option value="168">{t("week")}</option>
              <option value="">{t("forever")}</option>
            </Select>
          </Field>
        </div>
      </Dialog>
    </>
  );
}
