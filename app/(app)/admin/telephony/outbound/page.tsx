"use client";
// The rules for calls agents place, against toll fraud: which prefixes may be called, which never,
// when, and how many calls an agent may start in an hour.
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Field, Input, Textarea } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Card, Loading, PageHeader } from "../../../../_components/page.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../../_client/graphql.ts";
import { useCan, useMe } from "../../../../_client/me.tsx";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { NoAccess } from "../../../no-access.tsx";
import { HoursEditor } from "../../chat-widgets/hours-editor.tsx";
import type { WidgetSettings } from "../../chat-widgets/widget-settings.ts";
import { useIssueText } from "../../use-issue-text.ts";

const RulesQuery = graphql(`
  query OutboundCallRules {
    outboundCallRules {
      allowedPrefixes
      blockedPrefixes
      hours
      perAgentPerHour
    }
  }
`);
const SaveRules = graphql(`
  mutation SaveOutboundCallRules($input: OutboundCallRulesInput!) {
    saveOutboundCallRules(input: $input) {
      allowedPrefixes
      blockedPrefixes
      hours
      perAgentPerHour
    }
  }
`);
type Hours = WidgetSettings["businessHours"];
const NO_HOURS: Hours = { enabled: false, days: {}, holidays: [] };

export default function OutboundRulesPage() {
  const t = useTranslations("admin.telephony.outbound");
  const allowed = useCan()("telephony.manage");
  const [{ data }] = useQuery({ query: RulesQuery, pause: !allowed });
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {data ? <RulesForm rules={data.outboundCallRules} /> : <Loading label={t("loading")} />}
    </>
  );
}

function RulesForm({ rules }: { rules: ResultOf<typeof RulesQuery>["outboundCallRules"] }) {
  const t = useTranslations("admin.telephony.outbound");
  const errors = useErrorText();
  const timezone = useMe().organization.timezone;
  const [allowedPrefixes, setAllowed] = useState(rules.allowedPrefixes.join("\n"));
  const [blockedPrefixes, setBlocked] = useState(rules.blockedPrefixes.join("\n"));
  const [hours, setHours] = useState<Hours>((rules.hours as Hours | null) ?? NO_HOURS);
  const [perAgent, setPerAgent] = useState(String(rules.perAgentPerHour));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, save] = useMutation(SaveRules);
  const issues = fieldIssues(error);
  const issueText = useIssueText("admin.telephony.outbound.issues", issues);
  const hoursIssue = error?.fields.find((f) => f.path.startsWith("input.hours"));
  const lines = (v: string) => v.split("\n").filter((l) => l.trim());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const input = {
      allowedPrefixes: lines(allowedPrefixes),
      blockedPrefixes: lines(blockedPrefixes),
      hours: hours.enabled ? hours : null,
      perAgentPerHour: /^\d+$/.test(perAgent.trim()) ? Number(perAgent) : 0,
    };
    const r = await save({ input });
    const err = apiError(r.error);
    setError(err);
    if (r.data) {
      const s = r.data.saveOutboundCallRules;
      setAllowed(s.allowedPrefixes.join("\n"));
      setBlocked(s.blockedPrefixes.join("\n"));
      setSaved(true);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      {error && <Notice tone="error">{errors.message(error)}</Notice>}
      {saved && <Notice tone="success">{t("saved")}</Notice>}
      <Card title={t("numbers")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("allowed")} htmlFor="rules-allowed" hint={t("allowedHint")} error={issueText("allowedPrefixes")}>
            <Textarea
              id="rules-allowed"
              rows={6}
              value={allowedPrefixes}
              onChange={(e) => setAllowed(e.target.value)}
              placeholder="+48"
              className="font-mono"
              invalid={!!issues.allowedPrefixes}
            />
          </Field>
          <Field label={t("blocked")} htmlFor="rules-blocked" hint={t("blockedHint")} error={issueText("blockedPrefixes")}>
            <Textarea
              id="rules-blocked"
              rows={6}
              value={blockedPrefixes}
              onChange={(e) => setBlocked(e.target.value)}
              placeholder="+48700"
              className="font-mono"
              invalid={!!issues.blockedPrefixes}
            />
          </Field>
        </div>
        {!lines(allowedPrefixes).length && (
          <div className="mt-4">
            <Notice tone="warning">{t("nothingAllowed")}</Notice>
          </div>
        )}
      </Card>
      <Card title={t("hours")}>
        <p className="mb-3 text-sm text-slate-600">{t("hoursExplain", { timezone })}</p>
        <HoursEditor value={hours} onChange={setHours} enabledLabel={t("hoursEnabled")} />
        {hoursIssue && (
          <p className="mt-2 text-sm text-red-600" role="alert">
            {t("hoursInvalid")}
          </p>
        )}
      </Card>
      <Card title={t("limits")}>
        <div className="max-w-xs">
          <Field label={t("perAgent")} htmlFor="rules-per-agent" hint={t("perAgentHint")} error={issueText("perAgentPerHour")}>
            <Input
              id="rules-per-agent"
              type="number"
              min={1}
              max={1000}
              value={perAgent}
              onChange={(e) => setPerAgent(e.target.value)}
              invalid={!!issues.perAgentPerHour}
            />
          </Field>
        </div>
      </Card>
      <div className="flex justify-end">
        <Button variant="primary" type="submit" busy={saving.fetching}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
