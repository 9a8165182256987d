"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE } from "../../lib/i18n-cookie.ts";

const NAMES = { pl: "Polski", en: "English", ru: "Русский" } as const;
type Locale = keyof typeof NAMES;

/** Switches the language of every screen; signed-in users also keep it in their profile. */
export function LanguageSwitcher({ onChange }: { onChange?: (locale: Locale) => Promise<unknown> }) {
  const locale = useLocale() as Locale;
  const t = useTranslations("common");
  const router = useRouter();
  async function change(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
    await onChange?.(next);
    router.refresh();
  }
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">{t("language")}</span>
      <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-none stroke-current" strokeWidth="1.5">
        <circle cx="10" cy="10" r="7.5" />
        <path d="M2.5 10h15M10 2.5c2.2 2.3 2.2 12.7 0 15M10 2.5c-2.2 2.3-2.2 12.7 0 15" />
      </svg>
      <select
        value={locale}
        onChange={(e) => change(e.target.value as Locale)}
        className="rounded-md border-0 bg-transparent py-1 pr-7 pl-1 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500"
        data-testid="language"
      >
        {(Object.keys(NAMES) as Locale[]).map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
