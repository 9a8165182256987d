import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INTERACTION_EVENT_TYPES, isInteractionEventType } from "./event-types.ts";
import { eventRow, readEvent } from "./record-event.ts";

const base = { organizationId: "o", interactionId: "i", at: new Date("2026-12-04T10:00:00Z") };

describe("interaction event catalogue", () => {
  it("checks each kind's data when it is written", () => {
    expect(eventRow({ ...base, type: "ended", data: { by: "CONTACT" } }).data).toEqual({ by: "CONTACT" });
    expect(eventRow({ ...base, type: "accepted" }).data).toEqual({});
    // Wrong shape, unknown key, bad value: refused before anything is stored.
    expect(() => eventRow({ ...base, type: "ended", data: { by: "NOBODY" } } as never)).toThrow();
    expect(() => eventRow({ ...base, type: "accepted", data: { stray: 1 } } as never)).toThrow();
    expect(() => eventRow({ ...base, type: "offered", data: { expiresAt: "soon" } })).toThrow();
  });

  it("reads rows back typed, and an unknown or misshapen row as null", () => {
    const e = readEvent({ type: "rated", data: { rating: 4, comment: "" } });
    expect(e?.type === "rated" && e.data.rating).toBe(4);
    expect(readEvent({ type: "no_such_thing", data: {} })).toBeNull();
    expect(readEvent({ type: "rated", data: { rating: 9, comment: "" } })).toBeNull();
    expect(readEvent({ type: "accepted", data: null })).toEqual({ type: "accepted", data: {} });
  });

  it("has words for every event the case timeline shows, in every language", () => {
    const timeline = readFileSync(new URL("../../app/(app)/agent/cases/[id]/conversation.tsx", import.meta.url), "utf8");
    const shown = [...(timeline.match(/const SHOWN_EVENTS = new Set\(\[([^\]]*)\]/)?.[1] ?? "").matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(20);
    for (const type of shown) expect(isInteractionEventType(type), type).toBe(true);
    for (const lang of ["pl", "en", "ru"]) {
      const words = JSON.parse(readFileSync(new URL(`../../messages/${lang}.json`, import.meta.url), "utf8")).case.event as Record<string, string>;
      // Kinds whose words are composed from several keys (ivr steps, call-back states) are covered by their own keys.
      for (const type of shown.filter((t) => !["ivr_ended", "ivr_failed", "callback_retry_scheduled", "callback_failed"].includes(t)))
        expect(words[type], `${lang}: ${type}`).toBeTruthy();
    }
  });

  it("names every kind in snake case", () => {
    for (const type of Object.keys(INTERACTION_EVENT_TYPES)) expect(type).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});
