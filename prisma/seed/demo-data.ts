// The demo organisation that a first start on embedded defaults creates. Its own words (queues,
// teams) are in its language, Polish; what agents pick from (pause reasons, dispositions, case
// statuses) comes in all three languages, as an admin would name it, so each user reads theirs.
import type { BuiltInRole } from "../../domain/access/permissions.ts";
import type { Locale } from "../../domain/shared/locale.ts";

/** A name in each language: the organisation's is the name, the others its translations. */
export type Words = Record<Locale, string>;
export const DEMO_LOCALE: Locale = "pl";

export const DEMO_PASSWORD = "centrala";

export const DEMO_USERS: { username: string; name: string; email: string; role: BuiltInRole; locale: "pl" | "en" | "ru" }[] = [
  { username: "admin", name: "Anna Nowak", email: "admin@demo.centrala.example", role: "ADMIN", locale: "en" },
  { username: "manager", name: "Marek Wiśniewski", email: "manager@demo.centrala.example", role: "MANAGER", locale: "pl" },
  { username: "supervisor", name: "Sylwia Kowalczyk", email: "supervisor@demo.centrala.example", role: "SUPERVISOR", locale: "en" },
  { username: "agent1", name: "Piotr Zieliński", email: "agent1@demo.centrala.example", role: "AGENT", locale: "pl" },
  { username: "agent2", name: "Emma Clarke", email: "agent2@demo.centrala.example", role: "AGENT", locale: "en" },
  { username: "agent3", name: "Olga Smirnova", email: "agent3@demo.centrala.example", role: "AGENT", locale: "ru" },
];

export const DEMO_TEAMS = [
  { name: "Zespół obsługi", members: [{ username: "supervisor", lead: true }, { username: "agent1" }, { username: "agent2" }] },
  { name: "Zespół sprzedaży", members: [{ username: "supervisor", lead: true }, { username: "agent3" }] },
];

export const DEMO_QUEUES = [
  {
    name: "Obsługa klienta",
    description: "Pytania o zamówienia, faktury i dostawy",
    channels: ["VOICE", "CHAT", "EMAIL"] as const,
    priority: 50,
    wrapUpSeconds: 15,
    members: [
      { username: "agent1", skillLevel: 8 },
      { username: "agent2", skillLevel: 5 },
      { username: "agent3", skillLevel: 3 },
    ],
  },
  {
    name: "Sprzedaż",
    description: "Nowi klienci i oferty",
    channels: ["VOICE", "CHAT"] as const,
    priority: 70,
    wrapUpSeconds: 30,
    requireDisposition: true,
    members: [
      { username: "agent3", skillLevel: 9 },
      { username: "agent2", skillLevel: 4 },
    ],
  },
].map((q) => ({ ...q, channels: [...q.channels] }));

/** The pause reasons every new organisation starts with (named in its language, translated). */
export const DEMO_PAUSE_CODES: { name: Words; maxDurationMinutes: number }[] = [
  { name: { pl: "Przerwa 1", en: "Pause 1", ru: "Пауза 1" }, maxDurationMinutes: 15 },
  { name: { pl: "Przerwa 2", en: "Pause 2", ru: "Пауза 2" }, maxDurationMinutes: 15 },
  { name: { pl: "Szkolenie", en: "Training", ru: "Обучение" }, maxDurationMinutes: 120 },
  { name: { pl: "Spotkanie", en: "Meeting", ru: "Совещание" }, maxDurationMinutes: 60 },
  { name: { pl: "Problem techniczny", en: "Technical problem", ru: "Техническая проблема" }, maxDurationMinutes: 30 },
];

/** How calls end, chosen in wrap-up (Sales requires one). */
export const DEMO_DISPOSITION_CODES: Words[] = [
  { pl: "Rozwiązane", en: "Resolved", ru: "Решено" },
  { pl: "Oddzwonić później", en: "Call back later", ru: "Перезвонить позже" },
  { pl: "Sprzedaż", en: "Sale", ru: "Продажа" },
  { pl: "Brak sprzedaży", en: "No sale", ru: "Без продажи" },
  { pl: "Reklamacja", en: "Complaint", ru: "Жалоба" },
  { pl: "Pomyłka", en: "Wrong number", ru: "Ошибка номера" },
];

/** Tags agents put on cases (named in each language) and a macro that uses them. */
export const DEMO_TAGS: { name: Words; color: string }[] = [
  { name: { pl: "Faktura", en: "Invoice", ru: "Счёт" }, color: "#2563eb" },
  { name: { pl: "Reklamacja", en: "Complaint", ru: "Жалоба" }, color: "#dc2626" },
  { name: { pl: "Pilne", en: "Urgent", ru: "Срочно" }, color: "#d97706" },
  { name: { pl: "Zwrot", en: "Refund", ru: "Возврат" }, color: "#16a34a" },
];
export const DEMO_MACRO = {
  name: "Zwrot przyjęty",
  body: "Dzień dobry {first_name}, zwrot w sprawie {case_number} został przyjęty; pieniądze wrócą w ciągu 5 dni roboczych.\n{agent_name}",
  addTag: "Zwrot",
  removeTag: "Pilne",
};

/** `words` as a name in `locale` plus the other languages as its translations. */
export function named(words: Words, locale: Locale) {
  return { name: words[locale], translations: Object.fromEntries(Object.entries(words).filter(([l]) => l !== locale)) };
}

type Identity = { kind: "PHONE" | "EMAIL" | "EXTERNAL_ID"; value: string; label?: string };
export const DEMO_CONTACTS: {
  firstName: string;
  lastName: string;
  company?: string;
  language?: "pl" | "en" | "ru";
  vip?: boolean;
  fields?: Record<string, string>;
  /** Secret fields (hashed by the seed, never stored as written): the PIN callers prove themselves with. */
  secrets?: Record<string, string>;
  identities: Identity[];
}[] = [
  {
    firstName: "Jan",
    lastName: "Kowalski",
    language: "pl",
    fields: { customerNumber: "K-10021", address: "ul. Długa 5, 00-238 Warszawa" },
    identities: [
      { kind: "PHONE", value: "+48601234567", label: "mobile" },
      { kind: "EMAIL", value: "jan.kowalski@example.pl" },
    ],
  },
  {
    firstName: "Katarzyna",
    lastName: "Lewandowska",
    company: "Lewandowska Catering",
    language: "pl",
    vip: true,
    fields: { customerNumber: "K-10007" },
    secrets: { pin: "4321" },
    identities: [
      { kind: "PHONE", value: "+48221234567", label: "office" },
      { kind: "EMAIL", value: "biuro@lewandowska-catering.example" },
    ],
  },
  {
    firstName: "John",
    lastName: "Smith",
    company: "Smith & Sons Ltd",
    language: "en",
    identities: [
      { kind: "PHONE", value: "+442071234567" },
      { kind: "EMAIL", value: "john.smith@example.co.uk" },
    ],
  },
  {
    firstName: "Ivan",
    lastName: "Petrov",
    language: "ru",
    fields: { customerNumber: "K-10044" },
    identities: [{ kind: "PHONE", value: "+74951234567" }],
  },
  {
    firstName: "Agnieszka",
    lastName: "Wójcik",
    language: "pl",
    identities: [
      { kind: "EMAIL", value: "a.wojcik@example.pl" },
      { kind: "EXTERNAL_ID", value: "crm-5521" },
    ],
  },
];

/** The demo organisation's website chat; /demo shows it on a pretend shop page. */
export const DEMO_WIDGET = {
  name: "Website chat",
  key: "demo-website-chat",
  queue: "Obsługa klienta",
  topics: [
    { id: "orders", label: { pl: "Zamówienia", en: "Orders", ru: "Заказы" }, queueId: null },
    { id: "invoices", label: { pl: "Faktury", en: "Invoices", ru: "Счета" }, queueId: null },
    { id: "offer", label: { pl: "Oferta", en: "New offer", ru: "Предложение" }, queue: "Sprzedaż" },
  ],
  title: { pl: "Chętnie pomożemy", en: "We are here to help", ru: "Мы рады помочь" },
  greeting: { pl: "Napisz, w czym możemy pomóc.", en: "Tell us how we can help.", ru: "Напишите, чем мы можем помочь." },
};
