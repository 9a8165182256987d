// What admins see and name: a live preview of a chat widget, an audit log in words, and names
// given in several languages that each user reads in theirs.
import { expect, gql, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR;

test("the widget dialog previews the widget live: colour, texts, language and side", async ({ browser, factory }) => {
  const admin = await factory.user("ADMIN", "Ada Admin");
  await factory.db.prisma.queue.create({ data: { organizationId: factory.org.org.id, name: "Web", channels: ["CHAT"] } });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(page, admin.username);
  await page.goto("/admin/chat-widgets");
  await page.getByRole("button", { name: "New chat widget" }).click();
  const dialog = page.getByRole("dialog");
  const preview = dialog.getByTestId("widget-preview");
  await dialog.getByLabel("Name", { exact: true }).fill("Shop chat");
  await dialog.locator("#w-color").fill("#b91c1c");
  await dialog.getByLabel("Title en").fill("Garden help");
  await dialog.getByLabel("Greeting en").fill("Ask about plants");
  await dialog.getByLabel("Title pl").fill("Pomoc ogrodowa");

  await preview.getByRole("radio", { name: "EN" }).click();
  const header = preview.locator("header");
  await expect(header).toContainText("Garden help");
  await expect(header).toContainText("Ask about plants");
  await expect(header).toHaveCSS("background-color", "rgb(185, 28, 28)");
  await expect(preview.getByTestId("prechat-form")).toContainText("Your name");
  // Polish: the Polish title, the greeting left empty falls back to the widget's own Polish words.
  await preview.getByRole("radio", { name: "PL" }).click();
  await expect(header).toContainText("Pomoc ogrodowa");
  await expect(preview.getByTestId("prechat-form")).toContainText("Imię i nazwisko");
  // The launcher moves with the chosen side.
  await dialog.getByLabel("Position").selectOption("left");
  await expect(preview.getByTestId("preview-launcher")).toHaveClass(/left-3/);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/E-widget-preview-pl.png` });
  await preview.getByRole("radio", { name: "RU" }).click();
  await expect(preview.getByTestId("prechat-form")).toContainText("Ваше имя");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/E-widget-preview-ru.png` });
});

test("the audit log says what changed in words, canned replies included", async ({ browser, factory }) => {
  const admin = await factory.user("ADMIN", "Ada Admin");
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(page, admin.username);
  const queue = await factory.db.prisma.queue.create({ data: { organizationId: factory.org.org.id, name: "Billing", channels: ["CHAT"] } });
  const save = `mutation($id: ID, $i: CannedReplyInput!) { saveCannedReply(id: $id, input: $i) { id } }`;
  const created = await gql(page, save, { i: { title: "Greeting", body: "Hello!" } });
  await gql(page, save, { id: created.data.saveCannedReply.id, i: { title: "Greeting", body: "Hello there!", queueId: queue.id } });
  await page.goto("/admin/audit");
  const row = page.getByRole("row").filter({ hasText: "Changed a canned reply" });
  await expect(row.getByTestId("audit-details")).toContainText("Text: Hello! → Hello there!");
  await expect(row.getByTestId("audit-details")).toContainText("Queue: (none) → Billing");
  await expect(page.getByRole("table")).not.toContainText(queue.id);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/D-audit-en.png` });
});

test("a pause reason named in three languages reads in each agent's own", async ({ browser, factory }) => {
  const admin = await factory.user("ADMIN", "Ada Admin");
  const agent = await factory.user("AGENT", "Olga Orlova", "ru");
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(page, admin.username);
  await page.goto("/admin/pause-codes");
  await page.getByRole("row").filter({ hasText: "Training" }).getByRole("button").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Russian").fill("Учёба");
  await dialog.getByLabel("Polish").fill("Szkolenie");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/C-pause-dialog-en.png` });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toHaveCount(0);

  const agentPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(agentPage, agent.username);
  await agentPage.getByTestId("my-state").click();
  await expect(agentPage.getByRole("menuitem", { name: "Учёба" })).toBeVisible();
  await expect(agentPage.getByText("Training")).toHaveCount(0);
  if (SHOTS) await agentPage.screenshot({ path: `${SHOTS}/C-pause-menu-ru.png` });
});
