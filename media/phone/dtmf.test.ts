import { describe, expect, it } from "vitest";
import { DtmfTap } from "./dtmf-tap.ts";
import { dtmfFromInfo } from "./phone-gateway.ts";

describe("keys from SIP INFO", () => {
  it("reads dtmf-relay and plain dtmf bodies, and nothing else", () => {
    expect(dtmfFromInfo("application/dtmf-relay", "Signal=7\r\nDuration=160")).toBe("7");
    expect(dtmfFromInfo("application/dtmf-relay", "Signal= #\nDuration=100")).toBe("#");
    expect(dtmfFromInfo("application/dtmf", "a")).toBe("A");
    expect(dtmfFromInfo("application/dtmf-relay", "Signal=11")).toBe("#");
    expect(dtmfFromInfo("application/dtmf-relay", "Signal=16")).toBeNull();
    expect(dtmfFromInfo("text/plain", "5")).toBeNull();
  });

  it("reads no key from an empty Signal= (not the D of the Duration line after it)", () => {
    expect(dtmfFromInfo("application/dtmf-relay", "Signal=\r\nDuration=160")).toBeNull();
    expect(dtmfFromInfo("application/dtmf-relay", "Signal=\nDuration=160\n")).toBeNull();
    expect(dtmfFromInfo("application/dtmf-relay", "Signal= \r\nDuration=160")).toBeNull();
    expect(dtmfFromInfo("application/dtmf-relay", "Signal=D\r\nDuration=160")).toBe("D");
    expect(dtmfFromInfo("application/dtmf-relay", "Duration=160\r\nSignal=4\r\n")).toBe("4");
    expect(dtmfFromInfo("application/dtmf-relay", "Signal=12x")).toBeNull();
  });
});

describe("keys from RFC 4733 telephone-events", () => {
  const packet = (event: number, timestamp: number, end: boolean, pt = 101) => {
    const b = Buffer.alloc(16);
    b[0] = 0x80;
    b[1] = pt;
    b.writeUInt32BE(timestamp, 4);
    b[12] = event;
    b[13] = end ? 0x80 : 0;
    return b;
  };
  it("reports each key once, however many packets (and retransmitted ends) carry it", () => {
    const keys: string[] = [];
    const tap = new DtmfTap(101, (d) => keys.push(d));
    const feed = (m: Buffer) => (tap as unknown as { onRtp(m: Buffer): void }).onRtp(m);
    for (const end of [false, false, true, true, true]) feed(packet(1, 1000, end));
    feed(packet(11, 2000, false));
    feed(packet(10, 3000, true));
    feed(packet(5, 4000, false, 8)); // audio, not an event
    feed(packet(16, 5000, false)); // flash: not a key
    tap.close();
    expect(keys.join("")).toBe("1#*");
  });
});
