// Names admins give things people choose from (pause reasons, dispositions, case statuses) may come
// in each language: every viewer reads theirs, else the default name. Pure.
import { z } from "zod";
import { LOCALES, type Locale } from "./locale.ts";

export type Translations = Partial<Record<Locale, string>>;

/** Optional names per language; blanks are dropped, so "" removes a translation. */
export const translationsSchema = z
  .partialRecord(z.enum(LOCALES), z.string().trim().max(60, "at most 60 characters"))
  .default({})
  .transform((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v)) as Translations);

export function readTranslations(stored: unknown): Translations {
  const parsed = translationsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

export function localizedName(name: string, translations: unknown, locale: Locale): string {
  return readTranslations(translations)[locale] || name;
}
