"use client";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Input } from "./field.tsx";

export interface Person {
  id: string;
  name: string;
  username: string;
}

/**
 * Choose members from the organisation's users, each with a setting of its own (team lead,
 * skill level...). `members` maps user id to that setting.
 */
export function MemberPicker<T>({
  people,
  members,
  onChange,
  defaultSetting,
  renderSetting,
  settingLabel,
}: {
  people: Person[];
  members: Map<string, T>;
  onChange: (next: Map<string, T>) => void;
  defaultSetting: T;
  renderSetting: (value: T, set: (v: T) => void, person: Person) => ReactNode;
  settingLabel: string;
}) {
  const t = useTranslations("common");
  const [filter, setFilter] = useState("");
  const shown = people.filter((p) => `${p.name} ${p.username}`.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (id: string, on: boolean) => {
    const next = new Map(members);
    if (on) next.set(id, defaultSetting);
    else next.delete(id);
    onChange(next);
  };
  return (
    <div className="space-y-2">
      <Input type="search" placeholder={t("filterPeople")} aria-label={t("filterPeople")} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="max-h-72 overflow-y-auto rounded-md ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">{t("member")}</th>
              <th className="px-3 py-2 font-medium">{settingLabel}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((p) => {
              const on = members.has(p.id);
              return (
                <tr key={p.id}>
                  <td className="px-3 py-1.5">
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={on}
                        onChange={(e) => toggle(p.id, e.target.checked)}
                        className="size-4 rounded border-slate-300"
                        aria-label={p.name}
                      />
                      <span>
                        {p.name} <span className="text-xs text-slate-500">{p.username}</span>
                      </span>
                    </label>
                  </td>
                  <td className="px-3 py-1.5">{on ? renderSetting(members.get(p.id) as T, (v) => onChange(new Map(members).set(p.id, v)), p) : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">{t("selectedCount", { count: members.size })}</p>
    </div>
  );
}
