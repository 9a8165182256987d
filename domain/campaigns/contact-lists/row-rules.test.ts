import { describe, expect, it } from "vitest";
import { type RowContext, classifyRow, columnMappingSchema, columnNames, fieldColumns, isBlankRow } from "./row-rules.ts";

const columns = columnNames(["Telefon", "Imię", "E-mail", "Dług", "", "Dług"]);
const ctx = (over: Partial<RowContext> = {}): RowContext => ({
  columns,
  mapping: columnMappingSchema.parse({ phone: 0, name: 1, email: 2 }),
  country: "PL",
  seen: new Set(),
  blocked: new Set(),
  doNotCall: new Set(),
  ...over,
});

describe("contact list rows", () => {
  it("names every column, even empty and repeated headers", () => {
    expect(columns).toEqual(["Telefon", "Imię", "E-mail", "Dług", "column_5", "Dług_2"]);
  });

  it("takes a row: normalised number, mapped columns, the others as fields", () => {
    const out = classifyRow(["601 234 567", " Anna ", "a@x.pl", "120,50", "", "7"], 1, ctx());
    expect(out).toEqual({
      kind: "entry",
      entry: { row: 1, phone: "+48601234567", name: "Anna", email: "a@x.pl", externalId: "", fields: { Dług: "120,50", column_5: "", Dług_2: "7" } },
    });
  });

  it("leaves skipped columns out of the fields", () => {
    const c = ctx({ mapping: columnMappingSchema.parse({ phone: 0, skip: [4, 5] }) });
    expect(fieldColumns(columns, c.mapping).map((f) => f.name)).toEqual(["Imię", "E-mail", "Dług"]);
  });

  it("sets rows aside with their reason, in order: empty, invalid, do-not-call, blocked, duplicate", () => {
    const c = ctx({ doNotCall: new Set(["+48601000001"]), blocked: new Set(["+48601000002", "+48601000001"]) });
    expect(classifyRow(["", "Anna"], 1, c)).toMatchObject({ kind: "reject", reason: "EMPTY_PHONE" });
    expect(classifyRow(["12"], 2, c)).toMatchObject({ kind: "reject", reason: "INVALID_PHONE", phone: "12" });
    expect(classifyRow(["601000001"], 3, c)).toMatchObject({ kind: "reject", reason: "DO_NOT_CALL", phone: "+48601000001" });
    expect(classifyRow(["601000002"], 4, c)).toMatchObject({ kind: "reject", reason: "BLOCKED" });
    expect(classifyRow(["601000003"], 5, c)).toMatchObject({ kind: "entry" });
    expect(classifyRow(["+48 601 000 003"], 6, c)).toMatchObject({ kind: "reject", reason: "DUPLICATE", phone: "+48601000003" });
  });

  it("reads ragged rows: missing cells are empty, extra cells ignored", () => {
    const short = classifyRow(["601234567"], 1, ctx());
    expect(short).toMatchObject({ kind: "entry", entry: { name: "", fields: { Dług: "" } } });
    const long = classifyRow(["601234568", "B", "", "1", "2", "3", "extra", "more"], 2, ctx());
    expect(long.kind === "entry" && Object.keys(long.entry.fields)).toEqual(["Dług", "column_5", "Dług_2"]);
  });

  it("knows a blank row", () => {
    expect(isBlankRow(["", "  ", ""])).toBe(true);
    expect(isBlankRow(["", "x"])).toBe(false);
  });
});
