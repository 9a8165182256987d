import { describe, expect, it } from "vitest";
import { answerAddresses, classifyEmail, customerAddress, mayAutoReply } from "./classify-email.ts";
import { answeredIds, caseNumberInSubject, replySubject } from "./threading.ts";

const mail = (over: Partial<Parameters<typeof mayAutoReply>[0]> = {}) => ({
  headers: {},
  deliveryReport: null,
  from: { address: "jan@example.com", name: "Jan" },
  replyTo: [] as { address: string; name: string }[],
  subject: "My order",
  ...over,
});

describe("classifying mail", () => {
  it("knows a person's mail", () => {
    expect(classifyEmail(mail())).toBe("NORMAL");
    expect(mayAutoReply(mail())).toBe(true);
  });
  it("knows bounces by their delivery report or by the mailer daemon's words", () => {
    expect(classifyEmail(mail({ deliveryReport: { messageId: "a@b", references: [], caseNumber: null, recipients: [] } }))).toBe("BOUNCE");
    expect(classifyEmail(mail({ from: { address: "MAILER-DAEMON@mx.example.com", name: "" }, subject: "Undelivered Mail Returned to Sender" }))).toBe("BOUNCE");
  });
  it("knows automatic replies in the usual ways", () => {
    expect(classifyEmail(mail({ headers: { "auto-submitted": "auto-replied" } }))).toBe("AUTO_REPLY");
    expect(classifyEmail(mail({ headers: { "x-autoreply": "yes" } }))).toBe("AUTO_REPLY");
    expect(classifyEmail(mail({ headers: { "x-auto-response-suppress": "All" } }))).toBe("AUTO_REPLY");
    expect(classifyEmail(mail({ subject: "Out of Office: back Monday" }))).toBe("AUTO_REPLY");
    expect(classifyEmail(mail({ subject: "Automatische Antwort" }))).toBe("NORMAL");
    expect(classifyEmail(mail({ headers: { "auto-submitted": "no" } }))).toBe("NORMAL");
  });
  it("never answers automatic mail, lists or no-reply senders automatically", () => {
    expect(mayAutoReply(mail({ headers: { "auto-submitted": "auto-generated" } }))).toBe(false);
    expect(mayAutoReply(mail({ headers: { "list-id": "<news.example.com>" } }))).toBe(false);
    expect(mayAutoReply(mail({ headers: { precedence: "bulk" } }))).toBe(false);
    expect(mayAutoReply(mail({ from: { address: "no-reply@shop.example", name: "" } }))).toBe(false);
    expect(mayAutoReply(mail({ from: null }))).toBe(false);
  });
  it("answers to Reply-To when there is one, and knows a web form's customer by it", () => {
    const kasia = { address: "kasia@customer.test", name: "Kasia" };
    const form = mail({ from: { address: "noreply@forms.shop.test", name: "Web form" }, replyTo: [kasia] });
    expect(answerAddresses(form)).toEqual([kasia]);
    expect(customerAddress(form)).toEqual(kasia);
    expect(mayAutoReply(form)).toBe(true);
    expect(answerAddresses(mail())).toEqual([{ address: "jan@example.com", name: "Jan" }]);
    // A person's own Reply-To (another address of theirs) is where answers go, but they stay who they are.
    expect(customerAddress(mail({ replyTo: [kasia] }))).toEqual({ address: "jan@example.com", name: "Jan" });
    expect(mayAutoReply(mail({ replyTo: [{ address: "no-reply@shop.example", name: "" }] }))).toBe(false);
  });
});

describe("threading", () => {
  it("finds the case tag in a subject", () => {
    expect(caseNumberInSubject("Re: Order late [#1042]")).toBe(1042);
    expect(caseNumberInSubject("Order #1042")).toBeNull();
  });
  it("lists the answered ids nearest first, once each", () => {
    expect(answeredIds({ inReplyTo: "c@x", references: ["a@x", "b@x", "c@x"] })).toEqual(["c@x", "b@x", "a@x"]);
    expect(answeredIds({ inReplyTo: null, references: [] })).toEqual([]);
  });
  it("makes reply subjects with one Re: and one tag", () => {
    expect(replySubject("Order late", 7)).toBe("Re: Order late [#7]");
    expect(replySubject("RE: Re: Order late [#7]", 7)).toBe("Re: Order late [#7]");
    expect(replySubject("Odp: Zamówienie", 12)).toBe("Re: Zamówienie [#12]");
  });
});

describe("templates", async () => {
  const { renderTemplate } = await import("./render-template.ts");
  it("fills variables, leaves unknown ones visible", () => {
    const text = renderTemplate("Dear {first_name}, case {case_number} ({subject}) — {contact.customerNo}{contact.none} {typo}", {
      firstName: "Anna",
      caseNumber: 42,
      subject: "Invoice",
      contactFields: { customerNo: "C-7" },
    });
    expect(text).toBe("Dear Anna, case 42 (Invoice) — C-7 {typo}");
  });
});
