"use client";
// The letterhead on the organisation's fax cover pages: a heading, up to four lines under it and a
// footer, printed on faxes sent from now on; the preview is the cover page as a fax machine would
// print it (rendered on the server at fax resolution).
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { type ApiError, apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { Button } from "../../../../_components/button.tsx";
import { Field, Input, Textarea } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Card } from "../../../../_components/page.tsx";

const LINES = 4;
const LINE_LENGTH = 70;
const FOOTER_LENGTH = 500;

const CoverQuery = graphql(`
  query FaxCover {
    faxCover {
      heading
      lines
      footer
    }
  }
`);
const SaveCover = graphql(`
  mutation SaveFaxCover($input: FaxCoverInput!) {
    saveFaxCover(input: $input) {
      heading
      lines
      footer
    }
  }
`);

export function CoverLetterhead() {
  const [{ data }] = useQuery({ query: CoverQuery });
  return data ? <CoverForm initial={data.faxCover} /> : null;
}

function CoverForm({ initial }: { initial: { heading: string; lines: string[]; footer: string } }) {
  const t = useTranslations("admin.telephony.faxDocuments.cover");
  const errors = useErrorText();
  const [heading, setHeading] = useState(initial.heading);
  const [lines, setLines] = useState(initial.lines.join("\n"));
  const [footer, setFooter] = useState(initial.footer);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(0);
  const [saving, save] = useMutation(SaveCover);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(0);
    const list = lines
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const long = list.findIndex((l) => [...l].length > LINE_LENGTH);
    const local = list.length > LINES ? t("tooManyLines", { n: LINES }) : long >= 0 ? t("lineTooLong", { line: long + 1, n: LINE_LENGTH }) : null;
    setProblem(local);
    if (local) return;
    const err = apiError((await save({ input: { heading, lines: list, footer } })).error);
    setError(err);
    if (!err) setSaved(Date.now());
  }

  return (
    <Card title={t("title")} className="mt-8">
      <form onSubmit={submit} className="space-y-4" noValidate data-testid="fax-cover-form">
        <p className="text-sm text-slate-600">{t("description")}</p>
        {(problem || error) && <Notice tone="error">{problem ?? errors.message(error)}</Notice>}
        {saved > 0 && <Notice tone="success">{t("saved")}</Notice>}
        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-4">
            <Field label={t("heading")} htmlFor="fax-cover-heading" hint={t("headingHint")}>
              <Input id="fax-cover-heading" value={heading} maxLength={LINE_LENGTH} onChange={(e) => setHeading(e.target.value)} />
            </Field>
            <Field label={t("lines")} htmlFor="fax-cover-lines" hint={t("linesHint", { n: LINES })}>
              <Textarea id="fax-cover-lines" rows={LINES} value={lines} onChange={(e) => setLines(e.target.value)} invalid={!!problem} />
            </Field>
          </div>
          <Field label={t("footer")} htmlFor="fax-cover-footer" hint={t("footerHint", { used: [...footer].length, n: FOOTER_LENGTH })}>
            <Textarea id="fax-cover-footer" rows={8} value={footer} maxLength={FOOTER_LENGTH} onChange={(e) => setFooter(e.target.value)} />
          </Field>
        </div>
        <div className="flex items-center gap-3">
          <Button variant="primary" type="submit" busy={saving.fetching}>
            {t("save")}
          </Button>
          {/* The saved letterhead: a new address after each save, so the browser does not show the old one. */}
          <a href={`/api/fax-documents/cover-preview?v=${saved}`} target="_blank" rel="noreferrer" className="text-sm text-brand-700 underline">
            {t("preview")}
          </a>
        </div>
      </form>
    </Card>
  );
}
