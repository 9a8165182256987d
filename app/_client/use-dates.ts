"use client";
// The one way screens show dates and times (domain/shared/date-format.ts): the user's language's
// conventions and the time zone the nearest NextIntlClientProvider gives (the organisation's on
// staff screens, the visitor's own in the widget).
import { useLocale, useTimeZone } from "next-intl";
import { useMemo } from "react";
import { type DateStyle, formatDate } from "../../domain/shared/date-format.ts";
import { type Locale, isLocale } from "../../domain/shared/locale.ts";

export function useDates() {
  const l = useLocale();
  const locale: Locale = isLocale(l) ? l : "en";
  const timeZone = useTimeZone() ?? "Europe/Warsaw";
  return useMemo(
    () => ({
      locale,
      timeZone,
      format: (at: Date | string | number, style: DateStyle) => formatDate(at, style, locale, timeZone),
    }),
    [locale, timeZone],
  );
}

