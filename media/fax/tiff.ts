// Reads the page directory of a TIFF file (what a fax is stored as): how many pages, their size,
// resolution, compression and the ImageDescription spandsp fills with the sender's ident, and
// where each page's image data is. Only the structure: decoding CCITT data is left to libtiff.

export type TiffPage = {
  width: number;
  length: number;
  /** 1 = none, 3 = CCITT G3 (T.4), 4 = CCITT G4 (T.6) */
  compression: number;
  /** 0 = white is zero, 1 = black is zero */
  photometric: number;
  bitsPerSample: number;
  /** 1 = the first pixel is a byte's high bit; 2 = its low bit (what spandsp writes) */
  fillOrder: number;
  /** Dots per inch (or per cm when resolutionUnit is 3); null when absent. */
  xResolution: number | null;
  yResolution: number | null;
  resolutionUnit: number;
  description: string;
  strips: { offset: number; bytes: number }[];
};

export class TiffError extends Error {}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };
/** More pages than any fax; stops a crafted loop of directories. */
const MAX_PAGES = 1000;

export function readTiffPages(data: Uint8Array): TiffPage[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 8) throw new TiffError("not a TIFF file (too short)");
  const order = String.fromCharCode(data[0]!, data[1]!);
  if (order !== "II" && order !== "MM") throw new TiffError("not a TIFF file");
  const le = order === "II";
  const u16 = (o: number) => {
    if (o + 2 > data.length) throw new TiffError("the TIFF file is cut short");
    return view.getUint16(o, le);
  };
  const u32 = (o: number) => {
    if (o + 4 > data.length) throw new TiffError("the TIFF file is cut short");
    return view.getUint32(o, le);
  };
  if (u16(2) !== 42) throw new TiffError("not a classic TIFF file");

  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  for (let ifd = u32(4); ifd !== 0;) {
    if (seen.has(ifd) || pages.length >= MAX_PAGES) throw new TiffError("the TIFF page directory loops");
    seen.add(ifd);
    const count = u16(ifd);
    const tags = new Map<number, number[]>();
    let description = "";
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const n = u32(entry + 4);
      const size = (TYPE_SIZE[type] ?? 0) * n;
      if (!size) continue;
      const at = size <= 4 ? entry + 8 : u32(entry + 8);
      if (at + size > data.length) throw new TiffError("the TIFF file is cut short");
      if (type === 2) {
        if (tag === 270) description = new TextDecoder("latin1").decode(data.subarray(at, at + n)).replace(/\0+$/, "");
        continue;
      }
      const values: number[] = [];
      for (let k = 0; k < Math.min(n, 1_000_000); k++) {
        if (type === 3) values.push(u16(at + 2 * k));
        else if (type === 4) values.push(u32(at + 4 * k));
        else if (type === 5) {
          const den = u32(at + 8 * k + 4);
          values.push(den ? u32(at + 8 * k) / den : 0);
        } else if (type === 1) values.push(data[at + k]!);
      }
      tags.set(tag, values);
    }
    const one = (tag: number, fallback: number) => tags.get(tag)?.[0] ?? fallback;
    const offsets = tags.get(273) ?? [];
    const counts = tags.get(279) ?? [];
    pages.push({
      width: one(256, 0),
      length: one(257, 0),
      compression: one(259, 1),
      photometric: one(262, 0),
      bitsPerSample: one(258, 1),
      fillOrder: one(266, 1),
      xResolution: tags.get(282)?.[0] ?? null,
      yResolution: tags.get(283)?.[0] ?? null,
      resolutionUnit: one(296, 2),
      description,
      strips: offsets.map((offset, i) => ({ offset, bytes: counts[i] ?? 0 })),
    });
    ifd = u32(ifd + 2 + count * 12);
  }
  return pages;
}

const REVERSED = Uint8Array.from({ length: 256 }, (_, b) => {
  let r = 0;
  for (let i = 0; i < 8; i++) if (b & (1 << i)) r |= 0x80 >> i;
  return r;
});

/** An uncompressed bilevel page's rows as "1 = black" bits (what two pages are compared by). */
export function blackBits(data: Uint8Array, page: TiffPage): Uint8Array {
  if (page.compression !== 1 || page.bitsPerSample !== 1) throw new TiffError("only uncompressed bilevel pages can be read");
  const bytes = Math.ceil(page.width / 8) * page.length;
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const s of page.strips) {
    const part = data.subarray(s.offset, s.offset + Math.min(s.bytes, bytes - at));
    out.set(part, at);
    at += part.length;
  }
  if (page.fillOrder === 2) for (let i = 0; i < out.length; i++) out[i] = REVERSED[out[i]!]!;
  if (page.photometric === 1) for (let i = 0; i < out.length; i++) out[i] = ~out[i]! & 0xff;
  return out;
}
