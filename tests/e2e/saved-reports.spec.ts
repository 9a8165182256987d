// Saved reports as a supervisor uses them: on the queue report she picks weekly intervals, saves
// the report to be e-mailed every Monday at 08:00, finds it on the Reports page with its schedule,
// and opens it again with its choices. Shown in English, Polish and Russian.
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/saved-reports";

test("a supervisor saves the queue report with a weekly schedule, sees it listed and opens it", async ({ page, factory }) => {
  const db = factory.db.prisma;
  const lead = await factory.user("SUPERVISOR", "Sara Lead");
  const agent = await factory.user("AGENT", "Ada Żak");
  await factory.team("Day shift", [{ userId: lead.id, lead: true }, { userId: agent.id }]);
  const queue = await db.queue.create({ data: { organizationId: factory.org.org.id, name: "Support", channels: ["VOICE"], members: { create: [{ userId: agent.id }] } } });

  await signIn(page, lead.username);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/reports/queues");
  await page.getByTestId("interval").selectOption("WEEK");
  await page.getByTestId("queue-filter").selectOption(queue.id);
  await page.getByTestId("save-report").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Support weekly");
  await dialog.getByLabel("Period").selectOption("LAST_WEEK");
  await dialog.getByLabel("Send by e-mail").selectOption("WEEKLY");
  await dialog.getByLabel("Day of the week").selectOption("1");
  await dialog.getByLabel("At", { exact: true }).selectOption("8");
  await dialog.getByLabel("Recipients").fill("not an address");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Not an e-mail address.")).toBeVisible();
  await dialog.getByLabel("Recipients").fill("boss@example.com\nsara@example.com");
  await page.screenshot({ path: `${SHOTS}/save-dialog-en.png` });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/reports");
  const list = page.getByTestId("saved-reports");
  await expect(list).toContainText("Support weekly");
  await expect(list).toContainText("Last week · every Monday at 08:00 · 2 recipients · XLSX");
  await expect(list).toContainText("Next:");
  const saved = await db.savedReport.findFirstOrThrow({ where: { ownerId: lead.id } });
  expect(saved).toMatchObject({ schedule: "WEEKLY", weekday: 1, sendHour: 8, recipients: ["boss@example.com", "sara@example.com"], parameters: { period: "LAST_WEEK", interval: "WEEK", queueId: queue.id } });

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    await expect(list).toContainText(locale === "en" ? "every Monday" : locale === "pl" ? "w każdy poniedziałek o 08:00 · 2 odbiorcy" : "каждый понедельник в 08:00");
    await page.screenshot({ path: `${SHOTS}/list-${locale}.png`, fullPage: true });
    await list.getByRole("button").first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/edit-dialog-${locale}.png` });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  }
  await page.getByTestId("language").selectOption("en");

  await list.getByRole("link", { name: "Open" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/queues\\?saved=${saved.id}`));
  await expect(page.getByText("Saved report: Support weekly")).toBeVisible();
  await expect(page.getByTestId("interval")).toHaveValue("WEEK");
  await expect(page.getByTestId("queue-filter")).toHaveValue(queue.id);
  await expect(page.getByRole("radio", { name: "Custom" })).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: `${SHOTS}/opened-en.png` });
});
