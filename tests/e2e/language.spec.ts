import { expect, signIn, test } from "./fixtures.ts";

test("every screen follows the user's language, which they switch and keep", async ({ browser, factory }) => {
  const agent = await factory.user("AGENT", "Olga Orlova", "ru");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, agent.username);
  await expect(page.getByRole("heading", { name: "Рабочий стол оператора" })).toBeVisible();

  await page.getByTestId("language").selectOption("pl");
  await expect(page.getByRole("heading", { name: "Pulpit agenta" })).toBeVisible();

  // A new browser (no cookie) gets the choice from the user's profile at sign-in.
  const fresh = await (await browser.newContext()).newPage();
  await signIn(fresh, agent.username);
  await expect(fresh.getByRole("heading", { name: "Pulpit agenta" })).toBeVisible();
  await fresh.getByTestId("language").selectOption("en");
  await expect(fresh.getByRole("heading", { name: "Agent desktop" })).toBeVisible();
});

test("the sign-in page speaks the browser's language until the user chooses", async ({ browser }) => {
  const page = await (await browser.newContext({ locale: "pl-PL" })).newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Logowanie" })).toBeVisible();
  await page.getByTestId("language").selectOption("ru");
  await expect(page.getByRole("heading", { name: "Вход" })).toBeVisible();
});
