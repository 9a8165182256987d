import { describe, expect, it } from "vitest";
import { decodeText, decodedSlices, detectEncoding } from "./text-encoding.ts";

const cp1250 = (s: string) => {
  const map: Record<string, number> = { ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf, Ł: 0xa3, Ż: 0xaf, Ś: 0x8c };
  return Uint8Array.from([...s].map((c) => map[c] ?? c.charCodeAt(0)));
};
const cp1251 = (s: string) => Uint8Array.from([...s].map((c) => (c >= "А" && c <= "я" ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))));

describe("detectEncoding", () => {
  it("takes UTF-8 with or without a byte-order mark", () => {
    const bytes = new TextEncoder().encode("imię;telefon\nŁucja;601234567\n");
    expect(detectEncoding(bytes)).toBe("utf-8");
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toBe("utf-8");
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]), "utf-8")).toBe("imię;telefon\nŁucja;601234567\n");
  });
  it("tells Polish Windows-1250 from Russian Windows-1251", () => {
    const pl = cp1250("imię;nazwisko;telefon\nŁucja;Żółć;601234567\nŚwiętosław;Ważny;602\n");
    expect(detectEncoding(pl)).toBe("windows-1250");
    expect(decodeText(pl, "windows-1250")).toContain("Łucja;Żółć");
    const ru = cp1251("Имя;Телефон\nАнна Петрова;89161234567\nБорис;89167654321\n");
    expect(detectEncoding(ru)).toBe("windows-1251");
    expect(decodeText(ru, "windows-1251")).toContain("Анна Петрова");
  });
  it("a file read in the wrong encoding shows replacement-free but wrong letters (the admin may choose)", () => {
    const pl = cp1250("Łucja;601234567\n");
    expect(decodeText(pl, "windows-1251")).not.toContain("Łucja");
    expect(decodeText(pl, "utf-8")).toContain("\ufffd");
  });
  it("decodes in slices without breaking a character that a slice's end cuts, and drops the byte-order mark", () => {
    const text = "Łódź;Ёлка;€\n".repeat(50);
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    for (const size of [1, 2, 3, 7, 1024]) expect([...decodedSlices(bytes, "utf-8", size)].join("")).toBe(text);
    expect([...decodedSlices(cp1250("Żółć\n"), "windows-1250", 2)].join("")).toBe("Żółć\n");
    expect([...decodedSlices(new Uint8Array(), "utf-8")]).toEqual([]);
  });
});
