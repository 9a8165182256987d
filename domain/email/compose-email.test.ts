import { describe, expect, it } from "vitest";
import { composeEmail, markupToHtml, markupToText } from "./compose-email.ts";

const original = {
  fromName: "Anna Nowak",
  fromAddress: "anna@customer.test",
  date: new Date("2026-11-20T09:30:00Z"),
  subject: "Invoice question",
  to: ["support@shop.test"],
  text: "The invoice is wrong.\n> earlier words",
};

describe("light markup", () => {
  it("formats bold, italic, links and lists, and escapes everything else", () => {
    expect(markupToHtml("Hello **Anna**, see *this* and _that_.\nNext line")).toBe(
      "<p>Hello <strong>Anna</strong>, see <em>this</em> and <em>that</em>.<br>Next line</p>",
    );
    expect(markupToHtml("- one\n- two\n\n1. first\n2. second")).toBe("<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li><li>second</li></ol>");
    expect(markupToHtml("[our shop](https://shop.test/a_b_c?x=1&y=2) or https://shop.test/_x_.")).toBe(
      '<p><a href="https://shop.test/a_b_c?x=1&amp;y=2">our shop</a> or <a href="https://shop.test/_x_">https://shop.test/_x_</a>.</p>',
    );
    expect(markupToHtml('<script>alert(1)</script> [x](javascript:alert(1)) "q"')).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) &quot;q&quot;</p>",
    );
    expect(markupToHtml("snake_case_name and 2*3*4")).toBe("<p>snake_case_name and 2*3*4</p>");
  });
  it("reads as plain text without the formatting marks", () => {
    expect(markupToText("**Hi**, see [the page](https://shop.test/p)")).toBe("Hi, see the page <https://shop.test/p>");
  });
});

describe("composeEmail", () => {
  it("a reply: the words, the signature after '-- ', the customer's mail quoted", () => {
    const { text, html } = composeEmail({
      body: "Thank you, **fixed**.",
      signature: "Ewa\nShop support",
      original,
      forward: false,
      locale: "en",
      timeZone: "Europe/Warsaw",
    });
    expect(text).toBe(
      "Thank you, fixed.\n\n-- \nEwa\nShop support\n\nOn 20 Nov 2026, 10:30, Anna Nowak <anna@customer.test> wrote:\n> The invoice is wrong.\n>> earlier words\n",
    );
    expect(html).toContain("<strong>fixed</strong>");
    expect(html).toContain("Anna Nowak &lt;anna@customer.test&gt;");
    expect(html).toContain("<blockquote");
  });
  it("quotes in the case's language", () => {
    expect(composeEmail({ body: "Dzień dobry", signature: "", original, forward: false, locale: "pl", timeZone: "Europe/Warsaw" }).text).toContain(
      "Anna Nowak <anna@customer.test> napisał(a):",
    );
  });
  it("a forward carries the forwarded mail's header block and text", () => {
    const { text } = composeEmail({ body: "Please check.", signature: "", original, forward: true, locale: "en", timeZone: "UTC" });
    expect(text).toContain(
      "---------- Forwarded message ----------\nFrom: Anna Nowak <anna@customer.test>\nDate: 20 Nov 2026, 09:30\nSubject: Invoice question\nTo: support@shop.test\n\nThe invoice is wrong.",
    );
  });
  it("a first mail has neither quote nor signature when none is set", () => {
    expect(composeEmail({ body: "Hi", signature: "  ", original: null, forward: false, locale: "en", timeZone: "UTC" })).toEqual({
      text: "Hi\n",
      html: "<div><p>Hi</p></div>",
    });
  });
});
