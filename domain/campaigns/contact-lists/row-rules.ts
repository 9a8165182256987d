// What becomes of each row of an imported list: the mapped columns give its number, name, e-mail
// and external id, the rest become its fields; the number decides whether it is taken or set aside
// (and why). Pure: the import feeds it rows and the sets it read from the database.
import type { CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import { normaliseListPhone } from "./list-phone.ts";

export const REJECT_REASONS = ["EMPTY_PHONE", "INVALID_PHONE", "DUPLICATE", "BLOCKED", "DO_NOT_CALL"] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Which column (by its index) holds what; the unmapped ones become fields. */
export const columnMappingSchema = z.object({
  phone: z.number().int().min(0),
  name: z.number().int().min(0).nullable().default(null),
  email: z.number().int().min(0).nullable().default(null),
  externalId: z.number().int().min(0).nullable().default(null),
  /** Columns left out altogether. */
  skip: z.array(z.number().int().min(0)).max(200).default([]),
});
export type ColumnMapping = z.output<typeof columnMappingSchema>;

const MAX_HEADER = 60;

/**
 * The header row as column names: trimmed, an empty one named after its position ("column_3"),
 * a repeated one numbered ("debt_2"), so that every field has a name of its own.
 */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((h, i) => {
    const base = h.trim().replace(/\s+/g, " ").slice(0, MAX_HEADER) || `column_${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** The columns that become fields, in the file's order. */
export function fieldColumns(columns: readonly string[], m: ColumnMapping): { index: number; name: string }[] {
  const taken = new Set([m.phone, m.name, m.email, m.externalId, ...m.skip].filter((v): v is number => v !== null));
  return columns.map((name, index) => ({ index, name })).filter((c) => !taken.has(c.index));
}

export interface EntryDraft {
  row: number;
  phone: string;
  name: string;
  email: string;
  externalId: string;
  fields: Record<string, string>;
}

export type RowOutcome = { kind: "entry"; entry: EntryDraft } | { kind: "reject"; reason: RejectReason; phone: string };

export interface RowContext {
  columns: readonly string[];
  mapping: ColumnMapping;
  country: CountryCode;
  /** Numbers already taken into this list (the import adds each it takes). */
  seen: Set<string>;
  blocked: ReadonlySet<string>;
  doNotCall: ReadonlySet<string>;
}

const MAX_CELL = 1000;
const cell = (values: readonly string[], i: number | null) => (i === null ? "" : (values[i] ?? "").trim().slice(0, MAX_CELL));

/**
 * One row (`row` counts from 1 after the header). Checked in this order: no number, not a number,
 * on the do-not-call list, blocked, already in the list. Short rows read as empty cells; cells
 * past the header are ignored.
 */
export function classifyRow(values: readonly string[], row: number, ctx: RowContext): RowOutcome {
  const raw = cell(values, ctx.mapping.phone);
  if (!raw) return { kind: "reject", reason: "EMPTY_PHONE", phone: "" };
  const phone = normaliseListPhone(raw, ctx.country);
  if (!phone) return { kind: "reject", reason: "INVALID_PHONE", phone: raw };
  if (ctx.doNotCall.has(phone)) return { kind: "reject", reason: "DO_NOT_CALL", phone };
  if (ctx.blocked.has(phone)) return { kind: "reject", reason: "BLOCKED", phone };
  if (ctx.seen.has(phone)) return { kind: "reject", reason: "DUPLICATE", phone };
  ctx.seen.add(phone);
  const fields: Record<string, string> = {};
  for (const f of fieldColumns(ctx.columns, ctx.mapping)) fields[f.name] = cell(values, f.index);
  return {
    kind: "entry",
    entry: {
      row,
      phone,
      name: cell(values, ctx.mapping.name),
      email: cell(values, ctx.mapping.email),
      externalId: cell(values, ctx.mapping.externalId),
      fields,
    },
  };
}

/** A row is blank when every cell is: skipped without a word (spreadsheets end with such rows). */
export function isBlankRow(values: readonly string[]): boolean {
  return values.every((v) => !v.trim());
}

/** The row as [column name, text] pairs, in the file's order (as a rejected row is kept and shown). */
export function rowValues(columns: readonly string[], values: readonly string[]): [string, string][] {
  return columns.map((c, i) => [c, (values[i] ?? "").slice(0, MAX_CELL)]);
}
