import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { ERROR_REASONS } from "../domain/shared/errors.ts";
import en from "./en.json";
import pl from "./pl.json";
import ru from "./ru.json";

type Tree = { [k: string]: string | Tree };
const flatten = (t: Tree, prefix = ""): Record<string, string> =>
  Object.fromEntries(Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))));

const locales = { en: flatten(en), pl: flatten(pl), ru: flatten(ru) };

describe("translations", () => {
  it("every reason an error can give is said in words in each language (not just its code's general text)", () => {
    for (const [locale, messages] of Object.entries(locales))
      expect(ERROR_REASONS.filter((r) => !messages[`errors.reason.${r}`]), locale).toEqual([]);
  });

  it("every screen text exists in Polish, English and Russian", () => {
    const keys = Object.keys(locales.en).sort();
    expect(Object.keys(locales.pl).sort()).toEqual(keys);
    expect(Object.keys(locales.ru).sort()).toEqual(keys);
  });

  it("every message is valid ICU with the same placeholders as English", () => {
    const vars = (m: string) =>
      [...m.matchAll(/\{\s*(\w+)\s*[,}]/g)]
        .map((x) => x[1])
        .filter((v, i, a) => a.indexOf(v) === i)
        .sort();
    // Problems collected and compared once: thousands of expect() calls took over 5 s on a loaded machine.
    const problems: string[] = [];
    for (const [locale, messages] of Object.entries(locales)) {
      for (const [key, message] of Object.entries(messages)) {
        try {
          new IntlMessageFormat(message, locale);
        } catch (e) {
          problems.push(`${locale} ${key}: ${(e as Error).message}`);
        }
        if (vars(message).join() !== vars(locales.en[key]).join()) problems.push(`${locale} ${key}: placeholders ${vars(message)} vs ${vars(locales.en[key])}`);
      }
    }
    expect(problems).toEqual([]);
  }, 30_000);
});
