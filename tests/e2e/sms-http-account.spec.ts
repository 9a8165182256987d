// An HTTP SMS provider set up from the admin screen (tests/support/http-sms-gateway.ts is the
// provider): the admin, working in Russian, picks the provider type, enters the API address, token
// and webhook key, and is shown the address to give the provider; the provider then posts a signed
// customer's text to exactly that address, and it becomes a case.
import { GATEWAY_TOKEN, GATEWAY_WEBHOOK_KEY, HttpSmsGateway } from "../support/http-sms-gateway.ts";
import { expect, signIn, test } from "./fixtures.ts";

let gateway: HttpSmsGateway;
test.beforeAll(async () => {
  gateway = await new HttpSmsGateway().start();
});
test.afterAll(async () => {
  await gateway?.close();
});

test("an admin sets up an HTTP SMS provider and the webhook address shown takes the provider's signed texts", async ({ page, factory }) => {
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const admin = await factory.user("ADMIN", "Анна Смирнова", "ru");
  await db.queue.create({ data: { organizationId: orgId, name: "SMS", channels: ["SMS"] } });
  const ourNumber = `+4822${String(Date.now()).slice(-7)}`;

  await signIn(page, admin.username);
  await page.goto("/admin/sms");
  await page.getByRole("button", { name: "Новый аккаунт" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Название", { exact: true }).fill("Шлюз HTTP");
  await dialog.getByLabel("Тип провайдера").selectOption("HTTP");
  await expect(dialog.getByLabel("Адрес API")).toBeVisible();
  await expect(dialog.getByLabel("Хост SMSC")).toHaveCount(0);
  await dialog.getByLabel("Адрес API").fill("ftp://gateway");
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  await expect(dialog.getByText(/https:\/\//).first()).toBeVisible();
  await dialog.getByLabel("Адрес API").fill(gateway.url);
  await dialog.getByLabel("API-токен").fill(GATEWAY_TOKEN);
  await dialog.getByLabel("Ключ подписи вебхуков").fill(GATEWAY_WEBHOOK_KEY);
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  const row = page.getByTestId("sms-account-Шлюз HTTP");
  await expect(row).toContainText(gateway.url);

  await row.getByRole("button").click();
  const shown = dialog.getByTestId("sms-webhook-url");
  await expect(shown).toContainText("/api/sms/webhook/");
  await page.screenshot({ path: "test-results/sms-http-account-ru.png", fullPage: true });
  gateway.webhookUrl = (await shown.textContent())!.trim();
  await dialog.getByRole("button", { name: "Отмена" }).click();

  const account = await db.smsAccount.findFirstOrThrow({ where: { organizationId: orgId, name: "Шлюз HTTP" } });
  const queue = await db.queue.findFirstOrThrow({ where: { organizationId: orgId, name: "SMS" } });
  await db.entryPoint.create({ data: { organizationId: orgId, kind: "SMS", name: "SMS", key: ourNumber, queueId: queue.id, smsAccountId: account.id } });
  expect(await gateway.deliver({ id: "mo-1", from: "+48601555778", to: ourNumber, text: "Здравствуйте, где мой заказ?" })).toBe(204);
  expect(await gateway.deliver({ id: "mo-1", from: "+48601555778", to: ourNumber, text: "Здравствуйте, где мой заказ?" }, { key: "wrong" })).toBe(401);
  const kase = await db.case.findFirstOrThrow({ where: { organizationId: orgId, queueId: queue.id } });
  expect(kase.subject).toBe("SMS: Здравствуйте, где мой заказ?");
});
