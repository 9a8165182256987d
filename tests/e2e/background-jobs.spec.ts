// The installation's background jobs: an operator sees them and runs one now; an organisation's
// admin who is no operator sees neither the page nor the jobs.
import { expect, gql, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR;

test("an operator sees every background job and runs one now, in their language", async ({ browser, factory }) => {
  const operator = await factory.user("ADMIN", "Olga Operator");
  await factory.db.prisma.user.update({ where: { id: operator.id }, data: { isOperator: true } });
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  await signIn(page, operator.username);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Background jobs" }).click();
  await expect(page.getByRole("heading", { name: "Background jobs" })).toBeVisible();

  const wrapUps = page.getByTestId("job-agents.end_wrap_ups");
  await expect(wrapUps).toContainText("End wrap-ups whose time is up");
  await expect(wrapUps).toContainText("every second");
  await expect(wrapUps).toContainText("one node at a time");
  const retention = page.getByTestId("job-recordings.retention");
  await expect(retention).toContainText("every hour");
  await expect(retention).toContainText("on every worker node");

  // The silent-visitor sweep runs every 30 s: a run now shows at once, and is in the audit log.
  const silent = page.getByTestId("job-chat.abandon_silent_visitors");
  const runsBefore = (await factory.db.prisma.job.findUniqueOrThrow({ where: { name: "chat.abandon_silent_visitors" } })).runs;
  await silent.getByRole("button", { name: "Run now: Close chats of visitors who left" }).click();
  await expect(silent).toContainText(`${runsBefore + 1} run`);
  await expect.poll(async () => factory.db.prisma.auditLog.count({ where: { actorId: operator.id, action: "job.run_requested" } })).toBe(1);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/background-jobs-en.png`, fullPage: true });

  for (const [locale, title, wrapUpWords] of [
    ["pl", "Zadania w tle", "co sekundę"],
    ["ru", "Фоновые задачи", "каждую секунду"],
  ] as const) {
    await page.getByTestId("language").selectOption(locale);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(wrapUps).toContainText(wrapUpWords);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/background-jobs-${locale}.png`, fullPage: true });
  }
});

test("an organisation's admin who is no operator has no Background jobs page nor API", async ({ browser, factory }) => {
  const admin = await factory.user("ADMIN", "Adam Admin");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, admin.username);
  await page.goto("/admin");
  const nav = page.getByRole("navigation", { name: "Administration" });
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Background jobs" })).toHaveCount(0);
  await page.goto("/admin/jobs");
  await expect(page.getByText("Your role does not give access to this page")).toBeVisible();
  await expect(page.getByTestId("job-agents.end_wrap_ups")).toHaveCount(0);
  const list = await gql(page, `{ backgroundJobs { name } }`);
  expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  const run = await gql(page, `mutation { runBackgroundJob(name: "agents.end_wrap_ups") { name } }`);
  expect(run.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
});
