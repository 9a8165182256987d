import { describe, expect, it } from "vitest";
import { concatInfo, countSms, decodeGsm, encodeGsm, gsmSeptets, joinParts, MAX_PARTS, planSms, withoutPolishDiacritics } from "./sms-text.ts";

/** The parts of a plan as the other side receives them: sequence number and raw payload. */
const received = (text: string, ref = 7) =>
  planSms(text, ref).segments.map((s) => ({ seq: s.udh ? concatInfo(s.udh)!.seq : 1, payload: s.payload, udh: s.udh }));

describe("counting an SMS", () => {
  it("GSM text: 160 in one message, 153 a part; extension characters cost two", () => {
    expect(countSms("a".repeat(160))).toEqual({ coding: "GSM7", units: 160, parts: 1, left: 0, costly: [] });
    expect(countSms("a".repeat(161))).toMatchObject({ parts: 2, left: 153 - 8 });
    expect(countSms("Cena 5€ [promocja]")).toMatchObject({ coding: "GSM7", units: 21 });
    expect(gsmSeptets("@£$¥_{}\\^~|€")).toBe(5 + 2 * 7);
    expect(countSms("")).toMatchObject({ coding: "GSM7", units: 0, parts: 1, left: 160 });
  });

  it("Polish diacritics and Cyrillic make it UCS-2: 70 and 67, and the composer is told which letters did it", () => {
    const pl = countSms("Dzień dobry, przypominamy o płatności");
    expect(pl).toMatchObject({ coding: "UCS2", units: 37, parts: 1, left: 33, costly: ["ń", "ł", "ś"] });
    expect(countSms("Здравствуйте! Напоминаем о платеже.")).toMatchObject({ coding: "UCS2", parts: 1 });
    expect(countSms("ą".repeat(71))).toMatchObject({ parts: 2, left: 67 - 4 });
    // Replacing the Polish letters brings it back to GSM.
    expect(withoutPolishDiacritics("Żółć gęślą jaźń ŁÓDŹ")).toBe("Zolc gesla jazn LODZ");
    expect(countSms(withoutPolishDiacritics("Dzień dobry, przypominamy o płatności")).coding).toBe("GSM7");
  });

  it("an emoji is two UTF-16 units and never split across parts", () => {
    const text = "x".repeat(66) + "😀" + "y".repeat(10);
    const plan = planSms(text, 1);
    expect(plan.coding).toBe("UCS2");
    expect(plan.segments.map((s) => s.text)).toEqual(["x".repeat(66), "😀" + "y".repeat(10)]);
  });
});

describe("planning and joining parts", () => {
  it("long Polish and Russian texts come back whole, in any order of arrival", () => {
    for (const text of [
      "Szanowny Kliencie, uprzejmie przypominamy, że termin płatności faktury nr 12/2026 na kwotę 1 250,00 zł minął 20 grudnia. Prosimy o wpłatę na konto wskazane w umowie lub kontakt z naszym działem obsługi pod numerem 22 123 45 67. Dziękujemy!",
      "Уважаемый клиент! Напоминаем, что срок оплаты счёта № 12/2026 на сумму 1 250,00 злотых истёк 20 декабря. Просим оплатить счёт или связаться с нами по телефону +48 22 123 45 67. Спасибо!",
    ]) {
      const parts = received(text);
      expect(parts.length).toBe(countSms(text).parts);
      expect(parts.length).toBeGreaterThan(2);
      for (const p of parts) expect(p.payload.length).toBeLessThanOrEqual(134); // 140 bytes less the 6-byte header
      expect(joinParts(parts, 8)).toBe(text);
      expect(joinParts([...parts].reverse(), 8)).toBe(text);
    }
  });

  it("GSM parts keep escape pairs whole, and joining the raw bytes keeps a € that a part boundary would cut", () => {
    const text = "a".repeat(152) + "€" + "b".repeat(20);
    const plan = planSms(text, 200);
    expect(plan.dataCoding).toBe(0);
    expect(plan.segments.map((s) => s.text)).toEqual(["a".repeat(152), "€" + "b".repeat(20)]);
    expect(plan.segments[0].udh).toEqual(Uint8Array.from([5, 0, 3, 200, 2, 1]));
    // Another sender's phone cutting after the escape: the parts alone lose the €, joined they keep it.
    const bytes = encodeGsm(text);
    const first = bytes.subarray(0, 153);
    const second = bytes.subarray(153);
    expect(first.at(-1)).toBe(0x1b);
    expect(decodeGsm(first) + decodeGsm(second)).not.toBe(text);
    expect(
      joinParts(
        [
          { seq: 2, payload: second },
          { seq: 1, payload: first },
        ],
        0,
      ),
    ).toBe(text);
  });

  it("round-trips every character of the GSM alphabet and its extension table", () => {
    const all =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€";
    expect(decodeGsm(encodeGsm(all))).toBe(all);
    expect(() => encodeGsm("ą")).toThrow(RangeError);
  });

  it("reads 8-bit and 16-bit concatenation headers, skipping other elements; none in a bad header", () => {
    expect(concatInfo(Uint8Array.from([5, 0, 3, 9, 3, 2]))).toEqual({ ref: 9, total: 3, seq: 2 });
    expect(concatInfo(Uint8Array.from([6, 8, 4, 1, 2, 4, 4]))).toEqual({ ref: 258, total: 4, seq: 4 });
    expect(concatInfo(Uint8Array.from([9, 0x24, 1, 1, 0, 3, 7, 2, 1]))).toEqual({ ref: 7, total: 2, seq: 1 });
    expect(concatInfo(Uint8Array.from([3, 0, 3, 9]))).toBeNull();
    expect(concatInfo(Uint8Array.from([0]))).toBeNull();
  });

  it(`refuses more than ${MAX_PARTS} parts`, () => {
    expect(countSms("a".repeat(153 * MAX_PARTS + 1)).parts).toBe(MAX_PARTS + 1);
    expect(() => planSms("a".repeat(153 * MAX_PARTS + 1), 0)).toThrow(RangeError);
  });
});
