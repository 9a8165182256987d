import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors.ts";
import { parseTrunkInput } from "./trunks.ts";

const valid = { name: "Provider", host: "sip.example.com", username: "48221234567", secret: "s", callerIds: ["+48 22 123 45 67"] };
const issues = (raw: Record<string, unknown>) => {
  try {
    parseTrunkInput({ ...valid, ...raw } as never);
    return [];
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.details.fields!.map((f) => `${f.path}:${f.code}`);
  }
};

describe("SIP trunk settings", () => {
  it("fills defaults and normalises caller IDs", () => {
    expect(parseTrunkInput(valid)).toMatchObject({
      host: "sip.example.com",
      proxy: "",
      codecs: ["PCMA", "PCMU"],
      maxCalls: 30,
      callsPerMinute: 30,
      register: true,
      callerIds: ["+48221234567"],
    });
  });

  it("takes a host or host:port, never a scheme or a path", () => {
    for (const host of ["sip.example.com:5060", "10.0.0.1", "[2001:db8::1]:5061", "localhost"]) expect(issues({ host })).toEqual([]);
    for (const host of ["sip:sip.example.com", "sip.example.com/x", "sip.example.com:0", "sip.example.com:70000", "a b", "-bad.example"])
      expect(issues({ host }), host).toEqual(["input.host:invalid_format"]);
    expect(issues({ host: "" })).toEqual(["input.host:too_small", "input.host:invalid_format"]);
    expect(issues({ host: "sip:sip.example.com" })).toEqual(["input.host:invalid_format"]);
    expect(issues({ proxy: "proxy.example.com:5060" })).toEqual([]);
    expect(issues({ proxy: "udp://proxy" })).toHaveLength(1);
  });

  it("needs a user name; codecs are a non-empty subset of PCMA and PCMU", () => {
    expect(issues({ username: "" })).toEqual(["input.username:too_small"]);
    expect(issues({ codecs: [] })).toEqual(["input.codecs:too_small"]);
    expect(issues({ codecs: ["PCMU", "PCMA"] })).toEqual([]);
    expect(issues({ codecs: ["G729"] })).toEqual(["input.codecs.0:invalid_value"]);
    expect(issues({ codecs: ["PCMA", "PCMA"] })).toEqual(["input.codecs:custom"]);
  });

  it("limits calls at once to 1–1000 and per minute to 1–10000", () => {
    expect(issues({ maxCalls: 0, callsPerMinute: 10_001 })).toEqual(["input.maxCalls:too_small", "input.callsPerMinute:too_big"]);
    expect(issues({ maxCalls: 1000, callsPerMinute: 10_000 })).toEqual([]);
  });

  it("reports caller IDs that are not numbers together with the other mistakes", () => {
    expect(issues({ name: "", callerIds: ["+48 22 123 45 67", "12345"] })).toEqual(["input.name:too_small", "input.callerIds:invalid_phone"]);
  });

  it("takes IPs and CIDR ranges the trunk's calls may come from, blank lines dropped", () => {
    expect(parseTrunkInput({ ...valid, allowedSources: ["192.0.2.10", " 198.51.100.0/24 ", "", "2001:db8::/32"] }).allowedSources).toEqual([
      "192.0.2.10",
      "198.51.100.0/24",
      "2001:db8::/32",
    ]);
    expect(issues({ allowedSources: ["sip.example.com"] })).toEqual(["input.allowedSources:invalid_source"]);
  });
});
