"use client";
// A date field that speaks the user's language, not the browser's: it shows and reads the date in
// their format (04/12/2026, 04.12.2026) and its calendar names months and days in their language,
// Monday first. The value is a calendar day, YYYY-MM-DD ("" for none), like <input type="date">.
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { calendarNames, formatDay, parseDay } from "../../domain/shared/date-format.ts";
import { wallClock } from "../../domain/shared/wall-clock.ts";
import { useDates } from "../_client/use-dates.ts";

interface Props {
  id?: string;
  value: string;
  onChange: (day: string) => void;
  min?: string;
  max?: string;
  disabled?: boolean;
  "aria-label"?: string;
  className?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`;

export function DateInput({ id, value, onChange, min, max, disabled, className, ...aria }: Props) {
  const t = useTranslations("common.dateInput");
  const { locale } = useDates();
  const [text, setText] = useState(formatDay(value, locale));
  const [open, setOpen] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const calendarId = useId();
  // The value changed from outside (or the language did): show it.
  useEffect(() => {
    setText(formatDay(value, locale));
    setInvalid(false);
  }, [value, locale]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const type = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setInvalid(false);
      if (value) onChange("");
      return;
    }
    const day = parseDay(next, locale);
    setInvalid(!day);
    if (day && day !== value) onChange(day);
  };

  return (
    <div ref={box} className={`relative inline-flex items-stretch ${className ?? ""}`}>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        disabled={disabled}
        value={text}
        placeholder={t("placeholder")}
        aria-invalid={invalid || undefined}
        onChange={(e) => type(e.target.value)}
        onBlur={() => !invalid && setText(formatDay(value, locale))}
        onKeyDown={(e) => e.key === "ArrowDown" && e.altKey && setOpen(true)}
        className="block w-full min-w-0 rounded-l-md border-0 px-2 py-1.5 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid]:ring-red-500"
        {...aria}
      />
      <button
        type="button"
        disabled={disabled}
        aria-label={t("choose")}
        aria-expanded={open}
        aria-controls={calendarId}
        onClick={() => setOpen(!open)}
        className="-ml-px rounded-r-md px-2 text-slate-500 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:opacity-50"
      >
        <svg viewBox="0 0 20 20" className="size-4" aria-hidden fill="currentColor">
          <path d="M6 2a1 1 0 0 1 1 1v1h6V3a1 1 0 1 1 2 0v1h1a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h1V3a1 1 0 0 1 1-1Zm10 6H4v8h12V8Z" />
        </svg>
      </button>
      {open && (
        <Calendar
          id={calendarId}
          value={value}
          min={min}
          max={max}
          onPick={(day) => {
            onChange(day);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}

function Calendar({ id, value, min, max, onPick }: { id: string; value: string; min?: string; max?: string; onPick: (day: string) => void }) {
  const t = useTranslations("common.dateInput");
  const { locale, timeZone } = useDates();
  const today = wallClock(timeZone, new Date()).date;
  const start = value || today;
  const [month, setMonth] = useState({ y: Number(start.slice(0, 4)), m: Number(start.slice(5, 7)) - 1 });
  const names = calendarNames(locale);
  const first = new Date(Date.UTC(month.y, month.m, 1));
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const days = new Date(Date.UTC(month.y, month.m + 1, 0)).getUTCDate();
  const move = (delta: number) => setMonth(({ y, m }) => ({ y: y + Math.floor((m + delta) / 12), m: (((m + delta) % 12) + 12) % 12 }));
  return (
    <div id={id} role="dialog" aria-label={t("choose")} className="absolute top-full left-0 z-20 mt-1 w-64 rounded-lg bg-white p-3 shadow-lg ring-1 ring-slate-200" data-testid="calendar">
      <div className="mb-2 flex items-center justify-between">
        <button type="button" onClick={() => move(-1)} aria-label={t("previous")} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
          ‹
        </button>
        <span className="text-sm font-medium text-slate-900" data-testid="calendar-month">
          {names.months[month.m]} {month.y}
        </span>
        <button type="button" onClick={() => move(1)} aria-label={t("next")} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
          ›
        </button>
      </div>
      <div className="grid grid-cols-7 gap-0.5 text-center text-xs">
        {names.weekdays.map((w) => (
          <span key={w} className="py-1 font-medium text-slate-500">
            {w}
          </span>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <span key={`lead-${i}`} />
        ))}
        {Array.from({ length: days }, (_, i) => {
          const day = iso(month.y, month.m, i + 1);
          const off = (min && day < min) || (max && day > max);
          return (
            <button
              key={day}
              type="button"
              disabled={!!off}
              aria-pressed={day === value}
              aria-label={formatDay(day, locale)}
              onClick={() => onPick(day)}
              className={`rounded py-1 text-sm hover:bg-slate-100 disabled:text-slate-300 aria-pressed:bg-brand-600 aria-pressed:text-white ${day === today ? "font-semibold text-brand-700" : "text-slate-800"}`}
            >
              {i + 1}
            </button>
          );
        })}
      </div>
    </div>
  );
}
