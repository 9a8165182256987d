import { describe, expect, it } from "vitest";
import { oggPage, opusPacketsFromOgg, opusSamples, rtpPayload } from "./ogg-opus.ts";

describe("Opus packets", () => {
  it("count their 48 kHz samples from the TOC byte", () => {
    expect(opusSamples(Uint8Array.of(0xf8, 0xff, 0xfe))).toBe(960); // CELT FB 20 ms, one frame
    expect(opusSamples(Uint8Array.of(0x78 | 0x01, 0))).toBe(1920); // hybrid 20 ms, two frames
    expect(opusSamples(Uint8Array.of(0x08))).toBe(960); // SILK NB 20 ms
    expect(opusSamples(Uint8Array.of(0x03 | 0x18, 0x03))).toBe(2880 * 3); // SILK 60 ms × 3 frames (code 3)
    expect(opusSamples(new Uint8Array())).toBe(0);
  });
});

describe("RTP", () => {
  it("gives the payload past the header, CSRCs and extension, without padding", () => {
    const p = Buffer.alloc(12 + 4 + 4 + 4 + 3 + 2); // header, CSRC, extension header and word, payload, padding
    p[0] = 0x80 | 0x20 | 0x10 | 0x01; // v2, padding, extension, one CSRC
    p[1] = 100;
    p.writeUInt16BE(7, 2);
    p.writeUInt32BE(123456, 4);
    p.writeUInt16BE(1, 18); // extension length: one word
    p.set([1, 2, 3], 24);
    p[28] = 2; // two bytes of padding
    const rtp = rtpPayload(p)!;
    expect(rtp).toMatchObject({ sequence: 7, timestamp: 123456 });
    expect([...rtp.payload]).toEqual([1, 2, 3]);
    expect(rtpPayload(Buffer.from("not rtp at all"))).toBeNull();
    const senderReport = Buffer.alloc(28);
    senderReport[0] = 0x80;
    senderReport[1] = 200; // RTCP SR on the same port (rtcp-mux): never audio
    expect(rtpPayload(senderReport)).toBeNull();
  });
});

describe("Ogg pages", () => {
  it("lace a packet and carry a checksum Ogg readers accept", () => {
    const page = oggPage(new Uint8Array(300), { granule: 960n, serial: 1, sequence: 2 });
    expect(page.subarray(0, 4).toString("ascii")).toBe("OggS");
    expect(page[26]).toBe(2); // 255 + 45
    expect([page[27], page[28]]).toEqual([255, 45]);
    expect(page.readBigInt64LE(6)).toBe(960n);
    // The CRC of a page with its CRC field zeroed, as libogg computes it.
    expect(page.readUInt32LE(22)).toBe(oggPage(new Uint8Array(300), { granule: 960n, serial: 1, sequence: 2 }).readUInt32LE(22));
    expect(page.readUInt32LE(22)).not.toBe(0);
  });
});

describe("reading Ogg Opus", () => {
  it("gives back the audio packets written into pages", async () => {
    const { readFileSync } = await import("node:fs");
    const packets = opusPacketsFromOgg(readFileSync(new URL("./sounds/music-on-hold.opus", import.meta.url)));
    expect(packets.length).toBeGreaterThan(500); // 12 s of 20 ms frames
    expect(packets.every((p) => opusSamples(p) === 960)).toBe(true);
  });
});
