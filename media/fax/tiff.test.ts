import { describe, expect, it } from "vitest";
import { blackBits, readTiffPages, TiffError } from "./tiff";

/** A little-endian TIFF with one 8×2 uncompressed page per entry, chained. */
function tiff(pages: { rows: number[]; photometric: number; description: string; fillOrder?: number }[], loop = false): Uint8Array {
  const parts: number[] = [0x49, 0x49, 42, 0, 8, 0, 0, 0];
  const u16 = (v: number) => parts.push(v & 0xff, v >> 8);
  const u32 = (v: number) => parts.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24);
  pages.forEach((p, index) => {
    const ifd = parts.length;
    const entries = 8;
    const after = ifd + 2 + entries * 12 + 4;
    const desc = [...Buffer.from(p.description + "\0", "latin1")];
    const stripAt = after + desc.length;
    u16(entries);
    const entry = (tag: number, type: number, n: number, value: number) => (u16(tag), u16(type), u32(n), u32(value));
    entry(256, 3, 1, 8);
    entry(257, 3, 1, p.rows.length);
    entry(259, 3, 1, 1);
    entry(262, 3, 1, p.photometric);
    entry(266, 3, 1, p.fillOrder ?? 1);
    entry(270, 2, desc.length, after);
    entry(273, 4, 1, stripAt);
    entry(279, 4, 1, p.rows.length);
    const next = index < pages.length - 1 ? stripAt + p.rows.length : loop ? 8 : 0;
    u32(next);
    parts.push(...desc, ...p.rows);
  });
  return Uint8Array.from(parts);
}

describe("readTiffPages", () => {
  it("lists every page with its size, compression and description", () => {
    const file = tiff([
      { rows: [0xff, 0x00], photometric: 0, description: "+48 22 000 00 01" },
      { rows: [0x0f, 0xf0], photometric: 1, description: "" },
      { rows: [0x01, 0x80], photometric: 0, description: "", fillOrder: 2 },
    ]);
    const pages = readTiffPages(file);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toMatchObject({ width: 8, length: 2, compression: 1, description: "+48 22 000 00 01" });
    expect([...blackBits(file, pages[0]!)]).toEqual([0xff, 0x00]);
    // black-is-zero pages are turned round, so pages compare whatever their photometric
    expect([...blackBits(file, pages[1]!)]).toEqual([0xf0, 0x0f]);
    // and so are pages whose first pixel is a byte's low bit
    expect([...blackBits(file, pages[2]!)]).toEqual([0x80, 0x01]);
  });

  it("refuses what is not a TIFF, is cut short or loops", () => {
    expect(() => readTiffPages(Buffer.from("%PDF-1.4"))).toThrow(TiffError);
    const file = tiff([{ rows: [1, 2], photometric: 0, description: "x" }]);
    expect(() => readTiffPages(file.subarray(0, 40))).toThrow("cut short");
    expect(() => readTiffPages(tiff([{ rows: [1, 2], photometric: 0, description: "" }], true))).toThrow("loops");
  });
});
