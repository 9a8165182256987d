"use client";
// A queue's wall-board colours: the values from which its tile turns amber and red
// (domain/wallboard/board-settings.ts). Its service-level target is set with its other targets.
import { useTranslations } from "next-intl";
import { Input } from "../../../_components/field.tsx";

type Band = { amber: string; red: string };
export type WallboardValue = { waiting: Band; longestWait: Band; serviceLevel: Band };
type Stored = Partial<Record<"waiting" | "longestWait" | "serviceLevel", { amber: number | null; red: number | null }>>;

const text = (n: number | null | undefined) => (n == null ? "" : String(n));
const band = (b: { amber: number | null; red: number | null } | undefined): Band => ({ amber: text(b?.amber), red: text(b?.red) });
/** Empty: none; a typed whole number; anything else -1, which the server refuses in words. */
const num = (v: string) => (v.trim() === "" ? null : /^\s*\d+\s*$/.test(v) ? Number(v) : -1);

export function wallboardValue(stored: unknown): WallboardValue {
  const s = (stored ?? {}) as Stored;
  return {
    waiting: band(s.waiting),
    longestWait: band(s.longestWait),
    serviceLevel: band(s.serviceLevel),
  };
}

export function wallboardInput(v: WallboardValue) {
  const b = (x: Band) => ({ amber: num(x.amber), red: num(x.red) });
  return {
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
