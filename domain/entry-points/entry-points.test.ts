import { describe, expect, it } from "vitest";
import { isOpen } from "./business-hours.ts";
import { identityHash, verifyIdentity } from "./identity.ts";
import { readWidgetConfig, widgetConfigSchema, widgetLanguage } from "./widget-config.ts";

describe("widget configuration", () => {
  it("gives a usable widget from nothing, and from stored garbage", () => {
    expect(readWidgetConfig({})).toMatchObject({ color: "#2459c2", languages: ["pl", "en", "ru"], allowedOrigins: [], contact: "email_or_phone" });
    expect(readWidgetConfig({ color: 42 }).color).toBe("#2459c2");
  });
  it("accepts origins only, without paths", () => {
    expect(widgetConfigSchema.parse({ allowedOrigins: ["https://www.example.com/"] }).allowedOrigins).toEqual(["https://www.example.com"]);
    expect(widgetConfigSchema.safeParse({ allowedOrigins: ["https://www.example.com/contact"] }).success).toBe(false);
    expect(widgetConfigSchema.safeParse({ allowedOrigins: ["javascript:alert(1)"] }).success).toBe(false);
  });
  it("speaks the visitor's language when it can", () => {
    const c = readWidgetConfig({ languages: ["pl", "en"] });
    expect(widgetLanguage(c, "en-GB")).toBe("en");
    expect(widgetLanguage(c, "ru")).toBe("pl");
  });
});

describe("business hours", () => {
  const hours = readWidgetConfig({ businessHours: { enabled: true, days: { mon: [{ from: "08:00", to: "16:00" }] }, holidays: ["2026-11-30"] } }).businessHours;
  it("opens on the organisation's clock", () => {
    expect(isOpen(hours, "Europe/Warsaw", new Date("2026-11-23T07:30:00Z"))).toBe(true); // Monday 08:30 in Warsaw
    expect(isOpen(hours, "Europe/Warsaw", new Date("2026-11-23T06:30:00Z"))).toBe(false); // 07:30
    expect(isOpen(hours, "Europe/Warsaw", new Date("2026-11-23T15:00:00Z"))).toBe(false); // 16:00 closes
    expect(isOpen(hours, "Europe/Warsaw", new Date("2026-11-24T09:00:00Z"))).toBe(false); // Tuesday
  });
  it("stays closed on holidays", () => {
    expect(isOpen(hours, "Europe/Warsaw", new Date("2026-11-30T09:00:00Z"))).toBe(false);
  });
});

describe("identity verification", () => {
  it("accepts the site's signature and nothing else", () => {
    const hash = identityHash("s3cret", "customer-42");
    expect(verifyIdentity("s3cret", "customer-42", hash)).toBe(true);
    expect(verifyIdentity("s3cret", "customer-43", hash)).toBe(false);
    expect(verifyIdentity("other", "customer-42", hash)).toBe(false);
    expect(verifyIdentity("s3cret", "customer-42", "not hex")).toBe(false);
  });
});
