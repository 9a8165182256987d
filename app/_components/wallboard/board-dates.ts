"use client";
import { useLocale } from "next-intl";
import { type DateStyle, formatDate } from "../../../domain/shared/date-format.ts";
import { isLocale } from "../../../domain/shared/locale.ts";

/** Times on the board in the viewer's language and the organisation's time zone (a TV has no staff session to give it). */
export function useBoardDates(timeZone: string) {
  const l = useLocale();
  const locale = isLocale(l) ? l : "en";
  return { locale, format: (at: Date | string | number, style: DateStyle) => formatDate(at, style, locale, timeZone) };
}
