// A chat widget's settings, as admins edit them and as the widget reads them. Data checked by one
// zod schema (CONVENTIONS: flows and settings are data), with defaults that make a usable widget.
import { z } from "zod";
import { LOCALES, type Locale } from "../shared/locale.ts";
import { businessHoursSchema } from "./business-hours.ts";

const localized = z.partialRecord(z.enum(LOCALES), z.string().trim().max(300, "at most 300 characters"));
const origin = z
  .string()
  .trim()
  .transform((v) => v.replace(/\/+$/, ""))
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === v;
    } catch {
      return false;
    }
  }, "an origin like https://www.example.com (no path)");


export const widgetConfigSchema = z.object({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "a colour like #2459c2")
    .default("#2459c2"),
  position: z.enum(["right", "left"]).default("right"),
  languages: z.array(z.enum(LOCALES)).min(1, "at least one language").default(["pl", "en", "ru"]),
  title: localized.default({}),
  greeting: localized.default({}),
  /** Pages on these origins may embed the widget; none means nowhere. */
  allowedOrigins: z.array(origin).max(50).default([]),
  businessHours: businessHoursSchema,
  topics: z
    .array(
      z.object({
        id: z
          .string()
          .trim()
          .regex(/^[a-z0-9-]{1,40}$/, "a-z, 0-9 and -"),
        label: localized,
        queueId: z.uuid().nullable().default(null),
      }),
    )
    .max(30)
    .default([]),
  requireName: z.boolean().default(true),
  contact: z.enum(["email", "phone", "email_or_phone", "email_and_phone", "none"]).default("email_or_phone"),
  askPin: z.boolean().default(false),
  transcripts: z.boolean().default(true),
  attachments: z.boolean().default(true),
  maxFileMegabytes: z.number().int().min(1).max(25).default(10),
  /** A "Call us" button: the visitor's browser calls an agent (the queue must take voice). */
  calls: z.boolean().default(false),
});

export type WidgetConfig = z.output<typeof widgetConfigSchema>;

/** Stored JSON that no longer passes the schema still yields a working (default) widget. */
export function readWidgetConfig(stored: unknown): WidgetConfig {
  const parsed = widgetConfigSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : widgetConfigSchema.parse({});
}

/** The language a visitor gets: theirs if the widget speaks it, else the widget's first. */
export function widgetLanguage(config: WidgetConfig, wanted: string | null | undefined): Locale {
  const w = (wanted ?? "").slice(0, 2).toLowerCase();
  return (config.languages as string[]).includes(w) ? (w as Locale) : config.languages[0];
}

export function localizedText(texts: Partial<Record<Locale, string>>, locale: Locale): string {
  return texts[locale] || texts.en || texts.pl || texts.ru || "";
}
