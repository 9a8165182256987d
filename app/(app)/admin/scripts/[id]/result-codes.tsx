"use client";
// The result codes an attempt may be closed with, each optionally given a disposition: a call
// closed with the code gets it (unless the agent chose one), and a campaign's attempt follows its kind.
import { useTranslations } from "next-intl";
import type { ScriptDefinition } from "../../../../../domain/scripts/definition.ts";
import { Button } from "../../../../_components/button.tsx";
import { Input, Select } from "../../../../_components/field.tsx";
import { Card } from "../../../../_components/page.tsx";

type Codes = ScriptDefinition["resultCodes"];

type Disposition = { id: string; name: string };

export function ResultCodesEditor({ codes, dispositions, onChange }: { codes: Codes; dispositions: Disposition[] | undefined; onChange: (c: Codes) => void }) {
  const t = useTranslations("scripts.admin");
  const q = useTranslations("scripts.question");
  const change = (i: number, patch: Partial<Codes[number]>) => onChange(codes.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Card title={t("resultCodes")}>
      <div className="space-y-2">
        {codes.length > 0 && <p className="text-xs text-slate-500">{t("dispositionHint")}</p>}
        {codes.map((c, i) => (
          <div key={i} className="flex gap-2">
            <Input aria-label={`${t("code")} ${i + 1}`} className="w-36" value={c.code} onChange={(e) => change(i, { code: e.target.value })} />
            <Input aria-label={`${t("label")} ${i + 1}`} value={c.label} onChange={(e) => change(i, { label: e.target.value })} />
            <Select
              aria-label={`${t("disposition")} ${i + 1}`}
              className="w-56"
              value={c.dispositionId ?? ""}
              onChange={(e) => change(i, { dispositionId: e.target.value || undefined })}
            >
              <option value="">{t("noDisposition")}</option>
              {/* Named before the list came, or archived since: shown, not silently dropped. */}
              {c.dispositionId && !dispositions?.some((d) => d.id === c.dispositionId) && (
                <option value={c.dispositionId}>{dispositions ? t("archivedDisposition") : "…"}</option>
              )}
              {dispositions?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
            <Button size="sm" variant="ghost" onClick={() => onChange(codes.filter((_, j) => j !== i))}>
              {q("remove")}
            </Button>
          </div>
        ))}
        <Button size="sm" onClick={() => onChange([...codes, { code: `R${codes.length + 1}`, label: "" }])}>
          {t("addResultCode")}
        </Button>
      </div>
    </Card>
  );
}
