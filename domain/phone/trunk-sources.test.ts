import { describe, expect, it } from "vitest";
import { hostOf, parseSource, sourceAllowed } from "./trunk-sources.ts";

describe("trunk sources", () => {
  it("reads IPs and CIDRs, v4 and v6, and nothing else", () => {
    expect(parseSource("192.0.2.10")).toEqual({ address: "192.0.2.10", prefix: 32, family: "ipv4" });
    expect(parseSource(" 192.0.2.0/24 ")).toEqual({ address: "192.0.2.0", prefix: 24, family: "ipv4" });
    expect(parseSource("2001:db8::/32")).toEqual({ address: "2001:db8::", prefix: 32, family: "ipv6" });
    for (const bad of ["", "sip.example.com", "192.0.2.1/33", "192.0.2.1/", "192.0.2.1/8/8", "300.1.1.1", "2001:db8::/129"]) expect(parseSource(bad), bad).toBeNull();
  });

  it("allows only listed addresses and ranges", () => {
    const list = ["192.0.2.10", "198.51.100.0/24", "2001:db8::/32"];
    expect(sourceAllowed("192.0.2.10", list)).toBe(true);
    expect(sourceAllowed("192.0.2.11", list)).toBe(false);
    expect(sourceAllowed("198.51.100.77", list)).toBe(true);
    expect(sourceAllowed("2001:db8:1::5", list)).toBe(true);
    expect(sourceAllowed("2001:db9::5", list)).toBe(false);
    expect(sourceAllowed("::ffff:192.0.2.10", list)).toBe(true);
    expect(sourceAllowed("nonsense", list)).toBe(false);
    expect(sourceAllowed("192.0.2.10", [])).toBe(false);
  });

  it("takes the host out of host:port", () => {
    expect(hostOf("sip.example.com:5060")).toBe("sip.example.com");
    expect(hostOf("192.0.2.1")).toBe("192.0.2.1");
    expect(hostOf("[2001:db8::1]:5060")).toBe("2001:db8::1");
  });
});
