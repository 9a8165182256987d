import { describe, expect, it } from "vitest";
import { localizedName, translationsSchema } from "./localized-name.ts";

describe("names in the viewer's language", () => {
  it("shows the viewer's translation, else the default name", () => {
    const t = { en: "Training", ru: "Обучение" };
    expect(localizedName("Szkolenie", t, "en")).toBe("Training");
    expect(localizedName("Szkolenie", t, "ru")).toBe("Обучение");
    expect(localizedName("Szkolenie", t, "pl")).toBe("Szkolenie");
    expect(localizedName("Szkolenie", { en: "" }, "en")).toBe("Szkolenie");
    expect(localizedName("Szkolenie", "garbage", "en")).toBe("Szkolenie");
  });

  it("keeps only the languages given, trimmed", () => {
    expect(translationsSchema.parse({ en: " Training ", ru: "  " })).toEqual({ en: "Training" });
    expect(translationsSchema.safeParse({ de: "Schulung" }).success).toBe(false);
  });
});
