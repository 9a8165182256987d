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

/** The note as lines of at most NOTE_COLUMNS, broken at spaces where it can be, its own line breaks
 * kept; at most NOTE_LINES (the last ends "…" when it was cut). */
export function wrapNote(note: string): string[] {
  const lines: string[] = [];
  for (const paragraph of note.replace(/\r\n?/g, "\n").split("\n")) {
    let rest = [...paragraph.trimEnd()];
    if (!rest.length) lines.push("");
    while (rest.length) {
      if (rest.length <= NOTE_COLUMNS) {
        lines.push(rest.join(""));
        break;
      }
      const space = rest.lastIndexOf(" ", NOTE_COLUMNS);
      const cut = space > NOTE_COLUMNS / 2 ? space : NOTE_COLUMNS;
      lines.push(rest.slice(0, cut).join("").trimEnd());
      rest = rest.slice(cut);
      while (rest[0] === " ") rest.shift();
    }
  }
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length > NOTE_LINES) {
    lines.length = NOTE_LINES;
    lines[NOTE_LINES - 1] = `${[...lines[NOTE_LINES - 1]].slice(0, NOTE_COLUMNS - 1).join("")}…`;
  }
  return lines;
}

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
    "/NimbusSans-Bold findfont 40 scalefont setfont",
    `72 750 moveto ${psText(l.title)}`,
    "4 setlinewidth 72 735 moveto 523 735 lineto stroke",
  ];
  let y = 700;
  for (const [label, value] of rows) {
    body.push("/NimbusSans-Bold findfont 13 scalefont setfont", `72 ${y} moveto ${psText(label)}`);
    body.push("/NimbusSans-Regular findfont 13 scalefont setfont", `250 ${y} moveto ${psText(value.slice(0, 60))}`);
    y -= 22;
  }
  y -= 8;
  body.push(`1 setlinewidth 72 ${y} moveto 523 ${y} lineto stroke`);
  y -= 26;
  body.push("/NimbusMonoPS-Bold findfont 11 scalefont setfont");
  for (const line of wrapNote(c.note)) {
    if (line) body.push(`72 ${y} moveto ${psText(line)}`);
    y -= 13;
  }
  body.push("showpage", "");
  return body.join("\n");
}
