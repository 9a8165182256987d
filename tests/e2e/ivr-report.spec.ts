// A supervisor reads the IVR report: a week of calls through a flow (written straight to the
// database as the product writes them) shows as tiles, an outcome per day chart, where callers
// gave up and the keys each menu heard; a period without calls is empty, a too long one is
// refused in words; the screen reads in Polish; an agent has no Reports.
import { createCase } from "../../domain/cases/create-case.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { publishedFlow } from "../support/ivr-flows.ts";
import { type Factory, expect, signIn, test } from "./fixtures.ts";

const DAY = 86_400_000;
const say = (pl: string, en: string) => ({ text: { pl, en } });

/** Steps as recordIvrSteps writes them: [type, data]; `ivr` ones as [node, step type, what, key?]. */
type Step = ["ivr", string, string, string, string?] | [string, Record<string, unknown>?];
const entered = (node: string, type = "menu"): Step => ["ivr", node, type, "entered"];
const chose = (node: string, key: string): Step => ["ivr", node, "menu", "chose", key];

async function seedFlow(factory: Factory) {
  const db = factory.db.prisma;
  const organizationId = factory.org.org.id;
  const queue = await db.queue.create({ data: { organizationId, name: "Infolinia", channels: ["VOICE"] } });
  const definition = {
    language: "pl",
    start: "main",
    nodes: {
      main: { type: "menu", prompt: say("Sprzedaż: 1. Pomoc: 2.", "Sales: 1. Support: 2."), options: { "1": "sales", "2": "support" }, onFail: "sales" },
      support: {
        type: "menu",
        prompt: say("Poczta głosowa: 1. Twoje konto: 2. Oddzwonienie: 3.", "Voicemail: 1. Your account: 2. Call-back: 3."),
        options: { "1": "vm", "2": "account", "3": "cb" },
        onFail: "sales",
      },
      account: { type: "collect", prompt: say("Podaj numer klienta i zakończ krzyżykiem.", "Enter your customer number, then hash."), variable: "account", next: "sales", onFail: "sales" },
      sales: { type: "queue", queueId: queue.id },
      vm: { type: "voicemail", prompt: say("Zostaw wiadomość.", "Leave a message."), maxSeconds: 120, queueId: null },
      cb: { type: "callback", prompt: say("Oddzwonimy.", "We will call you back."), queueId: queue.id, trunkId: null },
    },
  };
  const flow = { id: await publishedFlow(db, organizationId, "Infolinia główna", definition) };

  const journeys: Record<string, Step[]> = {
    queue: [entered("main"), chose("main", "1"), entered("sales", "queue"), ["queued"]],
    account: [entered("main"), chose("main", "2"), entered("support"), chose("support", "2"), entered("account", "collect"), ["abandoned", { by: "CONTACT" }]],
    main: [entered("main"), ["ivr", "main", "menu", "timeout"], ["abandoned", { by: "CONTACT" }]],
    support: [entered("main"), chose("main", "2"), entered("support"), ["abandoned", { by: "CONTACT" }]],
    voicemail: [entered("main"), chose("main", "2"), entered("support"), chose("support", "1"), entered("vm", "voicemail"), ["voicemail_started"], ["ivr_ended", { reason: "VOICEMAIL" }]],
    callback: [entered("main"), chose("main", "2"), entered("support"), chose("support", "3"), entered("cb", "callback"), ["callback_requested"], ["ivr_ended", { reason: "CALLBACK" }]],
  };
  let calls = 0;
  for (let day = 0; day < 6; day++) {
    const plan = { queue: 3 + (day % 3), account: 1 + (day % 2), main: day % 2, support: 1, voicemail: day % 3 === 0 ? 1 : 0, callback: day % 2 === 0 ? 1 : 0 };
    for (const [journey, n] of Object.entries(plan)) {
      for (let i = 0; i < n; i++) {
        const start = Date.now() - day * DAY - ++calls * 60_000;
        const kase = await db.$transaction((tx) => createCase(tx, { organizationId, channel: "VOICE", subject: "call", contactId: null, queueId: queue.id, now: new Date(start) }));
        const interaction = await db.interaction.create({ data: { organizationId, caseId: kase.id, channel: "VOICE", arrivedAt: new Date(start) } });
        const steps: Step[] = [["ivr_started", { flowId: flow.id, version: 1 }], ...journeys[journey]];
        await db.interactionEvent.createMany({
          data: steps.map((s, k) => ({
            organizationId,
            interactionId: interaction.id,
            // A few seconds a step, a little longer for some callers.
            at: new Date(start + k * (4000 + (calls % 5) * 1500)),
            type: s[0],
            data: (s[0] === "ivr" ? { node: s[1], step: s[2], what: s[3], ...(s[4] ? { value: s[4] } : {}) } : (s[1] ?? {})) as Prisma.InputJsonObject,
          })),
        });
      }
    }
  }
  return { calls };
}

test("a supervisor reads where callers went in the IVR and where they gave up", async ({ page, factory }) => {
  const { calls } = await seedFlow(factory);
  const supervisor = await factory.user("SUPERVISOR", "Sara Supervisor");
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, supervisor.username);
  await page.getByRole("link", { name: "Reports" }).click();
  await page.getByRole("link", { name: /IVR: paths and hang-ups/ }).click();
  await expect(page.getByRole("heading", { name: "IVR report" })).toBeVisible();

  await expect(page.getByTestId("tile-calls")).toContainText(String(calls));
  const rows = page.getByTestId("gave-up-row");
  // Most often: asked for their customer number after choosing 2 in the support menu.
  await expect(rows.first()).toContainText("“Enter your customer number, then hash.”");
  await expect(rows.first()).toContainText("2 in “Voicemail: 1. Your account: 2. Call-back: 3.”");
  await expect(page.getByRole("figure", { name: "Outcomes per day" }).getByRole("img")).toHaveCount(7);
  await expect(page.getByRole("figure", { name: "Keys in “Sales: 1. Support: 2.”" })).toBeVisible();
  await page.screenshot({ path: "test-results/ivr-report.png", fullPage: true });

  // A period with no calls: said so.
  await page.getByRole("radio", { name: "Custom" }).click();
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(day(60));
  await page.getByLabel("To", { exact: true }).fill(day(40));
  await expect(page.getByText("No calls went through an IVR flow in this period.")).toBeVisible();
  // Longer than a report covers: refused in words.
  await page.getByLabel("From", { exact: true }).fill(day(300));
  await expect(page.getByRole("alert").filter({ hasText: "A report covers at most 93 days" })).toBeVisible();

  // In Polish.
  await page.getByRole("radio", { name: "Last 7 days" }).click();
  await page.getByTestId("language").selectOption("pl");
  await expect(page.getByRole("heading", { name: "Raport IVR" })).toBeVisible();
  await expect(page.getByText("Gdzie dzwoniący zrezygnowali")).toBeVisible();
  await expect(page.getByTestId("tile-calls")).toContainText(String(calls));
  await page.screenshot({ path: "test-results/ivr-report-pl.png", fullPage: true });
});

test("an agent has no reports", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Adam Agent");
  await signIn(page, agent.username);
  await expect(page.getByRole("link", { name: "Reports" })).toHaveCount(0);
  await page.goto("/reports/ivr");
  await expect(page.getByText("Your role does not give access to this page.")).toBeVisible();
});
