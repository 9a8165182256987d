"use client";
// A queue's members with their skill level (1–10): the queues' editor and a campaign's (whose
// agents are its queue's members) choose them the same way.
import { useTranslations } from "next-intl";
import { Select } from "../../../_components/field.tsx";
import { MemberPicker, type Person } from "../../../_components/member-picker.tsx";

export function SkillPicker({ people, members, onChange }: { people: Person[]; members: Map<string, number>; onChange: (next: Map<string, number>) => void }) {
  const t = useTranslations("admin.queues");
  return (
    <MemberPicker
      people={people}
      members={members}
      onChange={onChange}
      defaultSetting={5}
      settingLabel={t("skill")}
      renderSetting={(level, set, p) => (
        <Select value={level} onChange={(e) => set(Number(e.target.value))} aria-label={t("skillOf", { name: p.name })} className="w-24 py-1">
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      )}
    />
  );
}
