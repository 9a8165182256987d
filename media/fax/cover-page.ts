// A fax's cover page as a PostScript program for Ghostscript (fax-documents.ts makes it the fax's
// first page): who it is for and from, the date, the pages that follow and the agent's note, in the
// organisation's language. Polish and Russian letters are drawn by their glyph names from the URW
// base-35 fonts Ghostscript ships (Nimbus Sans and Nimbus Mono carry Latin Extended and Cyrillic);
// a character no font has prints as "?". The note is set in the monospaced face so lines wrap
// exactly, and is cut short to what fits on the page.

export type CoverLanguage = "pl" | "en" | "ru";

export interface CoverPage {
  organization: string;
  sender: string;
  /** The fax number it goes to, and ours. */
  to: string;
  from: string;
  /** When it was written, already in the organisation's words and zone. */
  date: string;
  /** Pages after the cover. */
  pages: number;
  note: string;
  language: CoverLanguage;
  /** The organisation's letterhead (domain/fax/fax-cover.ts): printed above the title and at the
   * foot; none: the plain page. */
  letterhead?: { heading: string; lines: string[]; footer: string };
}

const LABELS: Record<CoverLanguage, { title: string; to: string; from: string; sender: string; date: string; pages: string }> = {
  pl: { title: "FAKS", to: "Do:", from: "Od:", sender: "Nadawca:", date: "Data:", pages: "Stron (bez tej):" },
  en: { title: "FAX", to: "To:", from: "From:", sender: "Sender:", date: "Date:", pages: "Pages (not counting this one):" },
  ru: { title: "ФАКС", to: "Кому:", from: "От:", sender: "Отправитель:", date: "Дата:", pages: "Страниц (без этой):" },
};

/** Characters of the note per line (Nimbus Mono at 11 pt is 6.6 pt a character; 451 pt wide). */
export const NOTE_COLUMNS = 68;
/** Lines of note that fit under the header. */
export const NOTE_LINES = 38;

/** Glyph names of the letters beyond ASCII that Polish, Russian and the common Western languages
 * use (Adobe's names, as the URW fonts have them). */
const LATIN: Record<string, string> = {
  ą: "aogonek",
  ć: "cacute",
  ę: "eogonek",
  ł: "lslash",
  ń: "nacute",
  ó: "oacute",
  ś: "sacute",
  ź: "zacute",
  ż: "zdotaccent",
  Ą: "Aogonek",
  Ć: "Cacute",
  Ę: "Eogonek",
  Ł: "Lslash",
  Ń: "Nacute",
  Ó: "Oacute",
  Ś: "Sacute",
  Ź: "Zacute",
  Ż: "Zdotaccent",
  ä: "adieresis",
  ö: "odieresis",
  ü: "udieresis",
  ß: "germandbls",
  Ä: "Adieresis",
  Ö: "Odieresis",
  Ü: "Udieresis",
  é: "eacute",
  è: "egrave",
  ê: "ecircumflex",
  à: "agrave",
  á: "aacute",
  ç: "ccedilla",
  í: "iacute",
  ú: "uacute",
  č: "ccaron",
  š: "scaron",
  ž: "zcaron",
  ř: "rcaron",
  ě: "ecaron",
  É: "Eacute",
  Č: "Ccaron",
  Š: "Scaron",
  Ž: "Zcaron",
  "–": "endash",
  "—": "emdash",
  "„": "quotedblbase",
  "”": "quotedblright",
  "“": "quotedblleft",
  "’": "quoteright",
  "‘": "quoteleft",
  "…": "ellipsis",
  "«": "guillemotleft",
  "»": "guillemotright",
  "€": "Euro",
  "§": "section",
  "°": "degree",
  "№": "afii61352",
  "·": "periodcentered",
  "•": "bullet",
};

/** A character's glyph name, or null for printable ASCII (shown as it is). */
export function glyphName(ch: string): string | null {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code < 0x7f) return null;
  if (LATIN[ch]) return LATIN[ch];
  // Cyrillic in Adobe's afii names: А–Е 10017–10022, Ё 10023, Ж–Я 10024–10049; а–е 10065–10070,
  // ё 10071, ж–я 10072–10097.
  if (code === 0x401) return "afii10023";
  if (code === 0x451) return "afii10071";
  if (code >= 0x410 && code <= 0x415) return `afii${10017 + code - 0x410}`;
  if (code >= 0x416 && code <= 0x42f) return `afii${10024 + code - 0x416}`;
  if (code >= 0x430 && code <= 0x435) return `afii${10065 + code - 0x430}`;
  if (code >= 0x436 && code <= 0x44f) return `afii${10072 + code - 0x436}`;
  return "question";
}

/** PostScript that draws `text` from the current point: ASCII runs as strings, the rest by name
 * (a name the font lacks prints "?"). */
export function psText(text: string): string {
  const out: string[] = [];
  let run = "";
  const flush = () => {
    if (run) out.push(`(${run.replace(/[\\()]/g, (c) => `\\${c}`)}) show`);
    run = "";
  };
  for (const ch of text.replace(/[\r\n\t]+/g, " ")) {
    const name = glyphName(ch);
    if (name === null) {
      run += ch;
      continue;
    }
    flush();
    out.push(`/${name} g`);
  }
  flush();
  return out.join(" ");
}

/** Text as lines of at most `columns` characters, broken at spaces where it can be, its own line
 * breaks kept; at most `maxLines` (the last ends "…" when it was cut). */
export function wrapText(text: string, columns: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let rest = [...paragraph.trimEnd()];
    if (!rest.length) lines.push("");
    while (rest.length) {
      if (rest.length <= columns) {
        lines.push(rest.join(""));
        break;
      }
      const space = rest.lastIndexOf(" ", columns);
      const cut = space > columns / 2 ? space : columns;
      lines.push(rest.slice(0, cut).join("").trimEnd());
      rest = rest.slice(cut);
      while (rest[0] === " ") rest.shift();
    }
  }
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${[...lines[maxLines - 1]!].slice(0, columns - 1).join("")}…`;
  }
  return lines;
}

/** The note as lines of at most NOTE_COLUMNS; at most `maxLines` (NOTE_LINES on a page without a
 * letterhead). */
export const wrapNote = (note: string, maxLines = NOTE_LINES) => wrapText(note, NOTE_COLUMNS, maxLines);

/** Characters of the footer per line (Nimbus Mono at 8 pt is 4.8 pt a character), and its lines. */
export const FOOTER_COLUMNS = 93;
export const FOOTER_LINES = 6;

/** The cover page: A4 (595 × 842 pt), one page. */
export function coverPagePostScript(c: CoverPage): string {
  const l = LABELS[c.language];
  const rows: [string, string][] = [
    [l.to, c.to],
    [l.from, [c.organization, c.from].filter(Boolean).join(", ")],
    [l.sender, c.sender],
    [l.date, c.date],
    [l.pages, String(c.pages)],
  ];
  const body: string[] = [
    "%!PS-Adobe-3.0",
    "<< /PageSize [595 842] >> setpagedevice",
    // g: a glyph by name, or "?" when the font has none by that name
    "/g { dup currentfont /CharStrings get exch known { glyphshow } { pop (?) show } ifelse } bind def",
  ];
  // The letterhead's heading and lines at the top; the title below them.
  let titleY = 750;
  const head = c.letterhead;
  if (head && (head.heading || head.lines.length)) {
    let y = 800;
    if (head.heading) {
      body.push("/NimbusSans-Bold findfont 15 scalefont setfont", `72 ${y} moveto ${psText(head.heading)}`);
      y -= 14;
    }
    body.push("/NimbusSans-Regular findfont 10 scalefont setfont");
    for (const line of head.lines) {
      body.push(`72 ${y} moveto ${psText(line)}`);
      y -= 12;
    }
    titleY = y - 36;
  }
  body.push("/NimbusSans-Bold findfont 40 scalefont setfont", `72 ${titleY} moveto ${psText(l.title)}`);
  body.push(`4 setlinewidth 72 ${titleY - 15} moveto 523 ${titleY - 15} lineto stroke`);
  let y = titleY - 50;
  for (const [label, value] of rows) {
    body.push("/NimbusSans-Bold findfont 13 scalefont setfont", `72 ${y} moveto ${psText(label)}`);
    body.push("/NimbusSans-Regular findfont 13 scalefont setfont", `250 ${y} moveto ${psText(value.slice(0, 60))}`);
    y -= 22;
  }
  y -= 8;
  body.push(`1 setlinewidth 72 ${y} moveto 523 ${y} lineto stroke`);
  y -= 26;
  // The footer at the foot of the page, above it a thin rule; the note fills what is between.
  const footer = head?.footer ? wrapText(head.footer, FOOTER_COLUMNS, FOOTER_LINES) : [];
  const bottom = footer.length ? 40 + footer.length * 10 + 14 : 50;
  if (footer.length) {
    body.push("/NimbusMonoPS-Regular findfont 8 scalefont setfont");
    footer.forEach((line, i) => {
      if (line) body.push(`72 ${40 + (footer.length - 1 - i) * 10} moveto ${psText(line)}`);
    });
    body.push(`0.5 setlinewidth 72 ${bottom - 6} moveto 523 ${bottom - 6} lineto stroke`);
  }
  body.push("/NimbusMonoPS-Bold findfont 11 scalefont setfont");
  for (const line of wrapNote(c.note, Math.min(NOTE_LINES, Math.floor((y - bottom) / 13) + 1))) {
    if (line) body.push(`72 ${y} moveto ${psText(line)}`);
    y -= 13;
  }
  body.push("showpage", "");
  return body.join("\n");
}
