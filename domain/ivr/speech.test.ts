import { describe, expect, it } from "vitest";
import { fillPrompt, sayAmount, sayDigits } from "./speech.ts";

describe("sayAmount", () => {
  it("names the currency in the form the number needs, in each language", () => {
    expect(sayAmount(1, "PLN", "pl")).toBe("1 złoty");
    expect(sayAmount(22, "PLN", "pl")).toBe("22 złote");
    expect(sayAmount(125, "PLN", "pl")).toBe("125 złotych");
    expect(sayAmount(112, "PLN", "pl")).toBe("112 złotych");
    expect(sayAmount(125.5, "PLN", "pl")).toBe("125 złotych 50 groszy");
    expect(sayAmount(21, "RUB", "ru")).toBe("21 рубль");
    expect(sayAmount(3, "RUB", "ru")).toBe("3 рубля");
    expect(sayAmount(11, "RUB", "ru")).toBe("11 рублей");
    expect(sayAmount(1.01, "USD", "en")).toBe("1 dollar 1 cent");
    expect(sayAmount(125, "PLN", "en")).toBe("125 zlotys");
    expect(sayAmount(-5, "EUR", "en")).toBe("minus 5 euros");
  });
  it("an unknown currency is read with its code", () => {
    expect(sayAmount(10.5, "CHF", "en")).toBe("10.50 CHF");
  });
});

describe("fillPrompt", () => {
  it("fills variables as text, digits, numbers and amounts; a missing one is left out", () => {
    const vars = { name: "Anna", account: "4412 07", debt: "125.00", count: 3, none: null };
    expect(fillPrompt("Dzień dobry {name}, twój dług wynosi {debt:amount:PLN}.", vars, "pl")).toBe("Dzień dobry Anna, twój dług wynosi 125 złotych.");
    expect(fillPrompt("Account {account:digits}, {count:number} calls {none}waiting", vars, "en")).toBe("Account 4 4 1 2 0 7, 3 calls waiting");
    expect(fillPrompt("Ваш долг {debt:amount:RUB}", vars, "ru")).toBe("Ваш долг 125 рублей");
    expect(sayDigits("*12#")).toBe("* 1 2 #");
  });
});
