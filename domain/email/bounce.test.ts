import { describe, expect, it } from "vitest";
import { readBounce } from "./bounce.ts";

describe("reading bounces", () => {
  it("finds the bounced mail in a DSN's report and original headers (folded lines too)", () => {
    const report = "Reporting-MTA: dns; mx.customer.test\r\n\r\nFinal-Recipient: rfc822; Jan@customer.test\r\nAction: failed\r\nStatus: 5.2.2\r\n";
    const original =
      "From: support@shop.test\r\nTo: jan@customer.test\r\nSubject: Re: Late order\r\n [#42]\r\nMessage-ID:\r\n <abc-1@shop.test>\r\nReferences: <q-1@customer.test>\r\n <q-2@customer.test>\r\n\r\nbody";
    expect(readBounce([report, original])).toEqual({
      messageId: "abc-1@shop.test",
      references: ["q-1@customer.test", "q-2@customer.test"],
      caseNumber: 42,
      recipients: ["jan@customer.test"],
    });
  });
  it("finds it in the quoted headers of a plain text bounce", () => {
    const text = [
      "This is the mail system at host mx.customer.test.",
      "",
      "<ewa@customer.test>: host mx said: 550 5.1.1 unknown user",
      "",
      "------ This is a copy of the message's headers. ------",
      "",
      "> Message-Id: <xyz-9@shop.test>",
      "> Subject: Re: Invoice [#7]",
    ].join("\n");
    expect(readBounce([text])).toEqual({ messageId: "xyz-9@shop.test", references: [], caseNumber: 7, recipients: ["ewa@customer.test"] });
  });
  it("gives nothing when there is nothing to go by", () => {
    expect(readBounce(["Sorry, it did not work."])).toEqual({ messageId: null, references: [], caseNumber: null, recipients: [] });
  });
});
