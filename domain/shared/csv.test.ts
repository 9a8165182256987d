import { describe, expect, it } from "vitest";
import { csvCell, csvFile } from "./csv.ts";

describe("CSV for Excel", () => {
  it("quotes separators, quotes and line breaks, and never lets a cell be a formula", () => {
    expect(csvCell("Żak, Ada")).toBe('"Żak, Ada"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell(42)).toBe("42");
  });

  it("starts with a byte-order mark and ends every line with CRLF", () => {
    expect(
      csvFile([
        ["a", "b"],
        [1, 2],
      ]),
    ).toBe("\uFEFFa,b\r\n1,2\r\n");
  });
});
