// An SMS campaign from the editor to the answers, against a real SMSC on loopback: an administrator
// working in Polish writes the template (the editor counts it, names the letters that cost more and
// the field no list has), starts the campaign; every contact gets their text, the supervisor sees
// the texts delivered, and a customer's answer opens a case on the campaign's queue that starts
// with what the campaign sent.
import { TestSmsc } from "../support/smsc.ts";
import { expect, signIn, test } from "./fixtures.ts";
import { smsLine } from "./sms-setup.ts";

const SHOTS = "test-results/sms-campaign";
let smsc: TestSmsc;
test.beforeAll(async () => {
  smsc = await new TestSmsc().start();
});
test.afterAll(async () => {
  await smsc?.close();
});

test("an admin texts a list from a template in Polish; the supervisor sees delivery; an answer lands on the campaign's queue", async ({
  page,
  browser,
  factory,
}) => {
  test.setTimeout(120_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const admin = await factory.user("ADMIN", "Ala Admin", "pl");
  const agent = await factory.user("AGENT", "Ola Kowalczyk", "pl");
  const stamp = String(Date.now()).slice(-6);
  const ourNumber = `+4822${stamp}0`;
  await smsLine(factory, smsc, { account: "Bramka SMS", queue: "SMS desk", number: ourNumber });
  const list = await db.contactList.create({
    data: { organizationId: orgId, name: "Dłużnicy", status: "READY", fieldNames: ["kwota"], fileName: "dluznicy.csv", imported: 3 },
  });
  const people = [
    ["Józef Żółć", "120,50"],
    ["Anna Nowak", "80,00"],
    ["Piotr Wiśniewski", "45,99"],
  ] as const;
  const phones = people.map((_, i) => `+48601${stamp}${i}`);
  for (const [i, [name, kwota]] of people.entries()) {
    await db.contactListEntry.create({ data: { listId: list.id, row: i + 2, phone: phones[i]!, name, fields: { kwota } } });
  }

  await signIn(page, admin.username);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/admin/campaigns");
  await page.getByRole("button", { name: "Nowa kampania" }).click();
  await page.locator("#campaign-name").fill("Przypomnienie o płatności");
  await page.locator("#campaign-mode").selectOption("SMS");
  await page.getByLabel(/^Dłużnicy \(3/).check();
  await page.getByLabel("Ola Kowalczyk", { exact: true }).check();
  await page.locator("#campaign-sms-account").selectOption({ label: "Bramka SMS" });
  await page
    .locator("#campaign-sms-template")
    .fill("Dzień dobry {firstName}, przypominamy o płatności {kwota} zł do {termin}. Odpowiedz na tę wiadomość, jeśli masz pytania.");
  const count = page.getByTestId("campaign-sms-count");
  await expect(count).toContainText("2 części");
  await expect(count).toContainText("ń ł ś ę");
  await expect(count).toContainText("{termin}");
  await page.getByRole("group", { name: "Treść" }).screenshot({ path: `${SHOTS}/editor-pl.png` });
  // Without the field no list has, and without the marks: one GSM part.
  await page
    .locator("#campaign-sms-template")
    .fill("Dzień dobry {firstName}, przypominamy o płatności {kwota} zł. Odpowiedz na tę wiadomość, jeśli masz pytania.");
  await page.getByLabel("Wysyłaj polskie litery bez znaków diakrytycznych (ą → a)").check();
  await expect(count).toContainText("1 część");
  await expect(count).not.toContainText("UCS-2");
  await page.getByRole("button", { name: "Zapisz" }).click();
  const row = page.getByTestId("campaign-Przypomnienie o płatności");
  await expect(row).toContainText("Szkic");
  await row.getByRole("button", { name: "Uruchom" }).click();

  // The worker binds the account within its round and texts every contact.
  await expect.poll(() => phones.map((p) => smsc.texts(p.slice(1)).length), { timeout: 45_000 }).toEqual([1, 1, 1]);
  expect(smsc.texts(phones[0]!.slice(1))).toEqual(["Dzien dobry Jozef, przypominamy o platnosci 120,50 zl. Odpowiedz na te wiadomosc, jesli masz pytania."]);

  const campaign = await db.campaign.findFirstOrThrow({ where: { organizationId: orgId, name: "Przypomnienie o płatności" } });
  await page.goto(`/supervisor/campaigns/${campaign.id}`);
  await expect(page.getByTestId("tile-texts-delivered-value")).toHaveText("3", { timeout: 20_000 });
  await expect(page.getByTestId("tile-texts-rate-value")).toHaveText("100%");
  await page.screenshot({ path: `${SHOTS}/monitor-pl.png`, fullPage: true });

  // Anna answers: a case on the campaign's queue, opening with what she was sent.
  expect(
    await smsc.deliver({
      source_addr: phones[1]!.slice(1),
      destination_addr: ourNumber.slice(1),
      esm_class: 0,
      data_coding: 0,
      short_message: Buffer.from("Zaplace w piatek"),
    }),
  ).toBe(0);
  const kase = await db.case.findFirstOrThrow({ where: { organizationId: orgId, queueId: campaign.queueId } });
  await db.case.update({ where: { id: kase.id }, data: { assigneeId: agent.id } });
  const context = await browser.newContext({ locale: "pl-PL" });
  const agentPage = await context.newPage();
  await signIn(agentPage, agent.username);
  await agentPage.goto(`/agent/cases/${kase.id}`);
  await expect(agentPage.getByText("Przypomnienie o płatności: Dzien dobry Anna")).toBeVisible();
  await expect(agentPage.getByTestId("customer-message")).toContainText("Zaplace w piatek");
  await agentPage.screenshot({ path: `${SHOTS}/answer-pl.png` });
  await context.close();
});
