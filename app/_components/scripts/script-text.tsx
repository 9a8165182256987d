import { useTranslations } from "next-intl";
import type { TextPart } from "../../../domain/shared/placeholders.ts";

/** A question's text with the contact's fields marked, and a missing one shown as a gap. */
export function ScriptText({ parts }: { parts: TextPart[] }) {
  const t = useTranslations("scripts.runner");
  return (
    <>
      {parts.map((p, i) =>
        p.kind === "text" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "field" ? (
          <mark key={i} className="rounded bg-brand-50 px-0.5 text-inherit">
            {p.value}
          </mark>
        ) : (
          <mark key={i} className="rounded bg-amber-100 px-1 text-amber-900" title={t("gapTitle", { field: p.field })}>
            [{t("gap", { field: p.field })}]
          </mark>
        ),
      )}
    </>
  );
}
