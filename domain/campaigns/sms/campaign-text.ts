// What an SMS campaign texts each contact, pure (the editor's preview counts with the same code):
// the template's `{field}` placeholders filled from the contact's list entry ({name},
// {firstName}, {phone}, {email}, {externalId} and any column the list had), Polish letters
// optionally sent without their marks, and the campaign's pace turned into how many may go now.
import { renderText, fieldsOf } from "../../shared/placeholders.ts";
import { type SmsCount, countSms, withoutPolishDiacritics } from "../../sms/sms-text.ts";

/** One campaign text may take at most this many parts: each part is paid for, per contact. */
export const MAX_CAMPAIGN_PARTS = 6;
export const BUILT_IN_FIELDS = ["name", "firstName", "phone", "email", "externalId"] as const;

export interface ListEntryFields {
  name: string;
  phone: string;
  email: string;
  externalId: string;
  fields: unknown;
}

/** The fields a template may use for this entry: its columns, then the built-in ones over them. */
export function entryFields(entry: ListEntryFields): Record<string, string> {
  const fields: Record<string, string> = {};
  if (entry.fields && typeof entry.fields === "object" && !Array.isArray(entry.fields)) {
    for (const [k, v] of Object.entries(entry.fields)) if (typeof v === "string" || typeof v === "number") fields[k] = String(v);
  }
  const name = entry.name.trim();
  return Object.assign(fields, { name, firstName: name.split(/\s+/)[0] ?? "", phone: entry.phone, email: entry.email, externalId: entry.externalId });
}

/** The text one contact gets: a field they lack leaves no double space or space before punctuation. */
export function renderCampaignSms(template: string, fields: Readonly<Record<string, string>>, plainLetters: boolean): string {
  const text = renderText(template, fields)
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ ([,.!?;:])/g, "$1")
    .replace(/^[ \t]+|[ \t]+$/gm, "")
    .trim();
  return plainLetters ? withoutPolishDiacritics(text) : text;
}

/** What the template costs before any contact is known: its fields, and the count of the template
 * with each field as its longest likely value is the editor's business; this counts it as written. */
export function templateSummary(template: string, plainLetters: boolean): { fields: string[]; count: SmsCount } {
  const text = plainLetters ? withoutPolishDiacritics(template) : template;
  return { fields: fieldsOf(template), count: countSms(text) };
}

/**
 * How many texts may be handed to the link now: the campaign's pace per minute, spread over the
 * minute in ticks (never all of a minute's at once), less what went in the last minute.
 */
export function paceBudget(perMinute: number, handedLastMinute: number, tickMs: number): number {
  const perTick = Math.max(1, Math.ceil((perMinute * tickMs) / 60_000));
  return Math.max(0, Math.min(perTick, perMinute - handedLastMinute));
}
