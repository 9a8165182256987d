"use client";
// A queue's wall-board settings: its service-level target (answered within N s, for N % of calls)
// and the values from which its tile turns amber and red (domain/wallboard/board-settings.ts).
import { useTranslations } from "next-intl";
import { Field, Input } from "../../../_components/field.tsx";

type Band = { amber: string; red: string };
export type WallboardValue = { slTargetSeconds: string; slTargetPercent: string; waiting: Band; longestWait: Band; serviceLevel: Band };
type Stored = { slTargetSeconds?: number; slTargetPercent?: number } & Partial<
  Record<"waiting" | "longestWait" | "serviceLevel", { amber: number | null; red: number | null }>
>;

const text = (n: number | null | undefined) => (n == null ? "" : String(n));
const band = (b: { amber: number | null; red: number | null } | undefined): Band => ({ amber: text(b?.amber), red: text(b?.red) });
/** Empty: none; a typed whole number; anything else -1, which the server refuses in words. */
const num = (v: string) => (v.trim() === "" ? null : /^\s*\d+\s*$/.test(v) ? Number(v) : -1);

export function wallboardValue(stored: unknown): WallboardValue {
  const s = (stored ?? {}) as Stored;
  return {
    slTargetSeconds: text(s.slTargetSeconds ?? 20),
    slTargetPercent: text(s.slTargetPercent ?? 80),
    waiting: band(s.waiting),
    longestWait: band(s.longestWait),
    serviceLevel: band(s.serviceLevel),
  };
}

export function wallboardInput(v: WallboardValue) {
  const b = (x: Band) => ({ amber: num(x.amber), red: num(x.red) });
  return {
    slTargetSeconds: num(v.slTargetSeconds) ?? 20,
    slTargetPercent: num(v.slTargetPercent) ?? 80,
    waiting: b(v.waiting),
    longestWait: b(v.longestWait),
    serviceLevel: b(v.serviceLevel),
  };
}

export function WallboardFields({ value, onChange, error }: { value: WallboardValue; onChange: (v: WallboardValue) => void; error: string | null }) {
  const t = useTranslations("admin.queues.wallboard");
  const bandRow = (key: "waiting" | "longestWait" | "serviceLevel") => (
    <tr key={key}>
      <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-700">
        {t(key)}
      </th>
      {(["amber", "red"] as const).map((c) => (
        <td key={c} className="py-1 pr-3">
          <Input
            type="number"
            min={0}
            aria-label={`${t(key)} — ${t(c)}`}
            value={value[key][c]}
            onChange={(e) => onChange({ ...value, [key]: { ...value[key], [c]: e.target.value } })}
            className="w-24"
          />
        </td>
      ))}
    </tr>
  );
  return (
    <fieldset className="space-y-3 rounded-lg bg-slate-50 p-4" data-testid="wallboard-fields">
      <legend className="px-1 text-sm font-semibold text-slate-800">{t("legend")}</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("slTargetSeconds")} htmlFor="queue-sl-seconds" hint={t("slTargetSecondsHint")}>
          <Input
            id="queue-sl-seconds"
            type="number"
            min={1}
            max={3600}
            value={value.slTargetSeconds}
            onChange={(e) => onChange({ ...value, slTargetSeconds: e.target.value })}
          />
        </Field>
        <Field label={t("slTargetPercent")} htmlFor="queue-sl-percent">
          <Input
            id="queue-sl-percent"
            type="number"
            min={1}
            max={100}
            value={value.slTargetPercent}
            onChange={(e) => onChange({ ...value, slTargetPercent: e.target.value })}
          />
        </Field>
      </div>
      <table className="text-sm">
        <thead>
          <tr>
            <th />
            <th className="pr-3 text-left font-medium text-amber-700">{t("amber")}</th>
            <th className="pr-3 text-left font-medium text-red-700">{t("red")}</th>
          </tr>
        </thead>
        <tbody>{(["waiting", "longestWait", "serviceLevel"] as const).map(bandRow)}</tbody>
      </table>
      <p className="text-xs text-slate-500">{t("bandsHint")}</p>
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
