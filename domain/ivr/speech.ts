// What a prompt says, as text for the speech synthesiser: the prompt's words with its variables
// filled in the caller's language — numbers as words (the synthesiser reads digits as a number
// in its language), a code or account number digit by digit, and amounts of money with the
// currency's name in the right grammatical form ("125 złotych", "1 złoty", "22 złote").
// Pure: the media role turns the text into audio.

export type Language = "pl" | "en" | "ru";
export const LANGUAGES: readonly Language[] = ["pl", "en", "ru"];

/** A currency's name by plural category (Intl.PluralRules) in each language, and its 1/100 part. */
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
const CURRENCIES: Record<string, Record<Language, { main: Forms; minor: Forms }>> = {
  PLN: {
    pl: { main: { one: "złoty", few: "złote", many: "złotych", other: "złotego" }, minor: { one: "grosz", few: "grosze", many: "groszy", other: "grosza" } },
    en: { main: { one: "zloty", other: "zlotys" }, minor: { one: "grosz", other: "groszy" } },
    ru: { main: { one: "злотый", few: "злотых", many: "злотых", other: "злотого" }, minor: { one: "грош", few: "гроша", many: "грошей", other: "гроша" } },
  },
  EUR: {
    pl: { main: { one: "euro", other: "euro" }, minor: { one: "cent", few: "centy", many: "centów", other: "centa" } },
    en: { main: { one: "euro", other: "euros" }, minor: { one: "cent", other: "cents" } },
    ru: { main: { one: "евро", other: "евро" }, minor: { one: "цент", few: "цента", many: "центов", other: "цента" } },
  },
  USD: {
    pl: { main: { one: "dolar", few: "dolary", many: "dolarów", other: "dolara" }, minor: { one: "cent", few: "centy", many: "centów", other: "centa" } },
    en: { main: { one: "dollar", other: "dollars" }, minor: { one: "cent", other: "cents" } },
    ru: { main: { one: "доллар", few: "доллара", many: "долларов", other: "доллара" }, minor: { one: "цент", few: "цента", many: "центов", other: "цента" } },
  },
  RUB: {
    pl: { main: { one: "rubel", few: "ruble", many: "rubli", other: "rubla" }, minor: { one: "kopiejka", few: "kopiejki", many: "kopiejek", other: "kopiejki" } },
    en: { main: { one: "rouble", other: "roubles" }, minor: { one: "kopek", other: "kopeks" } },
    ru: { main: { one: "рубль", few: "рубля", many: "рублей", other: "рубля" }, minor: { one: "копейка", few: "копейки", many: "копеек", other: "копейки" } },
  },
};
export const CURRENCY_CODES = Object.keys(CURRENCIES);

const plural = (language: Language, n: number) => new Intl.PluralRules(language).select(n);
const form = (forms: Forms, language: Language, n: number) => forms[plural(language, n)] ?? forms.other;

/** An amount of money in words the synthesiser reads right: "125 złotych 50 groszy". */
export function sayAmount(amount: number, currency: string, language: Language): string {
  const names = CURRENCIES[currency]?.[language];
  const minorTotal = Math.round(Math.abs(amount) * 100);
  const main = Math.floor(minorTotal / 100);
  const minor = minorTotal % 100;
  const sign = amount < 0 ? { pl: "minus ", en: "minus ", ru: "минус " }[language] : "";
  if (!names) return `${sign}${main}${minor ? `.${String(minor).padStart(2, "0")}` : ""} ${currency}`;
  const whole = `${sign}${main} ${form(names.main, language, main)}`;
  return minor ? `${whole} ${minor} ${form(names.minor, language, minor)}` : whole;
}

/** A number read digit by digit ("4 4 1 2"): account numbers, codes, PINs being confirmed. */
export function sayDigits(value: string): string {
  return [...value.replace(/[^0-9*#]/g, "")].join(" ");
}

/**
 * Fills `{name}`, `{name:digits}`, `{name:number}` and `{name:amount:PLN}` in a prompt's text. A
 * variable with no value is left out (the caller hears the rest), never read as its name.
 */
export function fillPrompt(text: string, vars: Record<string, string | number | null | undefined>, language: Language): string {
  const filled = text.replace(/\{([a-zA-Z_][\w.]*)(?::(digits|number|amount)(?::([A-Z]{3}))?)?\}/g, (_m, name: string, kind?: string, currency?: string) => {
    const raw = vars[name];
    if (raw === null || raw === undefined || raw === "") return "";
    const value = String(raw);
    if (kind === "digits") return sayDigits(value);
    const n = Number(value.replace(",", "."));
    if (kind === "amount") return Number.isFinite(n) ? sayAmount(n, currency ?? "PLN", language) : value;
    if (kind === "number") return Number.isFinite(n) ? String(n) : value;
    return value;
  });
  return filled.replace(/\s{2,}/g, " ").trim();
}
