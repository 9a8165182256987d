import { describe, expect, it } from "vitest";
import { countSms } from "../../sms/sms-text.ts";
import { entryFields, paceBudget, renderCampaignSms, templateSummary } from "./campaign-text.ts";

const entry = { name: "Anna Nowak", phone: "+48601000001", email: "anna@example.pl", externalId: "K-17", fields: { debt: "120,50 zł", due: 5 } };

describe("campaign texts", () => {
  it("fills the list's columns and the built-in fields", () => {
    const f = entryFields(entry);
    expect(renderCampaignSms("Dzień dobry {firstName}, do zapłaty {debt} (nr {externalId}).", f, false)).toBe(
      "Dzień dobry Anna, do zapłaty 120,50 zł (nr K-17).",
    );
    expect(renderCampaignSms("{due} dni", f, false)).toBe("5 dni");
  });

  it("a field the contact lacks leaves no stray space", () => {
    const f = entryFields({ ...entry, name: "" });
    expect(renderCampaignSms("Hello {firstName}, your order {order} is ready.", f, false)).toBe("Hello, your order is ready.");
  });

  it("a column cannot overwrite the built-in name or phone", () => {
    const f = entryFields({ ...entry, fields: { phone: "000", name: "X" } });
    expect(f.phone).toBe("+48601000001");
    expect(f.name).toBe("Anna Nowak");
  });

  it("plain letters turn a Polish text into GSM 7-bit", () => {
    const text = renderCampaignSms("Zażółć gęślą jaźń, {firstName}", entryFields(entry), true);
    expect(text).toBe("Zazolc gesla jazn, Anna");
    expect(countSms(text).coding).toBe("GSM7");
    expect(templateSummary("Zażółć {debt}", false)).toMatchObject({ fields: ["debt"], count: { coding: "UCS2" } });
    expect(templateSummary("Zażółć {debt}", true).count.coding).toBe("GSM7");
  });

  it("Cyrillic stays as written", () => {
    expect(renderCampaignSms("Здравствуйте, {firstName}!", entryFields({ ...entry, name: "Иван Петров" }), true)).toBe("Здравствуйте, Иван!");
  });

  it("spreads the pace over the minute", () => {
    expect(paceBudget(600, 0, 5_000)).toBe(50);
    expect(paceBudget(600, 580, 5_000)).toBe(20);
    expect(paceBudget(600, 600, 5_000)).toBe(0);
    expect(paceBudget(1, 0, 5_000)).toBe(1);
    expect(paceBudget(1, 1, 5_000)).toBe(0);
  });
});
