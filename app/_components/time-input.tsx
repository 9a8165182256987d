"use client";
// A time-of-day field that speaks the user's language, not the browser's: the 24-hour clock
// ("08:30", never "8:30 AM" in a US browser) and a placeholder in their words. It reads what people
// type ("8.30", "0830", "17"). The value is HH:MM ("" for none), like <input type="time">.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { formatClock, parseClock } from "../../domain/shared/date-format.ts";
import { useDates } from "../_client/use-dates.ts";

interface Props {
  id?: string;
  value: string;
  onChange: (time: string) => void;
  disabled?: boolean;
  "aria-label"?: string;
  className?: string;
}

export function TimeInput({ id, value, onChange, disabled, className, ...aria }: Props) {
  const t = useTranslations("common.timeInput");
  const { locale } = useDates();
  const [text, setText] = useState(formatClock(value, locale));
  // The value changed from outside: show it (but not over what is being typed: "1" on the way to "17").
  useEffect(() => {
    setText((typed) => (parseClock(typed) === value ? typed : formatClock(value, locale)));
  }, [value, locale]);

  const invalid = text.trim() !== "" && !parseClock(text);

  const type = (next: string) => {
    setText(next);
    const time = next.trim() ? parseClock(next) : "";
    if (time !== null && time !== value) onChange(time);
  };

  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      disabled={disabled}
      value={text}
      placeholder={t("placeholder")}
      aria-invalid={invalid || undefined}
      onChange={(e) => type(e.target.value)}
      onBlur={() => !invalid && setText(formatClock(value, locale))}
      className={`block rounded-md border-0 px-2 py-1.5 text-sm text-slate-900 tabular-nums ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid]:ring-red-500 ${className ?? ""}`}
      {...aria}
    />
  );
}
