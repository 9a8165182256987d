// The statuses every new organisation starts with, in its language. Admins rename, recolour,
// reorder and add statuses; the category is what the product relies on.
import { LOCALES, type Locale } from "../shared/locale.ts";
import type { Translations } from "../shared/localized-name.ts";

export type StatusCategory = "NEW" | "OPEN" | "PENDING" | "RESOLVED" | "CLOSED";
export const STATUS_CATEGORIES: StatusCategory[] = ["NEW", "OPEN", "PENDING", "RESOLVED", "CLOSED"];

const NAMES: Record<Locale, { process: string; statuses: Record<StatusCategory, string>; missedOffers: string }> = {
  en: {
    process: "Default",
    statuses: { NEW: "New", OPEN: "Open", PENDING: "Waiting for customer", RESOLVED: "Resolved", CLOSED: "Closed" },
    missedOffers: "Missed offers",
  },
  pl: {
    process: "Domyślny",
    statuses: { NEW: "Nowa", OPEN: "W toku", PENDING: "Czeka na klienta", RESOLVED: "Rozwiązana", CLOSED: "Zamknięta" },
    missedOffers: "Nieodebrane oferty",
  },
  ru: {
    process: "Основной",
    statuses: { NEW: "Новое", OPEN: "В работе", PENDING: "Ждёт клиента", RESOLVED: "Решено", CLOSED: "Закрыто" },
    missedOffers: "Пропущенные предложения",
  },
};

const COLORS: Record<StatusCategory, string> = { NEW: "#2563eb", OPEN: "#d97706", PENDING: "#7c3aed", RESOLVED: "#059669", CLOSED: "#64748b" };

/** The other languages' words for what `pick` names, so every viewer reads the built-in names in theirs. */
function others(locale: Locale, pick: (n: (typeof NAMES)[Locale]) => string): Translations {
  return Object.fromEntries(LOCALES.filter((l) => l !== locale).map((l) => [l, pick(NAMES[l])]));
}

export function defaultProcess(locale: Locale) {
  const n = NAMES[locale];
  return {
    name: n.process,
    statuses: STATUS_CATEGORIES.map((category, i) => ({
      name: n.statuses[category],
      translations: others(locale, (o) => o.statuses[category]),
      color: COLORS[category],
      category,
      sortOrder: i,
    })),
  };
}

/** The pause reason the ACD sets when an agent lets offers time out (domain/routing/expire-offers.ts). */
export const MISSED_OFFERS = "MISSED_OFFERS";
export const missedOffersPauseName = (locale: Locale) => NAMES[locale].missedOffers;
export const missedOffersPauseTranslations = (locale: Locale) => others(locale, (o) => o.missedOffers);
