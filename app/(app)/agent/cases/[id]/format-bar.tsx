"use client";
// Light formatting for e-mail replies: buttons that put **bold**, *italic*, [links](…) and "- "
// lists around the selected text; the outbox turns them into the HTML part (compose-email.ts).
import { useTranslations } from "next-intl";
import type { RefObject } from "react";

type Mark = "bold" | "italic" | "link" | "list";

export function applyMark(value: string, start: number, end: number, mark: Mark): { value: string; start: number; end: number } {
  const chosen = value.slice(start, end);
  const wrap = (before: string, after: string, placeholder: string) => {
    const inner = chosen || placeholder;
    return {
      value: value.slice(0, start) + before + inner + after + value.slice(end),
      start: start + before.length,
      end: start + before.length + inner.length,
    };
  };
  switch (mark) {
    case "bold":
      return wrap("**", "**", "bold");
    case "italic":
      return wrap("*", "*", "italic");
    case "link":
      return wrap("[", "](https://)", "link");
    case "list": {
      const lineStart = value.lastIndexOf("\n", start - 1) + 1;
      const block = value.slice(lineStart, end) || "";
      const listed = block
        .split("\n")
        .map((l) => (l.startsWith("- ") ? l : `- ${l}`))
        .join("\n");
      return { value: value.slice(0, lineStart) + listed + value.slice(end), start: lineStart, end: lineStart + listed.length };
    }
  }
}

export function FormatBar({ target, value, onChange }: { target: RefObject<HTMLTextAreaElement | null>; value: string; onChange: (v: string) => void }) {
  const t = useTranslations("case.email.format");
  const apply = (mark: Mark) => {
    const el = target.current;
    const r = applyMark(value, el?.selectionStart ?? value.length, el?.selectionEnd ?? value.length, mark);
    onChange(r.value);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(r.start, r.end);
    });
  };
  const button = (mark: Mark, label: string, className = "") => (
    <button
      key={mark}
      type="button"
      title={t(mark)}
      aria-label={t(mark)}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => apply(mark)}
      className={`min-w-7 rounded px-1.5 py-0.5 text-sm text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100 ${className}`}
    >
      {label}
    </button>
  );
  return (
    <span className="flex items-center gap-1" role="toolbar" aria-label={t("toolbar")} title={t("hint")}>
      {button("bold", "B", "font-bold")}
      {button("italic", "I", "italic")}
      {button("link", "↗", "underline")}
      {button("list", "≡")}
    </span>
  );
}
