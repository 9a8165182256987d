import { describe, expect, it } from "vitest";
import { FOOTER_COLUMNS, FOOTER_LINES, NOTE_COLUMNS, NOTE_LINES, coverPagePostScript, glyphName, psText, wrapNote, wrapText } from "./cover-page";

describe("the cover page's text", () => {
  it("names Polish and Cyrillic letters as the URW fonts do", () => {
    expect(glyphName("a")).toBeNull();
    expect(glyphName("ż")).toBe("zdotaccent");
    expect(glyphName("Ł")).toBe("Lslash");
    expect(["А", "Е", "Ё", "Ж", "Я", "а", "е", "ё", "ж", "я"].map(glyphName)).toEqual([
      "afii10017",
      "afii10022",
      "afii10023",
      "afii10024",
      "afii10049",
      "afii10065",
      "afii10070",
      "afii10071",
      "afii10072",
      "afii10097",
    ]);
    expect(glyphName("漢")).toBe("question");
  });

  it("escapes what PostScript strings treat specially and draws the rest by name", () => {
    expect(psText("a(b)\\c")).toBe("(a\\(b\\)\\\\c) show");
    expect(psText("Łódź")).toBe("/Lslash g /oacute g (d) show /zacute g");
  });

  it("wraps the note at spaces, keeps its lines, and cuts it to the page", () => {
    const long = "słowo ".repeat(40).trim();
    const lines = wrapNote(`Dzień dobry,\n\n${long}`);
    expect(lines[0]).toBe("Dzień dobry,");
    expect(lines[1]).toBe("");
    expect(lines.slice(2).every((l) => [...l].length <= NOTE_COLUMNS && !l.startsWith(" "))).toBe(true);
    expect(lines.slice(2).join(" ")).toBe(long);
    const cut = wrapNote("x\n".repeat(NOTE_LINES + 10));
    expect(cut).toHaveLength(NOTE_LINES);
    expect(cut.at(-1)).toBe("x…");
  });

  it("labels the page in the organisation's language", () => {
    const page = coverPagePostScript({ organization: "Org", sender: "Anna", to: "+48", from: "+49", date: "d", pages: 2, note: "", language: "ru" });
    expect(page).toContain(psText("ФАКС"));
    expect(page).toContain("showpage");
  });

  it("prints the letterhead above the title and the footer at the foot, leaving the note less room", () => {
    const base = { organization: "Org", sender: "Anna", to: "+48", from: "+49", date: "d", pages: 1, note: "x\n".repeat(60), language: "pl" as const };
    const footer = "Poufne: tylko dla adresata.\n".repeat(8).trim();
    const page = coverPagePostScript({ ...base, letterhead: { heading: "Żółw S.A.", lines: ["ul. Łąkowa 5", "tel. 22 123"], footer } });
    expect(page).toContain(psText("Żółw S.A."));
    expect(page).toContain(psText("ul. Łąkowa 5"));
    const footerLines = wrapText(footer, FOOTER_COLUMNS, FOOTER_LINES);
    expect(footerLines).toHaveLength(FOOTER_LINES);
    expect(footerLines.at(-1)!.endsWith("…")).toBe(true);
    for (const line of footerLines) expect(page).toContain(psText(line));
    const noteLines = (ps: string) => ps.split("\n").filter((l) => l.includes("(x) show")).length;
    expect(noteLines(coverPagePostScript(base))).toBe(NOTE_LINES);
    expect(noteLines(page)).toBe(33); // 24 pt lower at the top, 64 pt of footer at the foot
    // Without one, the page is as it was: the title where it always was.
    expect(coverPagePostScript(base)).toContain("72 750 moveto");
  });
});
