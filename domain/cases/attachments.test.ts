import { describe, expect, it } from "vitest";
import { safeFileName, sniffType } from "./attachments.ts";

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe("attachment checks", () => {
  it("recognises images and PDF by their first bytes", () => {
    expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47))?.type).toBe("image/png");
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0))?.type).toBe("image/jpeg");
    expect(sniffType(new TextEncoder().encode("%PDF-1.7 ..."))?.type).toBe("application/pdf");
  });
  it("refuses anything else, whatever its name claims", () => {
    expect(sniffType(new TextEncoder().encode("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffType(bytes(0x4d, 0x5a))).toBeNull(); // a Windows executable
  });
  it("makes file names safe and gives them the real extension", () => {
    expect(safeFileName('../../etc/"passwd".pdf', "pdf")).toBe(".._.._etc__passwd_.pdf");
    expect(safeFileName("invoice.exe", "png")).toBe("invoice.png");
    expect(safeFileName("", "pdf")).toBe("file.pdf");
  });
});
