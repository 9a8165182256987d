// How a fax call's end reads on the case: every page through, some pages then a failure (kept,
// with the reason), or nothing at all (a voice caller on the fax number, a machine that gave up).
// And for a fax we send: what one attempt's end means — sent, tried again later (busy, no answer,
// a fax that broke off), or failed for good (a number that does not exist, the last attempt).
import { endReasonOf } from "../phone/phone-call-events.ts";
import { normalisePhone } from "../shared/phone-number.ts";

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

/** Calls made for one outgoing fax at most, and the minutes between them (a busy fax machine is
 * usually free again within minutes; after the last, the fax has FAILED with the last reason). */
export const FAX_RETRY_MINUTES = [3, 5, 10];
export const MAX_FAX_ATTEMPTS = FAX_RETRY_MINUTES.length + 1;

/** How one attempt at sending ended. */
export type FaxAttempt =
  /** The call was never answered: the network's SIP answer (408 when it rang out). */
  | { kind: "call"; code: number; words: string }
  /** Answered: what T.30 said (media/fax/t30.ts). */
  | { kind: "fax"; ok: boolean; pages: number; reason: string }
  /** The documents could not be made into fax pages (not a PDF, too long, deleted meanwhile). */
  | { kind: "document"; reason: string };

export type FaxAttemptVerdict = { state: "SENT" } | { state: "QUEUED"; retryAt: Date; reason: string } | { state: "FAILED"; reason: string };

/** After attempt number `attempts` (1 for the first) ended as `attempt`, at `now`. */
export function afterFaxAttempt(attempt: FaxAttempt, attempts: number, now: Date): FaxAttemptVerdict {
  if (attempt.kind === "fax" && attempt.ok) return { state: "SENT" };
  const reason = faxAttemptReason(attempt);
  const final = attempt.kind === "document" || (attempt.kind === "call" && isFinalRefusal(attempt.code));
  const wait = FAX_RETRY_MINUTES[attempts - 1];
  if (final || wait === undefined) return { state: "FAILED", reason };
  return { state: "QUEUED", retryAt: new Date(now.getTime() + wait * 60_000), reason };
}

/** A number that does not exist, or a refusal that will not change on a retry. */
function isFinalRefusal(code: number): boolean {
  const why = endReasonOf(code, false);
  return why === "NUMBER_UNKNOWN" || why === "REJECTED" || code === 488;
}

/** In words, for the case (and in English for the log; screens show `FaxMessage.reason`). */
export function faxAttemptReason(attempt: FaxAttempt): string {
  if (attempt.kind === "document") return `the document could not be faxed: ${attempt.reason}`;
  if (attempt.kind === "fax")
    return attempt.pages > 0 ? `broke off after ${attempt.pages} page(s): ${attempt.reason}` : `no fax went through: ${attempt.reason}`;
  const said = attempt.words ? ` (${attempt.code} ${attempt.words})` : ` (${attempt.code})`;
  switch (endReasonOf(attempt.code, false)) {
    case "BUSY":
      return `the number was busy${said}`;
    case "NO_ANSWER":
      return `nobody answered${said}`;
    case "NUMBER_UNKNOWN":
      return `the number does not exist${said}`;
    case "REJECTED":
      return `the call was refused${said}`;
    case "NETWORK_ERROR":
      return `the phone network failed${said}`;
    default:
      return `the call failed${said}`;
  }
}

/** The prefix a national number is dialled with inside its country, by country code, where it is
 * not 0 (Russia 8, Hungary 06, Lithuania 8) or there is none to drop (Italy keeps its 0). */
const TRUNK_PREFIX: Readonly<Record<string, string>> = { "+7": "8", "+36": "06", "+370": "8", "+39": "" };

/** The fax number a caller keyed in: 00… is international, other digits are national, after
 * `nationalPrefix` with the country's trunk prefix dropped (020… → +4420…, 8495… → +7495…); null
 * when it is no full number. */
export function keyedFaxNumber(digits: string, nationalPrefix: string | null): string | null {
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith("00")) return normalisePhone(digits);
  if (!nationalPrefix) return null;
  const trunk = TRUNK_PREFIX[nationalPrefix] ?? "0";
  return normalisePhone(`${nationalPrefix}${trunk && digits.startsWith(trunk) ? digits.slice(trunk.length) : digits}`);
}
