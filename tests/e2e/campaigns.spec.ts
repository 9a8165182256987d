// An administrator imports a contact list, gives a disposition the "reached" kind, creates a
// campaign from the list with an agent and that result code, and starts it: the list's numbers are
// enrolled (the repeated one once) and the campaign shows as running with its contacts waiting.
// Then it is paused, resumed and stopped (Stop asks first).
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/campaigns";

test("an admin creates a campaign from an imported list and starts it", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ala Admin");
  await factory.user("AGENT", "Olek Agent");
  await factory.db.prisma.sipTrunk.create({
    data: { organizationId: factory.org.org.id, name: "Provider", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"] },
  });
  await signIn(page, admin.username);
  await page.setViewportSize({ width: 1440, height: 1000 });

  // The list.
  await page.goto("/admin/contact-lists");
  await page.getByRole("button", { name: "Import a list" }).click();
  const csv = ["Phone,Name", "601 000 101,Anna", "601 000 102,Bartek", "601 000 103,Celina", "+48601000101,Again"].join("\n");
  await page.locator("#list-file").setInputFiles({ name: "debtors.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.locator("#list-name").fill("Debtors");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("count-imported")).toHaveText("3");

  // A result code of the "reached" kind, shown as a chip.
  await page.goto("/admin/dispositions");
  await page.getByRole("button", { name: "New disposition" }).click();
  await page.locator("#code-name").fill("Paid");
  await page.locator("#code-choice").selectOption("REACHED");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Paid/ }).getByText("Reached")).toBeVisible();

  // The campaign.
  await page.goto("/admin/campaigns");
  await expect(page.getByRole("heading", { name: "Campaigns" })).toBeVisible();
  await page.getByRole("button", { name: "New campaign" }).click();
  await page.locator("#campaign-name").fill("December debts");
  await page.getByLabel(/^Debtors \(3 numbers/).check();
  await page.getByLabel("Olek Agent", { exact: true }).check();
  await page.getByLabel("Paid", { exact: true }).check();
  await page.locator("#campaign-caller-id").selectOption("+48221230000");
  // The abandon cap is never above 3 %.
  await page.locator("#campaign-abandon-cap").fill("5");
  await page.screenshot({ path: `${SHOTS}/editor.png`, fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#campaign-abandon-cap-error")).toBeVisible();
  await page.locator("#campaign-abandon-cap").fill("2.5");
  await page.getByRole("button", { name: "Save" }).click();

  const row = page.getByTestId("campaign-December debts");
  await expect(row).toContainText("Draft");
  await row.getByRole("button", { name: "Start" }).click();
  await expect(row).toContainText("Running");
  await expect(row.getByTestId("counts")).toHaveText("3 in all: 3 waiting, 0 in progress, 0 done");
  await page.screenshot({ path: `${SHOTS}/list.png`, fullPage: true });

  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row).toContainText("Paused");
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row).toContainText("Running");
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Stop" }).click();
  await expect(row).toContainText("Stopped");
  await expect(row.getByTestId("counts")).toHaveText("3 in all: 0 waiting, 0 in progress, 3 done");
});
