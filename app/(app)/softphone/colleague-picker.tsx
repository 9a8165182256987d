"use client";
// Whom to call: signed-in colleagues who take calls, with their state; searchable by name.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../_client/graphql.ts";

const Colleagues = graphql(`
  query Colleagues {
    colleagues {
      id
      name
      state
    }
  }
`);

export function ColleaguePicker({ onPick, onClose }: { onPick: (userId: string) => void; onClose: () => void }) {
  const t = useTranslations("softphone");
  const ts = useTranslations("agentState");
  const [{ data, fetching }] = useQuery({ query: Colleagues, requestPolicy: "network-only" });
  const [filter, setFilter] = useState("");
  const shown = (data?.colleagues ?? []).filter((c) => c.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <div className="mb-2 rounded-xl bg-white p-3 shadow-lg ring-1 ring-slate-200" role="dialog" aria-label={t("callColleague")}>
      <input
        autoFocus
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
        placeholder={t("search")}
        aria-label={t("search")}
        className="mb-2 block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset"
      />
      <ul className="max-h-64 overflow-y-auto">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="flex w-full items-center justify-between rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
              onClick={() => onPick(c.id)}
            >
              <span className="font-medium text-slate-900">{c.name}</span>
              <span className="text-xs text-slate-500">{ts.has(c.state) ? ts(c.state) : c.state}</span>
            </button>
          </li>
        ))}
        {!fetching && shown.length === 0 && <li className="px-2 py-1.5 text-sm text-slate-500">{t("nobody")}</li>}
      </ul>
    </div>
  );
}
