// The language of a page: the user's choice (cookie set at sign-in and by the switcher), else
// the browser's preference, else Polish. No locale in the URL: one address per screen.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE } from "../lib/i18n-cookie.ts";
import { type Locale, LOCALES, isLocale } from "../domain/shared/locale.ts";

export const DEFAULT_LOCALE: Locale = "pl";

function fromAcceptLanguage(header: string | null): Locale | null {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0].trim().slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(tag)) return tag as Locale;
  }
  return null;
}

export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : (fromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE);
  return { locale, messages: (await import(`../messages/${locale}.json`)).default, timeZone: "Europe/Warsaw" };
});
