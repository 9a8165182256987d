// Service levels on screen: an admin sets a queue's targets; the agent's inbox shows a timer on
// each case (amber near due, red when breached), orders by due soonest and filters the breached;
// the case header counts down; the supervisors' board counts breached cases per queue.
// Screenshots (SHOTS_DIR) at 1440×900 and 1280×720 in pl, en and ru.
import { createCase } from "../../domain/cases/create-case.ts";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;
const MINUTE = 60_000;

test("an admin sets a queue's targets; agents see timers, sort by due soonest and filter the breached; the board counts them", async ({ browser, factory }) => {
  test.setTimeout(SHOTS ? 240_000 : 90_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const admin = await factory.user("ADMIN", "Ann Admin");
  const agent = await factory.user("AGENT", "Kim Agent");
  const supervisor = await factory.user("SUPERVISOR", "Sue Visor");
  const queue = await db.queue.create({
    data: { organizationId: orgId, name: "Reklamacje", channels: ["EMAIL", "CHAT"], members: { create: [{ userId: agent.id, skillLevel: 5 }] } },
  });

  // The admin: 30 minutes to a first response, 8 hours to a resolution; chats answered in 5 minutes.
  const adminPage = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
  await signIn(adminPage, admin.username);
  await adminPage.goto("/admin/queues");
  await adminPage.getByRole("row", { name: /Reklamacje/ }).getByRole("button", { name: "Edit" }).click();
  const dialog = adminPage.getByRole("dialog");
  const sla = dialog.getByTestId("queue-sla");
  await sla.getByLabel("All channels: First response", { exact: true }).fill("30");
  await sla.getByLabel("All channels: First response: unit").selectOption("minutes");
  await sla.getByLabel("All channels: Resolution", { exact: true }).fill("8");
  await sla.getByLabel("Chat: First response", { exact: true }).fill("5");
  await sla.getByLabel("Chat: First response: unit").selectOption("minutes");
  await sla.getByLabel("Count only opening hours").check();
  await expect(sla).toContainText("Europe/Warsaw");
  await sla.getByLabel("Count only opening hours").uncheck();
  await sla.scrollIntoViewIfNeeded();
  if (SHOTS) await shoot(adminPage, "sla-queue-dialog", ["en"]);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  expect((await db.queue.findUniqueOrThrow({ where: { id: queue.id } })).sla).toMatchObject({
    firstResponseMinutes: 30,
    resolutionMinutes: 480,
    channels: { CHAT: { firstResponseMinutes: 5, resolutionMinutes: null } },
    businessHours: { enabled: false },
  });
  if (SHOTS) {
    for (const locale of ["pl", "ru"] as const) {
      await adminPage.getByTestId("language").selectOption(locale);
      await adminPage.getByRole("row", { name: /Reklamacje/ }).getByRole("button").first().click();
      await adminPage.getByRole("dialog").getByTestId("queue-sla").scrollIntoViewIfNeeded();
      await shoot(adminPage, "sla-queue-dialog", [locale]);
      await adminPage.keyboard.press("Escape");
    }
  }

  // Three e-mail cases for the agent, opened 2 hours, 25 minutes and 1 minute ago.
  const now = Date.now();
  const made = [];
  for (const [subject, ago] of [
    ["Zwrot nieuznany", 120],
    ["Paczka uszkodzona", 25],
    ["Pytanie o fakturę", 1],
  ] as const) {
    const c = await createCase(db, { organizationId: orgId, channel: "EMAIL", subject, contactId: null, queueId: queue.id, now: new Date(now - ago * MINUTE) });
    await db.case.update({ where: { id: c.id }, data: { assigneeId: agent.id } });
    made.push(c);
  }
  const [overdue, nearly, fresh] = made;

  const page = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
  await signIn(page, agent.username);
  await page.goto("/agent");
  const row = (n: number) => page.getByTestId(`case-${n}`);
  await expect(row(overdue.number).getByTestId("sla-chip")).toHaveAttribute("data-tone", "breached");
  await expect(row(overdue.number).getByTestId("sla-chip")).toContainText(/Reply overdue 1 h 3\d min/);
  await expect(row(nearly.number).getByTestId("sla-chip")).toHaveAttribute("data-tone", "warn");
  await expect(row(fresh.number).getByTestId("sla-chip")).toHaveAttribute("data-tone", "ok");
  await expect(row(fresh.number).getByTestId("sla-chip")).toContainText(/Reply in 2\d min/);

  // Newest activity first by default; due soonest puts the overdue one on top.
  const order = () => page.locator("[data-testid^=case-]").evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  await expect.poll(order).toEqual([`case-${overdue.number}`, `case-${nearly.number}`, `case-${fresh.number}`].reverse());
  await page.getByTestId("inbox-sort").selectOption("DUE_SOONEST");
  await expect.poll(order).toEqual([`case-${overdue.number}`, `case-${nearly.number}`, `case-${fresh.number}`]);
  await page.getByLabel("SLA breached", { exact: true }).check();
  await expect.poll(order).toEqual([`case-${overdue.number}`]);
  await page.getByLabel("SLA breached", { exact: true }).uncheck();

  // The case header counts down, live.
  await row(nearly.number).click();
  const chip = page.locator("header").getByTestId("sla-chip");
  await expect(chip).toHaveAttribute("data-tone", "warn");
  const before = await chip.textContent();
  await expect(chip).toContainText(/Reply in \d min \d+ s/);
  await expect.poll(() => chip.textContent(), { timeout: 15_000 }).not.toBe(before);
  if (SHOTS) await shoot(page, "sla-inbox", ["en", "pl", "ru"]);

  // The supervisors' board: one breached case in the queue.
  const sup = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
  await signIn(sup, supervisor.username);
  await sup.goto("/supervisor");
  await expect(sup.getByTestId("queue-Reklamacje").getByTestId("sla-breached")).toHaveText("1");
  if (SHOTS) await shoot(sup, "sla-board", ["en", "pl", "ru"]);
});

/** The page at both sizes in each language (switched in the page, saved for the user). */
async function shoot(page: import("@playwright/test").Page, name: string, locales: readonly ("en" | "pl" | "ru")[]) {
  for (const locale of locales) {
    if ((await page.getByTestId("language").inputValue()) !== locale) {
      await page.getByTestId("language").selectOption(locale);
      await page.waitForFunction((l) => document.documentElement.lang === l, locale);
    }
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300); // the layout settles after a resize
      await page.screenshot({ path: `${SHOTS}/${name}-${locale}-${size.width}.png` });
    }
  }
  await page.setViewportSize(SIZES[0]);
}
