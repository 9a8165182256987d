import { expect, signIn, test } from "./fixtures.ts";

test("an admin sees field-by-field errors and can fix them", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ann Admin");
  await factory.user("AGENT", "Taken Name");
  await signIn(page, admin.username);
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Zed");
  await dialog.getByLabel("Login").fill("bad login!");
  await dialog.getByLabel("E-mail").fill("not-an-email");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Check the marked fields.")).toBeVisible();
  await expect(dialog.getByText("Use letters a–z, digits, dot, dash or underscore.")).toBeVisible();
  await expect(dialog.getByText("Not a valid e-mail address.")).toBeVisible();
  await expect(dialog.getByText("At least 8 characters.")).toBeVisible();
  await dialog.getByLabel("Login").fill("zed");
  await dialog.getByLabel("E-mail").fill("zed@e2e.example");
  await dialog.getByLabel("Initial password").fill("long enough now");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("user-zed")).toBeVisible();
});

test("an admin edits a role's permissions and a queue's members with skill levels", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ann Admin");
  const agent = await factory.user("AGENT", "Kim Skilled");
  await signIn(page, admin.username);

  await page.goto("/admin/queues");
  await page.getByRole("button", { name: "New queue" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Windykacja");
  await dialog.getByLabel("E-mail").check();
  await dialog.getByLabel("Priority").fill("80");
  await dialog.getByRole("checkbox", { name: agent.name }).check();
  await dialog.getByLabel(`Skill level of ${agent.name}`).selectOption("9");
  await dialog.getByLabel("E-mail signature").fill("{queue_name} · +48 22 123 45 67");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Windykacja/ })).toContainText("80");
  const queue = await factory.db.prisma.queue.findFirstOrThrow({ where: { organizationId: factory.org.org.id, name: "Windykacja" } });
  expect(queue.emailSignature).toBe("{queue_name} · +48 22 123 45 67");

  // Blended rules: e-mail may reach agents who are chatting.
  // Only channels that exist are named (fax is hidden until it does); SMS has its capacity.
  await expect(page.locator("main")).not.toContainText(/fax/i);
  await expect(page.getByLabel("SMS", { exact: true })).toBeVisible();
  await page.getByLabel("E-mails may go to agents on a call or in a chat").check();
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/admin-queues.png", fullPage: true });
  const org = await factory.db.prisma.organization.findUniqueOrThrow({ where: { id: factory.org.org.id } });
  expect(org.blending).toMatchObject({ deferredDuringLive: true, callsInterrupt: true });

  await page.goto("/admin/roles");
  await page.getByRole("button", { name: /Supervisor/ }).click();
  await page.locator('[data-permission="agents.monitor_all"]').check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved. Users with this role have the new permissions now.")).toBeVisible();
  const role = await factory.db.prisma.role.findUniqueOrThrow({ where: { id: factory.org.roles.SUPERVISOR } });
  expect(role.permissions).toContain("agents.monitor_all");
});

test("an admin keeps the dispositions and pause reasons agents choose from", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ann Admin");
  await signIn(page, admin.username);

  await page.goto("/admin/dispositions");
  await page.getByRole("button", { name: "New disposition" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Check the marked fields.")).toBeVisible();
  await dialog.getByLabel("Name").fill("Upgrade sold");
  await dialog.getByLabel("Order").fill("3");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Upgrade sold/ })).toContainText("In use");
  await page
    .getByRole("row", { name: /Upgrade sold/ })
    .getByRole("button", { name: "Edit" })
    .click();
  await dialog.getByLabel(/In use/).uncheck();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Upgrade sold/ })).toContainText("Archived");
  await page.screenshot({ path: "test-results/admin-dispositions.png" });

  await page.goto("/admin/pause-codes");
  await page.getByRole("button", { name: "New pause reason" }).click();
  await dialog.getByLabel("Name").fill("Coaching");
  await dialog.getByLabel("Limit").fill("45");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Coaching/ })).toContainText("45 min");
});
