// What the fax modem helper (fax-modem.c) reports, typed, and the rules for what we tell it: the
// events it writes on stderr (one JSON object per line), the outcome of one fax call read from
// them, and the station ident and page header T.30 can carry.

export type FaxPageReport = {
  event: "page";
  seconds: number;
  code: number;
  /** The far machine's ident when the page ended. */
  remoteIdent?: string;
  bitRate: number;
  ecm: boolean;
  pagesTx: number;
  pagesRx: number;
  width: number;
  length: number;
  xRes: number;
  yRes: number;
  /** 1 = T.4 1D, 2 = T.4 2D, 3 = T.6 */
  encoding: number;
  imageBytes: number;
  /** Rows the receiver could not decode (only without ECM: streaks on the page). */
  badRows: number;
  ecmRetries: number;
};

export type FaxEvent =
  | { event: "phase_b"; seconds: number; remoteIdent: string; code: number }
  | FaxPageReport
  | ({ event: "done"; ok: boolean; code: number; reason: string; seconds?: number; remoteIdent?: string } & Partial<
      Omit<FaxPageReport, "event" | "seconds" | "code">
    >)
  | { event: "tone"; tone: string; detector: "cng" | "ced"; level: number; seconds: number }
  | { event: "timeout"; seconds: number }
  | { event: "exit"; audioSeconds: number; filledFrames?: number; cpuMs?: number; cng?: boolean };

const EVENTS = new Set(["phase_b", "page", "done", "tone", "timeout", "exit"]);

/** One stderr line of the helper as an event; null for its log lines ("# …") and anything else. */
export function parseFaxEvent(line: string): FaxEvent | null {
  if (!line.startsWith("{")) return null;
  try {
    const e = JSON.parse(line) as { event?: unknown };
    return typeof e.event === "string" && EVENTS.has(e.event) ? (e as FaxEvent) : null;
  } catch {
    return null;
  }
}

export type FaxOutcome = {
  /** The whole document went through (T.30 ended with no error). */
  ok: boolean;
  /** spandsp's T.30 completion text, or why the call ended ("call ended before the fax finished"). */
  reason: string;
  /** spandsp's T.30 error code (0 = none; −1 = ended from outside). */
  code: number;
  /** Pages that went through: received pages when receiving, confirmed pages when sending. */
  pages: number;
  /** The far machine's station ident (TSI/CSI), as it sent it. */
  remoteIdent: string;
  bitRate: number | null;
  ecm: boolean | null;
  /** Undecodable rows over all pages (non-ECM only; > 0 means streaks). */
  badRows: number;
  ecmRetries: number;
  audioSeconds: number;
  cpuMs: number | null;
  /** 20 ms frames the modem filled in for lost packets. */
  filledFrames: number;
  pageReports: FaxPageReport[];
};

export function faxOutcome(mode: "send" | "receive", events: readonly FaxEvent[]): FaxOutcome {
  const done = events.findLast((e) => e.event === "done");
  const exit = events.findLast((e) => e.event === "exit");
  const pageReports = events.filter((e): e is FaxPageReport => e.event === "page");
  const last = pageReports.at(-1);
  const phaseB = events.find((e) => e.event === "phase_b");
  const counted = mode === "send" ? (done?.pagesTx ?? last?.pagesTx) : (done?.pagesRx ?? last?.pagesRx);
  const timedOut = events.some((e) => e.event === "timeout");
  return {
    ok: done?.ok === true,
    reason: done?.reason ?? (timedOut ? "the fax took longer than allowed" : "the fax modem stopped without a result"),
    code: done?.code ?? -1,
    pages: counted ?? 0,
    // The final report may lack it when the far end hung up mid-fax; a page's report has it.
    remoteIdent: (done?.remoteIdent || pageReports.findLast((p) => p.remoteIdent)?.remoteIdent || phaseB?.remoteIdent || "").trim(),
    bitRate: done?.bitRate || last?.bitRate || null,
    ecm: done?.ecm ?? last?.ecm ?? null,
    badRows: pageReports.reduce((n, p) => n + p.badRows, 0),
    ecmRetries: pageReports.reduce((n, p) => n + p.ecmRetries, 0),
    audioSeconds: exit?.audioSeconds ?? done?.seconds ?? 0,
    cpuMs: exit?.cpuMs ?? null,
    filledFrames: exit?.filledFrames ?? 0,
    pageReports,
  };
}

/** A station ident T.30 can carry: digits, spaces and "+", at most 20 (longer ones are cut). */
export function faxIdent(value: string): string {
  return value
    .replace(/[^0-9+ ]/g, "")
    .replace(/ {2,}/g, " ")
    .trim()
    .slice(0, 20);
}

const CYRILLIC: Record<string, string> = Object.fromEntries(
  "а a б b в v г g д d е e ё e ж zh з z и i й y к k л l м m н n о o п p р r с s т t у u ф f х kh ц ts ч ch ш sh щ shch ъ _ ы y ь _ э e ю yu я ya"
    .split(" ")
    .reduce<[string, string][]>((pairs, w, i, all) => (i % 2 ? pairs : [...pairs, [w, all[i + 1]!.replace("_", "")]]), []),
);

/**
 * A page header line: the modem's header font has printable ASCII only, so Polish letters lose
 * their marks and Cyrillic is transliterated ("Łódź" → "Lodz", "Тверская" → "Tverskaya"); ≤ 50.
 */
export function faxHeader(value: string): string {
  return value
    .replace(/[а-яё]/gi, (c) => {
      const latin = CYRILLIC[c.toLowerCase()]!;
      return c === c.toLowerCase() ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    })
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .normalize("NFKD")
    .replace(/[\u2012-\u2015]/g, "-")
    .replace(/\s+/g, " ")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/ {2,}/g, " ")
    .trim()
    .slice(0, 50);
}
