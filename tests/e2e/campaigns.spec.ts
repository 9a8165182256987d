// An administrator imports a contact list, gives a disposition the "reached" kind, creates a
// campaign from the list with an agent, a team and that result code — predictive, its abandon
// message a recording — and starts it: the list's numbers are
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
  // A team whose members work the campaign while they are in it, and a recorded apology.
  const night = await factory.user("AGENT", "Nina Night");
  await factory.db.prisma.team.create({ data: { organizationId: factory.org.org.id, name: "Night shift", members: { create: [{ userId: night.id }] } } });
  const recording = await factory.db.prisma.audioFile.create({
    data: {
      organizationId: factory.org.org.id,
      name: "Sorry (recorded)",
      kind: "PROMPT",
      alaw: Buffer.alloc(8000, 0xd5),
      opus: Buffer.alloc(0),
      durationMs: 1000,
      originalName: "sorry.wav",
      originalBytes: 16044,
    },
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
  await page.getByLabel("Night shift", { exact: true }).check();
  // Predictive: the abandon message may be the recording alone.
  await page.locator("#campaign-mode").selectOption("PREDICTIVE");
  await page.locator("#campaign-abandon-audio").selectOption({ label: "Sorry (recorded)" });
  // The abandon cap is never above 3 %.
  await page.locator("#campaign-abandon-cap").fill("5");
  await page.screenshot({ path: `${SHOTS}/editor.png`, fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#campaign-abandon-cap-error")).toBeVisible();
  await page.locator("#campaign-abandon-cap").fill("2.5");
  await page.getByRole("button", { name: "Save" }).click();

  const row = page.getByTestId("campaign-December debts");
  await expect(row).toContainText("Draft");
  const saved = await factory.db.prisma.campaign.findFirstOrThrow({ where: { name: "December debts" }, include: { queue: { include: { members: true } } } });
  expect(saved.abandonAudioId).toBe(recording.id);
  expect(saved.queue.members.find((m) => m.userId === night.id)).toMatchObject({ viaTeam: true, skillLevel: 5 });
  // Opened again: the team is still ticked (followed), its member is not made a named agent.
  await row.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("Night shift", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Nina Night", { exact: true })).not.toBeChecked();
  await expect(page.locator("#campaign-abandon-audio")).toHaveValue(recording.id);
  await page.getByRole("group", { name: "Messages" }).screenshot({ path: `${SHOTS}/messages.png` });
  await page.getByRole("button", { name: "Cancel" }).click();
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
