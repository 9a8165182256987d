"use client";
// A result code's kind as a coloured chip: reached green, retry yellow, failed red (none: a dash).
import { useTranslations } from "next-intl";

type Kind = "REACHED" | "RETRY" | "FAILED";
const KIND_CHIP: Record<Kind, string> = {
  REACHED: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  RETRY: "bg-amber-100 text-amber-800 ring-amber-200",
  FAILED: "bg-red-100 text-red-800 ring-red-200",
};

export function KindChip({ kind }: { kind: Kind | null | undefined }) {
  const t = useTranslations("admin.dispositions.kinds");
  if (!kind) return <span className="text-slate-400">—</span>;
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${KIND_CHIP[kind]}`}>{t(kind)}</span>;
}
