// Fax-on-demand set up by an administrator working in Russian: a PDF uploaded under Telephony →
// Fax documents is made into fax pages (a file that is not a PDF is refused in words), and an IVR
// flow's step faxes it to callers; the document cannot be deleted while the flow faxes it. The
// letterhead on fax cover pages is set and previewed on the same page.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { makeTestPdf } from "../support/fax.ts";
import { expect, signIn, test } from "./fixtures.ts";

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "centrala-e2e-fod-"));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("an admin uploads a fax document and an IVR flow faxes it to callers", async ({ page, factory }) => {
  test.setTimeout(90_000);
  const admin = await factory.user("ADMIN", "Анна Админова", "ru");
  const orgId = factory.org.org.id;
  await factory.db.prisma.queue.create({ data: { organizationId: orgId, name: "Линия", channels: ["VOICE"] } });
  await signIn(page, admin.username);

  await page.goto("/admin/telephony");
  await page.getByRole("link", { name: "Документы факса", exact: true }).click();
  await expect(page.getByText("Документы для факса ещё не загружены.")).toBeVisible();

  const dialog = page.getByRole("dialog");
  await page.getByRole("button", { name: "Загрузить документ" }).click();
  await dialog.getByLabel("Файл PDF").setInputFiles({ name: "scan.png", mimeType: "image/png", buffer: Buffer.from("89504e470d0a1a0a", "hex") });
  await dialog.getByRole("button", { name: "Загрузить", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("По факсу можно отправить только документы PDF.");

  const pdf = await readFile(await makeTestPdf(dir, 3));
  await dialog.getByLabel("Файл PDF").setInputFiles({ name: "prices.pdf", mimeType: "application/pdf", buffer: pdf });
  await dialog.getByLabel("Название").fill("Прайс-лист");
  await dialog.getByRole("button", { name: "Загрузить", exact: true }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("fax-document-Прайс-лист");
  await expect(row).toContainText("prices.pdf");
  await expect(row.getByRole("cell").nth(1)).toHaveText("3");

  // The letterhead on cover pages: a fifth line is refused in words, four are saved, and the
  // preview is the cover page as a fax machine prints it.
  const cover = page.getByTestId("fax-cover-form");
  await cover.getByLabel("Заголовок").fill("ООО «Ромашка»");
  await cover.getByLabel("Строки под заголовком").fill("ул. Ленина, 1\nМосква\nтел. +7 495 123-45-67\nИНН 7700000000\nлишняя строка");
  await cover.getByRole("button", { name: "Сохранить бланк" }).click();
  await expect(cover.getByRole("alert")).toHaveText("Не больше 4 строк под заголовком.");
  await cover.getByLabel("Строки под заголовком").fill("ул. Ленина, 1, Москва\nтел. +7 495 123-45-67");
  await cover.getByLabel("Нижний колонтитул").fill("Этот факс может содержать конфиденциальную информацию.");
  await cover.getByRole("button", { name: "Сохранить бланк" }).click();
  await expect(cover.getByRole("status")).toHaveText("Сохранено: факсы, отправленные с этого момента, будут с ним.");
  const preview = await page.request.get(
    await cover
      .getByRole("link", { name: /Просмотр титульной страницы/ })
      .getAttribute("href")
      .then((h) => h!),
  );
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  expect((await preview.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expect((await factory.db.prisma.organization.findUniqueOrThrow({ where: { id: orgId } })).faxCover).toMatchObject({ heading: "ООО «Ромашка»" });
  await page.screenshot({ path: "test-results/fax-documents-ru.png", fullPage: true });

  // The starter flow's key 1 leads to a step that now faxes the price list.
  await page.getByRole("link", { name: "Сценарии IVR" }).click();
  await page.getByRole("button", { name: "Новый сценарий IVR" }).click();
  await page.getByLabel("Название", { exact: true }).fill("Факс по запросу");
  await page.getByTestId("step-menu-1").getByLabel("Что слышат звонящие на языке: русский").first().fill("Прайс-лист по факсу — нажмите 1.");
  // (the starter menu's key 1 and its fallback both lead there: it shows under each)
  const step = page.getByTestId("branch-menu-1-key:1").getByTestId("step-queue-1");
  await step.getByLabel("Тип шага queue-1").selectOption("fax");
  await step.getByLabel("Что слышат звонящие на языке: русский").fill("Нажмите «Старт» на вашем факсе.");
  await step.getByLabel("Документ для отправки").selectOption({ label: "Прайс-лист" });
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("button", { name: "Опубликовать", exact: true })).toBeEnabled();
  await page.getByRole("button", { name: "Опубликовать", exact: true }).click();
  await step.screenshot({ path: "test-results/fax-on-demand-step-ru.png" });
  const doc = await factory.db.prisma.faxDocument.findFirstOrThrow({ where: { organizationId: orgId, name: "Прайс-лист" } });
  await expect
    .poll(async () => (await factory.db.prisma.ivrFlow.findFirst({ where: { organizationId: orgId, name: "Факс по запросу" } }))?.publishedVersion)
    .toBe(1);
  const flow = await factory.db.prisma.ivrFlow.findFirstOrThrow({ where: { organizationId: orgId, name: "Факс по запросу" } });
  expect((flow.draft as { nodes: Record<string, { type: string; documentId?: string }> }).nodes["queue-1"]).toMatchObject({ type: "fax", documentId: doc.id });

  // Faxed to a number the caller keys in: only once a step asks for it under that name.
  await step.getByLabel("Отправить факс").selectOption("keyed_number");
  await step.getByLabel("Номер факса из (имя, заданное в «Запросить цифры»)").fill("fax");
  await step.getByLabel("Код страны для национальных номеров").fill("+7");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(step).toContainText("Ни один шаг «Запросить цифры» не сохраняет номер факса под этим именем: сначала запросите его.");
  await step.screenshot({ path: "test-results/fax-on-demand-keyed-ru.png" });
  await step.getByLabel("Отправить факс").selectOption("this_call");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(step).not.toContainText("Ни один шаг");

  // While the flow faxes it, the document stays.
  await page.getByRole("link", { name: "Документы факса", exact: true }).click();
  await page.getByTestId("fax-document-Прайс-лист").getByRole("button", { name: "Удалить" }).click();
  await dialog.getByRole("button", { name: "Да, удалить" }).click();
  await expect(dialog.getByRole("alert")).toContainText("его отправляют сценарии IVR (Факс по запросу)");
});
