// Recording settings and retention as people see them: an admin records a queue's calls with
// listed customers' numbers (a bad number is refused in words) and sets how long recordings are
// kept; a supervisor filters the Recordings page by queue and agent, sees the disk's free space,
// and a recording whose retention ran out is listed greyed, with its date and no player.
import { expect, signIn, test } from "./fixtures.ts";

test("an admin lists numbers to record and retention; a deleted recording shows as such", async ({ browser, page, factory }) => {
  const admin = await factory.user("ADMIN", "Ann Admin");
  const db = factory.db.prisma;
  const queue = await db.queue.create({ data: { organizationId: factory.org.org.id, name: "Debt line", channels: ["VOICE"] } });
  await signIn(page, admin.username);

  await page.goto("/admin/queues");
  await page
    .getByRole("row", { name: /Debt line/ })
    .getByRole("button", { name: "Edit" })
    .click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Numbers to record")).toHaveCount(0);
  await dialog.getByLabel("Call recording").selectOption({ label: "Numbers on a list" });
  await dialog.getByLabel("Numbers to record").fill("+48 123 456 789\n555-0100");
  await dialog.getByLabel("Keep recordings (days)").fill("90");
  await dialog.getByLabel("Wrap-up after a call (seconds)").fill("30");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "Not phone numbers with a country code: 555-0100" })).toBeVisible();
  await page.screenshot({ path: "test-results/queue-recording-settings.png", fullPage: true });
  await dialog.getByLabel("Numbers to record").fill("+48 123 456 789\n0044 20 7946 0958");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  expect(await db.queue.findUniqueOrThrow({ where: { id: queue.id } })).toMatchObject({
    recordingPolicy: "LISTED",
    recordNumbers: ["+48123456789", "+442079460958"],
    recordingRetentionDays: 90,
    wrapUpSeconds: 30,
  });

  await page.getByLabel("Keep call recordings (days)").fill("365");
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  expect((await db.organization.findUniqueOrThrow({ where: { id: factory.org.org.id } })).recordingRetentionDays).toBe(365);

  // A supervisor's Recordings page: one kept recording and one deleted by retention.
  const agent = await factory.user("AGENT", "Rita Recorded");
  const supervisor = await factory.user("SUPERVISOR", "Sam Supervisor");
  await factory.team("Recorded team", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);
  const recording = async (customer: string, state: "READY" | "DELETED") => {
    const call = await db.call.create({ data: { organizationId: factory.org.org.id, state: "ENDED" } });
    return db.recording.create({
      data: {
        organizationId: factory.org.org.id,
        callId: call.id,
        queueId: queue.id,
        agentId: agent.id,
        customer,
        state,
        startedAt: new Date(Date.now() - 100 * 86_400_000),
        durationSeconds: 65,
        channels: 2,
        ...(state === "DELETED" ? { deletedAt: new Date("2026-03-01T12:00:00Z") } : { storageKey: "x.ogg" }),
      },
    });
  };
  await recording("Olga Old · +48111222333", "DELETED");
  await recording("Nina New · +48444555666", "READY");
  const sup = await (await browser.newContext()).newPage();
  await signIn(sup, supervisor.username);
  await sup.goto("/recordings");
  await expect(sup.getByTestId("recording-storage-free")).toContainText("free of");
  const deleted = sup.getByTestId("recording-row").filter({ hasText: "Olga Old" });
  await expect(deleted).toContainText(/Deleted by retention on (1 Mar 2026|Mar 1, 2026)/);
  await expect(deleted).toContainText("Debt line");
  await expect(deleted).toContainText("Rita Recorded");
  await expect(deleted.locator("audio")).toHaveCount(0);
  await expect(sup.getByTestId("recording-row").filter({ hasText: "Nina New" }).locator("audio")).toHaveCount(1);
  await sup.getByLabel("Agent").selectOption({ label: "Rita Recorded" });
  await sup.getByLabel("Queue").selectOption({ label: "Debt line" });
  await sup.getByLabel("Customer or number").fill("0048 444");
  await expect(sup.getByTestId("recording-row")).toHaveCount(1);
  await expect(sup.getByTestId("recording-row")).toContainText("Nina New");
  await sup.getByLabel("Customer or number").fill("");
  await expect(sup.getByTestId("recording-row")).toHaveCount(2);
  await sup.screenshot({ path: "test-results/recordings-retention.png", fullPage: true });
});
