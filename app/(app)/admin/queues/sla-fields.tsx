"use client";
// A queue's service levels: first-response and resolution targets (for all its channels, and a
// channel's own where it differs), and the hours they count in (domain/queues/sla-settings.ts).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMe } from "../../../_client/me.tsx";
import { Input, Select } from "../../../_components/field.tsx";
import { HoursEditor } from "../chat-widgets/hours-editor.tsx";
import type { WidgetSettings } from "../chat-widgets/widget-settings.ts";

type Channel = "VOICE" | "CHAT" | "EMAIL" | "SMS" | "FAX";
type Pair = { firstResponseMinutes: number | null; resolutionMinutes: number | null };
export type SlaValue = Pair & { channels: Partial<Record<Channel, Pair>>; businessHours: WidgetSettings["businessHours"] };

const NONE: SlaValue = { firstResponseMinutes: null, resolutionMinutes: null, channels: {}, businessHours: { enabled: false, days: {}, holidays: [] } };
const UNITS = [
  ["days", 1440],
  ["hours", 60],
  ["minutes", 1],
] as const;

/** What the queue has stored (the server always answers with every key). */
export function slaValue(stored: unknown): SlaValue {
  return stored && typeof stored === "object" ? { ...NONE, ...(stored as Partial<SlaValue>) } : NONE;
}

/** The settings to send: channel rows left empty are dropped. */
export function slaInput(v: SlaValue): SlaValue {
  const channels = Object.fromEntries(
    Object.entries(v.channels).filter(([, p]) => p && (p.firstResponseMinutes !== null || p.resolutionMinutes !== null)),
  ) as SlaValue["channels"];
  return { ...v, channels };
}

export function SlaFields({
  value,
  onChange,
  channels,
  error,
}: {
  value: SlaValue;
  onChange: (v: SlaValue) => void;
  channels: Channel[];
  error: string | null;
}) {
  const timeZone = useMe().organization.timezone;
  const t = useTranslations("admin.queues.sla");
  const tch = useTranslations("channel");
  const row = (label: string, pair: Pair, set: (p: Pair) => void, id: string) => (
    <tr key={id}>
      <th scope="row" className="py-1 pr-3 text-left font-medium text-slate-700">
        {label}
      </th>
      <td className="py-1 pr-3">
        <Duration id={`${id}-first`} label={`${label}: ${t("firstResponse")}`} minutes={pair.firstResponseMinutes} onChange={(m) => set({ ...pair, firstResponseMinutes: m })} />
      </td>
      <td className="py-1">
        <Duration id={`${id}-resolution`} label={`${label}: ${t("resolution")}`} minutes={pair.resolutionMinutes} onChange={(m) => set({ ...pair, resolutionMinutes: m })} />
      </td>
    </tr>
  );
  const none: Pair = { firstResponseMinutes: null, resolutionMinutes: null };
  return (
    <fieldset className="space-y-3 rounded-lg bg-slate-50 p-4" data-testid="queue-sla">
      <legend className="px-1 text-sm font-semibold text-slate-800">{t("title")}</legend>
      <p className="text-sm text-slate-600">{t("explain")}</p>
      <table className="text-sm">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th />
            <th className="pb-1 font-medium">{t("firstResponse")}</th>
            <th className="pb-1 font-medium">{t("resolution")}</th>
          </tr>
        </thead>
        <tbody>
          {row(t("allChannels"), value, (p) => onChange({ ...value, ...p }), "sla-all")}
          {channels.length > 1 &&
            channels.map((c) =>
              row(tch(c), value.channels[c] ?? none, (p) => onChange({ ...value, channels: { ...value.channels, [c]: p } }), `sla-${c.toLowerCase()}`),
            )}
        </tbody>
      </table>
      {channels.length > 1 && <p className="text-xs text-slate-500">{t("channelHint")}</p>}
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
      <HoursEditor value={value.businessHours} onChange={(h) => onChange({ ...value, businessHours: h })} enabledLabel={t("hoursEnabled")} />
      <p className="text-xs text-slate-500">{t("hoursHint", { timeZone })}</p>
    </fieldset>
  );
}

/** A duration typed as a number of minutes, hours or days; empty: no target. */
function Duration({ id, label, minutes, onChange }: { id: string; label: string; minutes: number | null; onChange: (m: number | null) => void }) {
  const t = useTranslations("admin.queues.sla.units");
  const [unit, setUnit] = useState<(typeof UNITS)[number][0]>((UNITS.find(([, s]) => minutes !== null && minutes % s === 0) ?? UNITS[1])[0]);
  const size = UNITS.find(([u]) => u === unit)![1];
  const shown = minutes === null ? "" : String(minutes / size);
  const set = (amount: string, s: number) => {
    const n = Number(amount.replace(",", "."));
    // A bad number is sent as it is (-1), and the server refuses it in words.
    onChange(amount.trim() === "" ? null : Number.isFinite(n) ? Math.round(n * s) : -1);
  };
  return (
    <div className="flex items-center gap-1">
      <Input id={id} type="number" min={1} value={shown} aria-label={label} onChange={(e) => set(e.target.value, size)} className="w-24 py-1" placeholder="—" />
      <Select aria-label={`${label}: ${t("unit")}`} value={unit} onChange={(e) => {
          const next = UNITS.find(([u]) => u === e.target.value)!;
          setUnit(next[0]);
          if (minutes !== null) onChange(Math.round((minutes / size) * next[1]));
        }} className="w-28 py-1">
        {UNITS.map(([u]) => (
          <option key={u} value={u}>
            {t(u)}
          </option>
        ))}
      </Select>
    </div>
  );
}
