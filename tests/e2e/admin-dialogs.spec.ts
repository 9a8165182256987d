// The admin lists share one edit dialog (app/(app)/admin/edit-dialog.tsx): a refusal shows above the
// fields and keeps the dialog open, Enter saves, Delete removes, a success closes it.
import { expect, signIn, test } from "./fixtures.ts";

test("teams, canned replies, statuses and blocked numbers are edited in the same dialog", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ann Admin");
  await factory.user("AGENT", "Kim Agent");
  await signIn(page, admin.username);
  const dialog = page.getByRole("dialog");

  // A team: refused without a name (the dialog stays, saying why), saved with one by Enter, renamed, deleted.
  await page.goto("/admin/teams");
  await page.getByRole("button", { name: "New team" }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert").first()).toBeVisible();
  await dialog.getByLabel("Name", { exact: true }).fill("Night shift");
  await dialog.getByLabel("Name", { exact: true }).press("Enter");
  await expect(dialog).toHaveCount(0);
  await page
    .getByRole("row", { name: /Night shift/ })
    .getByRole("button", { name: "Edit" })
    .click();
  await dialog.getByLabel("Name", { exact: true }).fill("Late shift");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Late shift/ })).toBeVisible();
  await page
    .getByRole("row", { name: /Late shift/ })
    .getByRole("button", { name: "Edit" })
    .click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Late shift/ })).toHaveCount(0);

  // A canned reply: saved, then deleted.
  await page.goto("/admin/canned-replies");
  await page.getByRole("button", { name: "New canned reply" }).click();
  await dialog.getByLabel("Title").fill("Greeting");
  await dialog.getByLabel("Text").fill("Hello {first_name}!");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Greeting/ })).toBeVisible();
  await page
    .getByRole("row", { name: /Greeting/ })
    .getByRole("button", { name: "Edit" })
    .click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row", { name: /Greeting/ })).toHaveCount(0);

  // A case status: a name already taken is refused in words; Cancel leaves the list as it was.
  await page.goto("/admin/case-statuses");
  await page.getByRole("button", { name: "New status" }).click();
  await dialog.getByLabel("Name", { exact: true }).fill("Waiting for parts");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Waiting for parts/ })).toBeVisible();
  await page.getByRole("button", { name: "New status" }).click();
  await dialog.getByLabel("Name", { exact: true }).fill("Waiting for parts");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Already taken.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("row", { name: /Waiting for parts/ })).toHaveCount(1);

  // A blocked number: the dialog's own Save ("Block"); a number that is not one is refused in place.
  await page.goto("/admin/blocked-numbers");
  await page.getByRole("button", { name: "Block a number" }).click();
  await dialog.getByLabel("Number", { exact: true }).fill("abc");
  await dialog.getByRole("button", { name: "Block", exact: true }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/number/i).first()).toBeVisible();
  await dialog.getByLabel("Number", { exact: true }).fill("+48 600 100 200");
  await dialog.getByRole("button", { name: "Block", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("+48600100200")).toBeVisible();
});
