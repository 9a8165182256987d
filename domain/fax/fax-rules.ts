// How a fax call's end reads on the case: every page through, some pages then a failure (kept,
// with the reason), or nothing at all (a voice caller on the fax number, a machine that gave up).
export type FaxState = "RECEIVED" | "PARTIAL" | "FAILED";

export function faxState(result: { ok: boolean; pages: number }): FaxState {
  if (result.ok && result.pages > 0) return "RECEIVED";
  return result.pages > 0 ? "PARTIAL" : "FAILED";
}

/** The far machine's ident is free text it chose: kept printable and short. */
export function cleanIdent(ident: string): string {
  return ident
    .replace(/[^\x20-\x7e]/g, "")
    .trim()
    .slice(0, 40);
}
