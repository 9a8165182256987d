// SMS from setup to reply, against a real SMSC the test runs on loopback (tests/support/smsc.ts):
// an admin adds the SMPP account and sees its link come up, then a number on a queue; a customer's
// text becomes a case; the agent (working in Polish) writes a reply, is told the Polish letters
// make it cost more and writes without them, sends it and sees it delivered.
import { SMSC_PASSWORD, TestSmsc } from "../support/smsc.ts";
import { expect, signIn, test } from "./fixtures.ts";

let smsc: TestSmsc;
test.beforeAll(async () => {
  smsc = await new TestSmsc().start();
});
test.afterAll(async () => {
  await smsc?.close();
});

test("an admin connects an SMS account and a number; an agent answers a customer's text and sees it delivered", async ({ page, browser, factory }) => {
  test.setTimeout(90_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const admin = await factory.user("ADMIN", "Ann Admin");
  const agent = await factory.user("AGENT", "Ola Kowalczyk", "pl");
  const queue = await db.queue.create({
    data: { organizationId: orgId, name: "SMS desk", channels: ["SMS"], members: { create: [{ userId: agent.id, skillLevel: 5 }] } },
  });
  const ourNumber = `+4822${String(Date.now()).slice(-7)}`;

  await signIn(page, admin.username);
  await page.goto("/admin");
  await page.getByRole("link", { name: "SMS" }).click();
  await page.getByRole("button", { name: "New account" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("Test SMSC");
  await dialog.getByLabel("SMSC host").fill("127.0.0.1");
  await dialog.getByLabel("Port").fill(String(smsc.port));
  await dialog.getByLabel("System ID").fill("centrala");
  await dialog.getByLabel("Password").fill(SMSC_PASSWORD);
  await dialog.getByRole("button", { name: "Save" }).click();
  const row = page.getByTestId("sms-account-Test SMSC");
  await expect(row).toContainText(`centrala@127.0.0.1:${smsc.port}`);
  // The worker binds within its round (10 s); the page shows what it wrote.
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("sms-link")).toHaveAttribute("data-status", "BOUND", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("Connected");

  await page.getByRole("button", { name: "New SMS number" }).click();
  await dialog.getByLabel("Number", { exact: true }).fill("601 234");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("A number with its country code (+48…) or a sender name of at most 11 letters and digits.")).toBeVisible();
  await dialog.getByLabel("Number", { exact: true }).fill(ourNumber);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId(`sms-number-${ourNumber}`)).toContainText("SMS desk");
  await page.screenshot({ path: "test-results/sms-admin-en.png", fullPage: true });

  // A customer texts the number: a case in the SMS queue.
  expect(
    await smsc.deliver({
      source_addr: "48601555777",
      destination_addr: ourNumber.slice(1),
      esm_class: 0,
      data_coding: 0,
      short_message: Buffer.from("Kiedy kurier?"),
    }),
  ).toBe(0);
  const kase = await db.case.findFirstOrThrow({ where: { organizationId: orgId, channel: "SMS" } });
  expect(kase.queueId).toBe(queue.id);
  await db.case.update({ where: { id: kase.id }, data: { assigneeId: agent.id } });

  const context = await browser.newContext({ locale: "pl-PL" });
  const agentPage = await context.newPage();
  await signIn(agentPage, agent.username);
  await agentPage.goto(`/agent/cases/${kase.id}`);
  await expect(agentPage.getByTestId("customer-message")).toContainText("Kiedy kurier?");
  const composer = agentPage.getByTestId("sms-composer");
  await composer.getByTestId("composer").fill("Dzień dobry, kurier będzie jutro między 9 a 12. Pozdrawiamy!");
  await expect(composer.getByTestId("sms-count")).toHaveAttribute("data-coding", "UCS2");
  await expect(composer.getByTestId("sms-costly")).toContainText("ń ę");
  await agentPage.screenshot({ path: "test-results/sms-composer-pl.png" });
  await composer.getByRole("button", { name: "Pisz bez polskich liter" }).click();
  await expect(composer.getByTestId("composer")).toHaveValue("Dzien dobry, kurier bedzie jutro miedzy 9 a 12. Pozdrawiamy!");
  await expect(composer.getByTestId("sms-count")).toHaveAttribute("data-coding", "GSM7");
  await expect(composer.getByTestId("sms-count")).toContainText("60 z 160 znaków · 1 część · w tej części zostało 100");
  await composer.getByRole("button", { name: "Wyślij SMS" }).click();
  const delivery = agentPage.getByTestId("sms-delivery");
  await expect(delivery).toHaveAttribute("data-state", "DELIVERED", { timeout: 20_000 });
  await expect(delivery).toContainText("Doręczono");
  expect(smsc.texts("48601555777")).toEqual(["Dzien dobry, kurier bedzie jutro miedzy 9 a 12. Pozdrawiamy!"]);
  await agentPage.screenshot({ path: "test-results/sms-case-pl.png" });
  await context.close();
});
