"use client";
// The result codes an attempt may be closed with.
import { useTranslations } from "next-intl";
import type { ScriptDefinition } from "../../../../../domain/scripts/definition.ts";
import { Button } from "../../../../_components/button.tsx";
import { Input } from "../../../../_components/field.tsx";
import { Card } from "../../../../_components/page.tsx";

type Codes = ScriptDefinition["resultCodes"];

export function ResultCodesEditor({ codes, onChange }: { codes: Codes; onChange: (c: Codes) => void }) {
  const t = useTranslations("scripts.admin");
  const q = useTranslations("scripts.question");
  return (
    <Card title={t("resultCodes")}>
      <div className="space-y-2">
        {codes.map((c, i) => (
          <div key={i} className="flex gap-2">
            <Input aria-label={`${t("code")} ${i + 1}`} className="w-36" value={c.code} onChange={(e) => onChange(codes.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))} />
            <Input aria-label={`${t("label")} ${i + 1}`} value={c.label} onChange={(e) => onChange(codes.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
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
