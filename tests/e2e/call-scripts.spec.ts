// An administrator builds a call script with a condition (the second question only for a "yes"),
// previews it both ways as the agent would, gives it a result code that sets a disposition, and
// publishes it. Shown in English, Polish and Russian.
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/call-scripts";

test("an admin builds a script with a condition, previews it and publishes it", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ala Admin");
  const paid = await factory.db.prisma.dispositionCode.create({ data: { organizationId: factory.org.org.id, name: "Paid", kind: "REACHED" } });
  await signIn(page, admin.username);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/admin/scripts");
  await page.getByLabel("Name").fill("Survey");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "Survey" })).toBeVisible();

  await page.getByRole("button", { name: "Add a question" }).click();
  await page.locator("#q0-text").fill("Do you have a minute, {name}?");
  await page.getByLabel("Options 1: yes").fill("Yes");
  await page.getByLabel("Options 2: no").fill("No");
  await page.getByRole("button", { name: "Add a question" }).click();
  await page.locator("#q1-text").fill("Which product do you use?");
  await page.getByLabel("Options 1: yes").nth(1).fill("Phone");
  await page.getByLabel("Options 2: no").nth(1).fill("Internet");
  // Shown only when the first answer is "yes" (the condition builder's first test).
  await page.locator("#q1-show-mode").selectOption("all");
  await expect(page.getByTestId("condition-test")).toHaveCount(1);
  await expect(page.getByText("No problems: the draft can be published.")).toBeVisible();

  const preview = page.getByTestId("script-preview");
  await expect(preview).toContainText("Do you have a minute, Jan Kowalski?");
  await preview.getByLabel("No", { exact: true }).check();
  await preview.getByRole("button", { name: "Next" }).click();
  await expect(preview.getByTestId("script-summary")).toContainText("End of the script");
  await expect(preview).not.toContainText("Which product");
  await page.getByRole("button", { name: "Start again" }).click();
  await preview.getByLabel("Yes", { exact: true }).check();
  await preview.getByRole("button", { name: "Next" }).click();
  await expect(preview).toContainText("Which product do you use?");
  // Required: no answer is refused.
  await preview.getByRole("button", { name: "Next" }).click();
  await expect(preview.getByRole("alert")).toHaveText("An answer is required.");

  // A result code that gives the call a disposition (and so a campaign's attempt its outcome).
  await page.getByRole("button", { name: "Add a result code" }).click();
  await page.getByLabel("Label 1", { exact: true }).fill("Agreed");
  await page.getByLabel("Disposition 1", { exact: true }).selectOption({ label: "Paid" });

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published as version 1.")).toBeVisible();
  const version = await factory.db.prisma.callScriptVersion.findFirstOrThrow({ where: { script: { name: "Survey", organizationId: factory.org.org.id } } });
  expect(version).toMatchObject({
    number: 1,
    status: "PUBLISHED",
    definition: {
      questions: [{ id: "q1" }, { id: "q2", showIf: { question: "q1", op: "eq", value: "yes" } }],
      resultCodes: [{ code: "R1", label: "Agreed", dispositionId: paid.id }],
    },
  });
  expect(await factory.db.prisma.auditLog.count({ where: { action: "call_script.published", targetId: version.scriptId } })).toBe(1);

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    await expect(page.getByRole("button", { name: locale === "en" ? "Add a question" : locale === "pl" ? "Dodaj pytanie" : "Добавить вопрос" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/editor-${locale}.png`, fullPage: true });
  }
});
