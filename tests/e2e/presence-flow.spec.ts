import { expect, signIn, test } from "./fixtures.ts";

test("an admin creates an agent, who signs in and goes Ready; the supervisor's board shows it live", async ({ browser, factory }) => {
  const admin = await factory.user("ADMIN", "Ada Admin");
  const supervisor = await factory.user("SUPERVISOR", "Sam Supervisor");
  await factory.team("Blue team", [{ userId: supervisor.id, lead: true }]);

  // The supervisor watches the board first, so the new agent's change must arrive live.
  const supCtx = await browser.newContext();
  const supPage = await supCtx.newPage();
  await signIn(supPage, supervisor.username);
  await supPage.goto("/supervisor");
  await expect(supPage.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();

  const adminCtx = await browser.newContext();
  const adminPage = await adminCtx.newPage();
  await signIn(adminPage, admin.username);
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: "New user" }).click();
  const dialog = adminPage.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Nina Nowak");
  await dialog.getByLabel("Login").fill("nina.nowak");
  await dialog.getByLabel("E-mail").fill("nina@e2e.example");
  await dialog.getByLabel("Role").selectOption({ label: "Agent" });
  await dialog.getByLabel("Language").selectOption({ label: "English" });
  await dialog.getByLabel("Initial password").fill("nina's first password");
  await dialog.getByLabel("Blue team").check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(adminPage.getByTestId("user-nina.nowak")).toContainText("Blue team");

  // The new agent appears on the board (created events reach the supervisor on reload or live).
  await supPage.reload();
  await expect(supPage.getByTestId("agent-nina.nowak")).toHaveAttribute("data-state", "OFFLINE");

  const agentCtx = await browser.newContext();
  const agentPage = await agentCtx.newPage();
  await signIn(agentPage, "nina.nowak", "nina's first password");
  await expect(agentPage).toHaveURL(/\/agent$/);
  await agentPage.locator("main").getByRole("button", { name: "Ready" }).click();
  await expect(agentPage.getByTestId("my-state")).toContainText("Ready");

  const row = supPage.getByTestId("agent-nina.nowak");
  await expect(row).toHaveAttribute("data-state", "READY", { timeout: 2000 });
  await expect(supPage.getByTestId("bar-READY")).toHaveText("1");

  // A pause with a reason shows with the reason.
  await agentPage.locator("main").getByRole("button", { name: "Training" }).click();
  await expect(row).toHaveAttribute("data-state", "PAUSE", { timeout: 2000 });
  await expect(row).toContainText("Training");

  // The agent signs out: the board shows them Offline, signed out.
  await agentPage.getByTestId("user-menu").click();
  await agentPage.getByRole("button", { name: "Sign out" }).click();
  await expect(agentPage).toHaveURL(/\/login/);
  await expect(row).toHaveAttribute("data-state", "OFFLINE", { timeout: 2000 });
  await expect(row).toContainText("signed out");
});

test("a supervisor sets an agent who left Offline; the agent's screen follows", async ({ browser, factory }) => {
  const supervisor = await factory.user("SUPERVISOR", "Sue Visor");
  const agent = await factory.user("AGENT", "Adam Agent");
  await factory.team("Red team", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);

  const agentPage = await (await browser.newContext()).newPage();
  await signIn(agentPage, agent.username);
  await agentPage.locator("main").getByRole("button", { name: "Ready" }).click();

  const supPage = await (await browser.newContext()).newPage();
  await signIn(supPage, supervisor.username);
  await supPage.goto("/supervisor");
  const row = supPage.getByTestId(`agent-${agent.username}`);
  await expect(row).toHaveAttribute("data-state", "READY");
  await row.getByText("Set state").click();
  await row.getByRole("button", { name: "Offline" }).click();
  await expect(row).toHaveAttribute("data-state", "OFFLINE");
  await expect(row).toContainText("set by a supervisor");
  await expect(agentPage.getByTestId("my-state")).toContainText("Offline");
});
