import { attemptSignIn, expect, formAlert, signIn, test } from "./fixtures.ts";

test("a wrong password says so without saying whether the login exists; repeated failures lock", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Lena Lock");
  await attemptSignIn(page, agent.username, "not my password");
  await expect(formAlert(page)).toHaveText("Invalid login or password.");
  await attemptSignIn(page, "nobody-at-all", "whatever");
  await expect(formAlert(page)).toHaveText("Invalid login or password.");
  for (const wrong of ["still wrong", "wrong again"]) {
    await attemptSignIn(page, agent.username, wrong);
    await expect(formAlert(page)).toHaveText("Invalid login or password.");
  }
  await attemptSignIn(page, agent.username); // the right password, but the login is locked now
  await expect(formAlert(page)).toContainText("Too many failed attempts for this login");
});

test("pages behind sign-in send you to the sign-in page and back", async ({ page, factory }) => {
  const manager = await factory.user("MANAGER", "Mira Manager");
  await page.goto("/admin/queues");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fqueues/);
  await page.getByLabel("Login").fill(manager.username);
  await page.getByLabel("Password").fill("e2e password 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/queues$/);
  await expect(page.getByRole("heading", { name: "Queues" })).toBeVisible();
});

test("an ended session takes the user to sign in, saying why", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Eddie Expired");
  await signIn(page, agent.username);
  await expect(page).toHaveURL(/\/agent$/);
  const away = page.locator("main").getByRole("button", { name: "Away" });
  await away.waitFor();
  await page.waitForLoadState("networkidle");
  await factory.db.prisma.session.deleteMany({ where: { userId: agent.id } }); // e.g. an admin reset the password
  await away.click();
  await expect(page).toHaveURL(/\/login\?expired=1/);
  await expect(page.getByRole("status")).toContainText("Your session has ended");
});

test("an agent does not see administration and is refused it", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Nosy Agent");
  await signIn(page, agent.username);
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByText("Your role does not give access to this page")).toBeVisible();
});
