import { describe, expect, it } from "vitest";
import { optIntent } from "./opt-out.ts";

describe("opt-out keywords", () => {
  it("takes the keyword alone, in English, Polish and Russian, whatever its case and punctuation", () => {
    for (const t of ["STOP", "stop", " Stop! ", "NIE", "nie.", "Wypisz", "stop sms", "СТОП", "стоп", "Отписаться!", "UNSUBSCRIBE"])
      expect(optIntent(t), t).toBe("STOP");
    for (const t of ["START", "start", "Старт"]) expect(optIntent(t), t).toBe("START");
  });

  it("leaves a conversation to an agent", () => {
    for (const t of ["Nie mogę zapłacić w tym tygodniu", "Please stop calling me at work", "стоп, а сколько я должен?", "", "TAK"])
      expect(optIntent(t), t).toBeNull();
  });
});
