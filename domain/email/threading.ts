// How a mail finds its case: the Message-IDs it answers (In-Reply-To, References — what every
// mail client sends), else the case tag Centrala puts in the subjects it sends ("[#1042]").
import { randomUUID } from "node:crypto";

/** A Message-ID (without <>) for mail we send, in the sending address's domain. */
export const newMessageId = (fromAddress: string) => `${randomUUID()}@${fromAddress.split("@")[1] || "centrala.invalid"}`;

export const caseTag = (caseNumber: number) => `[#${caseNumber}]`;

/** The case number in a subject's tag, if any ("Re: Order late [#1042]" → 1042). */
export function caseNumberInSubject(subject: string): number | null {
  const m = /\[#(\d{1,9})\]/.exec(subject);
  return m ? Number(m[1]) : null;
}

/** The ids this mail answers, nearest first (In-Reply-To, then References from the end). */
export function answeredIds(email: { inReplyTo: string | null; references: string[] }): string[] {
  const ids = [email.inReplyTo, ...[...email.references].reverse()].filter((x): x is string => !!x);
  return [...new Set(ids)].slice(0, 50);
}

/** A subject for our reply: "Re: " once, and the case tag once. */
export function replySubject(subject: string, caseNumber: number): string {
  const base = subject.replace(/^\s*((re|fwd?|odp|aw|sv|ответ)\s*:\s*)+/i, "").trim();
  const tagged = caseNumberInSubject(base) === caseNumber ? base : `${base} ${caseTag(caseNumber)}`.trim();
  return `Re: ${tagged}`;
}
