import { describe, expect, it } from "vitest";
import { DEFAULT_ATTEMPT_RULES } from "./attempt-rules.ts";
import { attemptRulesOf, campaignSettingsSchema, mayDo } from "./campaign-settings.ts";

const parse = (o: Record<string, unknown>) => campaignSettingsSchema.safeParse({ name: "Debts", ...o });
const paths = (o: Record<string, unknown>) => {
  const r = parse(o);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("campaign settings", () => {
  it("fills the defaults: progressive, 3 % abandon cap, AMD hanging up on machines, five attempts", () => {
    const r = parse({});
    expect(r.success && r.data).toMatchObject({
      mode: "PROGRESSIVE",
      abandonCapPercent: 3,
      amd: true,
      machineAction: "HANG_UP",
      unsureToAgent: true,
      maxAttempts: 5,
      lineLimit: 10,
      ringSeconds: 30,
      retryMinutes: {},
      listIds: [],
      previewSeconds: null,
      callingHours: { enabled: false, days: {}, holidays: [] },
    });
  });

  it("an SMS campaign needs its account and a template of at most 6 parts; the sender is a number or a short name", () => {
    const account = "0190d1f0-0000-7000-8000-000000000001";
    expect(paths({ mode: "SMS" })).toEqual(["smsAccountId", "smsTemplate"]);
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "Hi {name}" })).toEqual([]);
    // 6 UCS-2 parts take 402 characters; 403 take 7.
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "ż".repeat(402) })).toEqual([]);
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "ż".repeat(403) })).toEqual(["smsTemplate"]);
    // Plain letters make the same text GSM 7-bit: 3 parts.
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "ż".repeat(403), smsPlainLetters: true })).toEqual([]);
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "Hi", smsFrom: "+48221230000" })).toEqual([]);
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "Hi", smsFrom: "Centrala" })).toEqual([]);
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "Hi", smsFrom: "A name far too long" })).toEqual(["smsFrom"]);
    expect(paths({ mode: "SMS", smsAccountId: account, smsTemplate: "Hi", smsPerMinute: 0 })).toEqual(["smsPerMinute"]);
  });

  it("never lets the abandon cap above 3 % nor below 0.5 %", () => {
    expect(paths({ abandonCapPercent: 3.1 })).toEqual(["abandonCapPercent"]);
    expect(paths({ abandonCapPercent: 0.4 })).toEqual(["abandonCapPercent"]);
    expect(paths({ abandonCapPercent: 0.5 })).toEqual([]);
    expect(paths({ abandonCapPercent: 2.5 })).toEqual([]);
  });

  it("needs the abandon message for a predictive campaign", () => {
    expect(paths({ mode: "PREDICTIVE" })).toEqual(["abandonMessage"]);
    expect(paths({ mode: "PREDICTIVE", abandonMessage: "Sorry, we will call again." })).toEqual([]);
    expect(paths({ mode: "PROGRESSIVE" })).toEqual([]);
    // A recorded prompt will do instead.
    expect(paths({ mode: "PREDICTIVE", abandonAudioId: "0190f1d2-7a4b-7c3d-8e5f-a6b7c8d9e0f1" })).toEqual([]);
    expect(paths({ mode: "PREDICTIVE", abandonAudioId: "not-an-id" })).toEqual(["abandonAudioId"]);
  });

  it("needs the machine message when machines are left one (and AMD is on)", () => {
    expect(paths({ machineAction: "MESSAGE" })).toEqual(["machineMessage"]);
    expect(paths({ machineAction: "MESSAGE", machineMessage: "Please call us back." })).toEqual([]);
    expect(paths({ machineAction: "MESSAGE", amd: false })).toEqual([]);
    expect(paths({ machineAction: "MESSAGE", machineAudioId: "0190f1d2-7a4b-7c3d-8e5f-a6b7c8d9e0f1" })).toEqual([]);
  });

  it("needs the end after the start", () => {
    expect(paths({ startsAt: "2026-12-10T08:00:00Z", endsAt: "2026-12-10T08:00:00Z" })).toEqual(["endsAt"]);
    expect(paths({ startsAt: "2026-12-10T08:00:00Z", endsAt: "2026-12-11T08:00:00Z" })).toEqual([]);
  });

  it("checks the numbers' ranges and the retried outcomes' names", () => {
    expect(paths({ maxAttempts: 0, lineLimit: 0, ringSeconds: 5, wrapUpSeconds: -1, priority: 101 }).sort()).toEqual(
      ["lineLimit", "maxAttempts", "priority", "ringSeconds", "wrapUpSeconds"].sort(),
    );
    expect(paths({ retryMinutes: { BUSY: 0 } })).toEqual(["retryMinutes.BUSY"]);
    expect(paths({ retryMinutes: { REACHED: 5 } })).toHaveLength(1);
    expect(paths({ recordingPolicy: "LISTED" })).toEqual(["recordingPolicy"]);
    expect(paths({ name: "  " })).toEqual(["name"]);
  });

  it("lists each list, team and result code once", () => {
    const id = "0193a000-0000-7000-8000-000000000001";
    const r = parse({ listIds: [id, id], dispositionIds: [id, id], teamIds: [id] });
    expect(r.success && [r.data.listIds, r.data.dispositionIds]).toEqual([[id], [id]]);
  });

  it("gives the attempt rules: the campaign's own delays, the defaults for the rest", () => {
    expect(attemptRulesOf({ maxAttempts: 3, retryMinutes: { BUSY: 15 } })).toEqual({
      maxAttempts: 3,
      retryMinutes: { ...DEFAULT_ATTEMPT_RULES.retryMinutes, BUSY: 15 },
    });
    expect(attemptRulesOf({ maxAttempts: 5, retryMinutes: "junk" }).retryMinutes).toEqual(DEFAULT_ATTEMPT_RULES.retryMinutes);
  });

  it("allows start from a draft only, pause/resume between running and paused, stop from either", () => {
    expect([mayDo("start", "DRAFT"), mayDo("start", "PAUSED")]).toEqual([true, false]);
    expect([mayDo("pause", "RUNNING"), mayDo("pause", "PAUSED"), mayDo("resume", "PAUSED")]).toEqual([true, false, true]);
    expect([mayDo("stop", "RUNNING"), mayDo("stop", "PAUSED"), mayDo("stop", "DRAFT"), mayDo("delete", "STOPPED")]).toEqual([true, true, false, false]);
  });
});
