// The do-not-call screen and, beside it, the numbers that may not be texted: a supervisor working
// in Polish adds a number not to call, then on the SMS tab sees a customer's STOP with the case it
// is on, adds a number on a customer's word with a note, and allows texts to it again after
// confirming.
import { expect, signIn, test } from "./fixtures.ts";

test("a supervisor keeps the do-not-call list and the SMS opt-outs", async ({ page, factory }) => {
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const supervisor = await factory.user("SUPERVISOR", "Ewa Nowak", "pl");
  const process = await db.process.findFirstOrThrow({ where: { organizationId: orgId, isDefault: true }, include: { statuses: true } });
  const kase = await db.case.create({
    data: {
      organizationId: orgId,
      number: 1,
      subject: "SMS: STOP",
      processId: process.id,
      statusId: process.statuses.find((s) => s.category === "OPEN")!.id,
      channel: "SMS",
    },
  });
  const message = await db.message.create({ data: { organizationId: orgId, caseId: kase.id, authorType: "CONTACT", body: "STOP" } });
  await db.smsOptOut.create({ data: { organizationId: orgId, number: "+48601000111", keyword: "STOP", messageId: message.id } });

  await signIn(page, supervisor.username);
  await page.goto("/admin/do-not-call");
  await page.getByLabel("Numery", { exact: true }).fill("601 000 222");
  await page.getByRole("button", { name: "Dodaj" }).click();
  await expect(page.getByTestId("dnc-+48601000222")).toBeVisible();

  await page.getByRole("tab", { name: "SMS" }).click();
  const texted = page.getByTestId("sms-opt-out-+48601000111");
  await expect(texted).toContainText("Napisał(a) „STOP”");
  await expect(texted.getByRole("link", { name: "zgłoszenie" })).toHaveAttribute("href", `/agent/cases/${kase.id}`);

  await page.getByLabel("Numery", { exact: true }).fill("+48 601 000 333\nnie numer");
  await page.getByLabel("Notatka").fill("Prosił przez telefon");
  await page.getByRole("button", { name: "Dodaj" }).click();
  await expect(page.getByText(/Dodano 1/)).toBeVisible();
  const added = page.getByTestId("sms-opt-out-+48601000333");
  await expect(added).toContainText("Dodał(a) Ewa Nowak");
  await expect(added).toContainText("Prosił przez telefon");
  await page.screenshot({ path: "test-results/sms-opt-outs-pl.png", fullPage: true });

  page.once("dialog", (d) => void d.accept());
  await added.getByRole("button", { name: "Zezwól znów na SMS-y" }).click();
  await expect(added).toHaveCount(0);
  expect(await db.smsOptOut.count({ where: { organizationId: orgId } })).toBe(1);
  expect(await db.auditLog.count({ where: { organizationId: orgId, action: { startsWith: "sms_opt_out." } } })).toBe(2);
});
