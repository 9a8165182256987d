"use client";
// The agent's own signature under their e-mails (the queue's follows it), with template variables.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../_components/button.tsx";
import { Field, Textarea } from "../../_components/field.tsx";
import { Notice } from "../../_components/notice.tsx";
import { Card } from "../../_components/page.tsx";
import { type ApiError, apiError, fieldIssues } from "../../_client/errors.ts";
import { graphql } from "../../_client/graphql.ts";
import { useErrorText } from "../../_client/use-error-text.ts";

const MySignature = graphql(`
  query MySignature {
    me {
      user {
        id
        emailSignature
      }
    }
  }
`);
const SaveSignature = graphql(`
  mutation SetMyEmailSignature($emailSignature: String!) {
    setMyEmailSignature(emailSignature: $emailSignature) {
      id
      emailSignature
    }
  }
`);

export function SignatureCard() {
  const t = useTranslations("account");
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: MySignature });
  const [state, save] = useMutation(SaveSignature);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (data && value === null) setValue(data.me.user.emailSignature);
  }, [data, value]);
  const issues = fieldIssues(error);
  if (value === null) return null;
  return (
    <Card title={t("signature")} className="mt-6 max-w-lg">
      <form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setDone(false);
          const err = apiError((await save({ emailSignature: value })).error);
          setError(err);
          setDone(!err);
        }}
      >
        {done && <Notice tone="success">{t("signatureSaved")}</Notice>}
        {error && !error.fields.length && <Notice tone="error">{errors.message(error)}</Notice>}
        <Field label={t("signature")} htmlFor="signature" hint={t("signatureHint")} error={errors.field(issues.emailSignature, "emailSignature")}>
          <Textarea id="signature" rows={4} maxLength={2000} value={value} onChange={(e) => setValue(e.target.value)} invalid={!!issues.emailSignature} />
        </Field>
        <Button type="submit" variant="primary" busy={state.fetching}>
          {t("saveSignature")}
        </Button>
      </form>
    </Card>
  );
}
