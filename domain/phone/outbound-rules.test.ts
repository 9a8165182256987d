import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors.ts";
import { type OutboundCheck, defaultOutboundRules, outboundRefusal, parseOutboundRules, parsePrefixList, readOutboundRules } from "./outbound-rules.ts";

const MONDAY_NOON_WARSAW = new Date("2026-11-23T11:00:00Z");
const base = (over: Partial<OutboundCheck> = {}): OutboundCheck => ({
  rules: { allowedPrefixes: ["+48"], blockedPrefixes: ["+48700", "+48701"], hours: null, perAgentPerHour: 30 },
  number: "+48 22 123 45 67",
  now: MONDAY_NOON_WARSAW,
  timezone: "Europe/Warsaw",
  agentCallsLastHour: 0,
  trunk: { active: true, callsPerMinute: 10, maxCalls: 5 },
  trunkCallsLastMinute: 0,
  trunkLiveCalls: 0,
  ...over,
});
const reason = (over: Partial<OutboundCheck>) => outboundRefusal(base(over))?.reason ?? null;

describe("outboundRefusal", () => {
  it("lets an ordinary call within the rules through", () => {
    expect(outboundRefusal(base())).toBeNull();
    expect(reason({ number: "0048221234567" })).toBeNull();
  });

  it("INVALID_NUMBER: no country code, letters", () => {
    expect(outboundRefusal(base({ number: "22 123 45 67" }))).toEqual({
      reason: "INVALID_NUMBER",
      message: '"22 123 45 67" is not a phone number with a country code (like +48 22 123 45 67)',
    });
    expect(reason({ number: "call me" })).toBe("INVALID_NUMBER");
  });

  it("TRUNK_OFF: the trunk is switched off", () => {
    expect(reason({ trunk: { active: false, callsPerMinute: 10, maxCalls: 5 } })).toBe("TRUNK_OFF");
  });

  it("BLOCKED_PREFIX wins over an allowed prefix, and names the prefix", () => {
    expect(outboundRefusal(base({ number: "+48 700 123 456" }))).toEqual({
      reason: "BLOCKED_PREFIX",
      message: "Calls to +48700… numbers are blocked by your organisation's rules",
    });
  });

  it("NOT_ALLOWED_PREFIX: another country; and nothing at all when no prefix is allowed", () => {
    expect(outboundRefusal(base({ number: "+44 20 7946 0958" }))).toEqual({
      reason: "NOT_ALLOWED_PREFIX",
      message: "Calls to +442079460958 are not allowed by your organisation's rules",
    });
    expect(reason({ rules: { ...base().rules, allowedPrefixes: [] } })).toBe("NOT_ALLOWED_PREFIX");
    expect(reason({ rules: { ...base().rules, allowedPrefixes: ["+4822"] }, number: "+48 12 123 45 67" })).toBe("NOT_ALLOWED_PREFIX");
  });

  it("OUTSIDE_HOURS: on the organisation's clock", () => {
    const hours = { enabled: true, days: { mon: [{ from: "08:00", to: "16:00" }] }, holidays: [] };
    const rules = { ...base().rules, hours };
    expect(reason({ rules })).toBeNull(); // 12:00 in Warsaw
    expect(reason({ rules, now: new Date("2026-11-23T15:30:00Z") })).toBe("OUTSIDE_HOURS"); // 16:30
    expect(reason({ rules, now: new Date("2026-11-24T11:00:00Z") })).toBe("OUTSIDE_HOURS"); // Tuesday
  });

  it("AGENT_RATE: the agent's calls in the last hour reach the limit", () => {
    expect(reason({ agentCallsLastHour: 29 })).toBeNull();
    expect(outboundRefusal(base({ agentCallsLastHour: 30 }))?.message).toBe("You have started 30 calls in the last hour, the most allowed; try again later");
  });

  it("TRUNK_BUSY: every channel of the trunk is in use", () => {
    expect(reason({ trunkLiveCalls: 4 })).toBeNull();
    expect(reason({ trunkLiveCalls: 5 })).toBe("TRUNK_BUSY");
  });

  it("TRUNK_RATE: too many calls started on the trunk this minute", () => {
    expect(reason({ trunkCallsLastMinute: 9 })).toBeNull();
    expect(reason({ trunkCallsLastMinute: 10 })).toBe("TRUNK_RATE");
  });
});

describe("outbound rules", () => {
  it("an organisation that saved nothing may call its own country, premium numbers excepted", () => {
    expect(readOutboundRules({}, "Europe/Warsaw")).toMatchObject({ allowedPrefixes: ["+48"], perAgentPerHour: 30, hours: null });
    expect(readOutboundRules({}, "Europe/Warsaw").blockedPrefixes).toContain("+48700");
    expect(readOutboundRules(null, "America/Lima")).toEqual(defaultOutboundRules("America/Lima"));
    expect(defaultOutboundRules("America/Lima").allowedPrefixes).toEqual([]);
  });

  it("keeps saved rules, even an empty allowed list", () => {
    const saved = { allowedPrefixes: [], blockedPrefixes: [], hours: null, perAgentPerHour: 5 };
    expect(readOutboundRules(saved, "Europe/Warsaw")).toEqual(saved);
  });

  it("reads prefixes as admins type them", () => {
    expect(parsePrefixList("+48, 0044\n+48 22;;x1")).toEqual({ prefixes: ["+48", "+44", "+4822"], invalid: ["x1"] });
  });

  it("reports every bad field at once", () => {
    try {
      parseOutboundRules({ allowedPrefixes: ["+48", "48"], blockedPrefixes: "+0", perAgentPerHour: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const fields = (e as DomainError).details.fields!;
      expect(fields.map((f) => [f.path, f.code])).toEqual([
        ["input.allowedPrefixes", "invalid_prefix"],
        ["input.blockedPrefixes", "invalid_prefix"],
        ["input.perAgentPerHour", "too_small"],
      ]);
      expect(fields[0].params).toEqual({ prefixes: "48", count: 1 });
    }
  });
});
