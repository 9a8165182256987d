// The widget settings as the admin screen edits them (domain/entry-points/widget-config.ts checks them).
type Locale = "pl" | "en" | "ru";
type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export interface WidgetSettings {
  color: string;
  position: "left" | "right";
  languages: Locale[];
  title: Partial<Record<Locale, string>>;
  greeting: Partial<Record<Locale, string>>;
  allowedOrigins: string[];
  businessHours: { enabled: boolean; days: Partial<Record<Day, { from: string; to: string }[]>>; holidays: string[] };
  topics: { id: string; label: Partial<Record<Locale, string>>; queueId: string | null }[];
  requireName: boolean;
  contact: "email" | "phone" | "email_or_phone" | "email_and_phone" | "none";
  askPin: boolean;
  transcripts: boolean;
  attachments: boolean;
  maxFileMegabytes: number;
}

export const DAYS: Day[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export const defaultSettings: WidgetSettings = {
  color: "#2459c2",
  position: "right",
  languages: ["pl", "en", "ru"],
  title: {},
  greeting: {},
  allowedOrigins: [],
  businessHours: { enabled: false, days: {}, holidays: [] },
  topics: [],
  requireName: true,
  contact: "email_or_phone",
  askPin: false,
  transcripts: true,
  attachments: true,
  maxFileMegabytes: 10,
};
