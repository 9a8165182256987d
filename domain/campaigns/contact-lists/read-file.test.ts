import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { cellText, openListFile, previewListFile } from "./read-file.ts";

const all = async (bytes: Uint8Array, o = {}) => {
  const out: string[][] = [];
  for await (const r of openListFile(bytes, o).rows()) out.push(r);
  return out;
};
const utf8 = (s: string) => new TextEncoder().encode(s);

async function xlsx(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("Lista");
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("reading list files", () => {
  it("detects the delimiter: comma, semicolon or tab", async () => {
    for (const d of [",", ";", "\t"]) {
      const file = openListFile(utf8(`phone${d}name${d}debt\n601234567${d}Anna${d}"1${d}5"\n`));
      expect(file.delimiter).toBe(d);
      expect(await all(utf8(`phone${d}name\n601234567${d}"A${d}B"\n`))).toEqual([["phone", "name"], ["601234567", `A${d}B`]]);
    }
  });

  it("takes the delimiter and encoding the admin chose over the guess", async () => {
    const file = openListFile(utf8("a;b,c\n1;2,3\n"), { delimiter: ";", encoding: "windows-1250" });
    expect([file.delimiter, file.encoding]).toEqual([";", "windows-1250"]);
    expect(await all(utf8("a;b,c\n1;2,3\n"), { delimiter: "," })).toEqual([["a;b", "c"], ["1;2", "3"]]);
  });

  it("keeps ragged rows as they are (row-rules reads missing cells as empty)", async () => {
    expect(await all(utf8("a;b;c\n1\n1;2;3;4\n"))).toEqual([["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]);
  });

  it("reads a file of only a header, and a one-row file", async () => {
    const only = await previewListFile(utf8("phone;name\n"));
    expect(only.header).toEqual(["phone", "name"]);
    expect(only.sample).toEqual([]);
    expect((await previewListFile(utf8("601234567"))).header).toEqual(["601234567"]);
  });

  it("refuses an empty file with a coded error", async () => {
    await expect(previewListFile(new Uint8Array())).rejects.toMatchObject({ code: "INVALID_INPUT", details: { reason: "LIST_FILE_EMPTY" } });
    await expect(previewListFile(utf8("\n\n"))).rejects.toMatchObject({ details: { reason: "LIST_FILE_EMPTY" } });
  });

  it("counts the lines of a CSV for the progress bar", () => {
    expect(openListFile(utf8("a\n1\n2\n")).lineCount).toBe(3);
    expect(openListFile(utf8("a\n1\n2")).lineCount).toBe(3);
    expect(openListFile(utf8("\ufeffa\r\n1\r\n")).lineCount).toBe(2);
  });

  it("reads a file of many slices row for row as a whole-text parse does: quotes, CRLF and characters across slice ends", async () => {
    // Rows of varying length put the slice ends everywhere: inside quotes, between \r and \n, inside "ł".
    const lines = ["telefon;imię;uwagi"];
    for (let i = 0; i < 40_000; i++) {
      const note = i % 97 === 0 ? `"wiersz ${i}\r\nciąg dalszy; ""cytat"""` : `Łódź ${"ż".repeat(i % 13)}`;
      lines.push(i === 20_000 ? "" : `${600_000_000 + i};Zażółć ${i};${note}`);
    }
    const text = lines.join("\r\n") + "\r\n";
    const expected = Papa.parse<string[]>(text.slice(0, -2), { delimiter: ";" }).data;
    const rows = await all(utf8(text));
    expect(rows.length).toBe(expected.length);
    expect(rows).toEqual(expected);
    expect(rows[20_001]).toEqual([""]); // A blank line is a row (the import skips it); the last line break begins none.
    expect(rows.at(-1)?.[0]).toBe("600039999");
    expect(rows[98]).toEqual(["600000097", "Zażółć 97", 'wiersz 97\r\nciąg dalszy; "cytat"']);
  });

  it("a reader that stops early (the preview) gets its rows and leaves nothing running", async () => {
    const text = "a;b\n" + "601234567;x\n".repeat(100_000);
    const preview = await previewListFile(utf8(text));
    expect(preview.sample).toHaveLength(10);
    expect(preview.lineCount).toBe(100_001);
  });

  it("streams XLSX rows as text: numbers, formulas by their result, rich text, dates, blank rows kept", async () => {
    const bytes = await xlsx([["Telefon", "Imię", "Kwota"], [601234567, "Ala", 10.5]], (ws) => {
      ws.getCell("C3").value = { formula: "C2*2", result: 21 };
      ws.getCell("A3").value = { richText: [{ text: "+48 " }, { text: "602 000 000" }] };
      ws.getCell("A5").value = "603000000";
      ws.getCell("B5").value = new Date(Date.UTC(2026, 0, 2));
    });
    const rows = await all(bytes);
    expect(rows[0]).toEqual(["Telefon", "Imię", "Kwota"]);
    expect(rows[1]).toEqual(["601234567", "Ala", "10.5"]);
    expect(rows[2]).toEqual(["+48 602 000 000", "", "21"]);
    expect(rows[3]).toEqual([]);
    expect(rows[4]).toEqual(["603000000", "2026-01-02"]);
    expect(openListFile(bytes).format).toBe("XLSX");
  });

  it("a broken XLSX is refused with a coded error", async () => {
    const bytes = (await xlsx([["a"]])).slice(0, 200);
    await expect(all(bytes)).rejects.toMatchObject({ details: { reason: "LIST_FILE_UNREADABLE" } });
  });

  it("a formula cell with an error or no cached result is empty", () => {
    expect(cellText({ formula: "1/0", result: { error: "#DIV/0!" } })).toBe("");
    expect(cellText({ formula: "A1" })).toBe("");
    expect(cellText({ error: "#N/A" })).toBe("");
    expect(cellText({ text: "link", hyperlink: "http://x" })).toBe("link");
  });
});
