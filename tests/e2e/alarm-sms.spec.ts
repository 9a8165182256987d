// An alarm told by SMS, against a real SMSC on loopback: a supervisor working in Russian defines a
// trunk alarm, is told a number without its country code will not do, saves it with the right one;
// the trunk's registration fails, the alarm is raised, the worker's link texts the number in the
// organisation's language, and the alarms page shows the text delivered.
import { TestSmsc } from "../support/smsc.ts";
import { expect, signIn, test } from "./fixtures.ts";
import { smsLine } from "./sms-setup.ts";

const SHOTS = "test-results/alarm-sms";
let smsc: TestSmsc;
test.beforeAll(async () => {
  smsc = await new TestSmsc().start();
});
test.afterAll(async () => {
  await smsc?.close();
});

test("a supervisor in Russian has a trunk alarm texted to the duty phone, and sees it delivered", async ({ page, factory }) => {
  test.setTimeout(120_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  await db.organization.update({ where: { id: orgId }, data: { locale: "ru" } });
  const lead = await factory.user("SUPERVISOR", "Ирина Смирнова", "ru");
  const stamp = String(Date.now()).slice(-6);
  const ourNumber = `+4822${stamp}1`;
  const duty = `+48602${stamp}`;
  const { account } = await smsLine(factory, smsc, { account: "SMS-шлюз", queue: "SMS", number: ourNumber });
  const trunk = await db.sipTrunk.create({
    data: { organizationId: orgId, name: `Оператор ${stamp}`, host: "sip.example.com", username: "acct", status: "REGISTERED" },
  });

  await signIn(page, lead.username);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto("/alarms");
  await page.getByRole("button", { name: "Новая тревога" }).click();
  const form = page.getByTestId("alarm-form");
  await form.getByLabel("Название").fill("Транк упал");
  await form.getByLabel("Когда").selectOption("TRUNK_UNREGISTERED");
  await form.getByLabel("Транк").selectOption({ label: trunk.name });
  // The only account is chosen already; a number without its country code is refused, said why.
  await expect(form.getByLabel("SMS-аккаунт")).toHaveValue(account.id);
  await form.getByLabel("Номера").fill("602 123 456");
  await form.getByRole("button", { name: "Сохранить" }).click();
  await expect(form).toContainText("Это не номера с кодом страны: 602 123 456");
  await page.screenshot({ path: `${SHOTS}/1-number-refused.png`, fullPage: true });
  await form.getByLabel("Номера").fill(duty.replace(/^(\+48)(\d{3})/, "$1 $2 "));
  await form.getByRole("button", { name: "Сохранить" }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId("alarm-Транк упал")).toContainText("1 номер");

  // The provider stops taking the registration: raised, and the duty phone is texted.
  await db.sipTrunk.update({ where: { id: trunk.id }, data: { status: "FAILED", statusAt: new Date() } });
  await expect.poll(() => smsc.texts(duty.slice(1)), { timeout: 45_000 }).toHaveLength(1);
  expect(smsc.texts(duty.slice(1))[0]).toContain(`Тревога «Транк упал» для ${trunk.name}`);
  const row = page.getByTestId("alarm-text");
  await expect(row).toContainText(duty, { timeout: 20_000 });
  await expect(row).toContainText("доставлено", { timeout: 20_000 });
  await page.screenshot({ path: `${SHOTS}/2-texted.png`, fullPage: true });

  // A text held back (the number had its hour's texts: a flapping alarm) says so in her language.
  const alarm = await db.alarm.findFirstOrThrow({ where: { organizationId: orgId, name: "Транк упал" } });
  await db.noticeSms.create({
    data: {
      organizationId: orgId,
      accountId: account.id,
      alarmId: alarm.id,
      toNumber: duty,
      ownNumber: ourNumber,
      text: "…",
      state: "FAILED",
      error: "HELD_BACK",
    },
  });
  await page.reload();
  await expect(page.getByTestId("alarm-text").first()).toContainText("Задержано: этот номер уже получил 10 SMS о тревогах за последний час");
});
