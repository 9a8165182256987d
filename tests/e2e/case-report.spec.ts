// The cases report as a supervisor reads it: yesterday's cases in her team's queue (one resolved,
// one waiting for the customer, one new whose first answer is overdue) as tiles, the flow chart,
// the backlog by status and the tables; a figure lists its cases and a case opens; the report
// downloads as XLSX, read back here with exceljs, and is saved and opened again. Shown in
// English, Polish and Russian.
import ExcelJS from "exceljs";
import { createCase } from "../../domain/cases/create-case.ts";
import { recordStatusChange } from "../../domain/cases/status-spans.ts";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/case-report";

test("a supervisor reads her queue's cases, lists the cases behind a figure, downloads the XLSX and saves the report", async ({ page, factory }) => {
  test.setTimeout(120_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const lead = await factory.user("SUPERVISOR", "Sara Lead");
  const agent = await factory.user("AGENT", "Ada Żak");
  await factory.team("Day shift", [{ userId: lead.id, lead: true }, { userId: agent.id }]);
  const queue = await db.queue.create({ data: { organizationId: orgId, name: "Support", channels: ["EMAIL"], members: { create: [{ userId: agent.id }] } } });

  // Yesterday in the organisation's time zone (Warsaw), 09:00 UTC: the report's days are Warsaw's,
  // and just after midnight there UTC's yesterday is the day before.
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date()).split("-").map(Number);
  const start = new Date(Date.UTC(y!, m! - 1, d! - 1, 9));
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const make = (subject: string, minutes: number) =>
    db.$transaction(async (tx) => {
      const kase = await createCase(tx, { organizationId: orgId, channel: "EMAIL", subject, contactId: null, queueId: queue.id, now: at(minutes) });
      return tx.case.update({ where: { id: kase.id }, data: { assigneeId: agent.id } });
    });
  const statuses = await db.caseStatus.findMany({ where: { process: { organizationId: orgId, isDefault: true } } });
  const statusOf = (category: string) => statuses.find((s) => s.category === category)!;
  const move = (kase: { id: string; statusId: string }, category: string, minutes: number) =>
    db.$transaction(async (tx) => {
      const to = statusOf(category);
      await tx.case.update({ where: { id: kase.id }, data: { statusId: to.id, closedAt: category === "RESOLVED" ? at(minutes) : null } });
      await recordStatusChange(tx, {
        organizationId: orgId,
        caseId: kase.id,
        fromStatusId: kase.statusId,
        toStatusId: to.id,
        actorId: agent.id,
        at: at(minutes),
      });
    });
  const resolved = await make("Invoice copy", 0);
  const waiting = await make("Address change", 30);
  const fresh = await make("Broken router", 60);
  await move(resolved, "RESOLVED", 120);
  await move(waiting, "PENDING", 90);
  await db.case.update({ where: { id: fresh.id }, data: { slaFirstResponseDueAt: at(120) } });

  await signIn(page, lead.username);
  await page.goto("/reports");
  await page.getByRole("link", { name: /^Cases/ }).click();
  await expect(page.getByTestId("tile-created")).toHaveText("3");
  await expect(page.getByTestId("tile-resolved")).toHaveText("1");
  await expect(page.getByTestId("tile-firstResponseBreached")).toHaveText("1");
  await expect(page.getByTestId("tile-overdue")).toHaveText("0");
  await expect(page.getByTestId("tile-backlog")).toHaveText("2");

  // The cases created over the whole period, from the total row; one opens.
  const total = page.getByTestId("interval-table").locator('tr[data-row="total"]');
  await total.locator('td[data-column="created"] button').click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("drill-row")).toHaveCount(3);
  await expect(dialog.getByTestId("drill-total")).toHaveText("3 cases");
  await expect(dialog.getByTestId("drill-row").first()).toContainText("Invoice copy");
  await expect(dialog.getByTestId("drill-row").first()).toContainText("Ada Żak");
  await page.screenshot({ path: `${SHOTS}/drill-en.png` });
  await dialog.getByRole("button", { name: "Close" }).click();

  // The backlog waiting for the customer at the end of yesterday, and still today: the one case.
  const waitingStatus = statusOf("PENDING");
  const cells = page.getByTestId("backlog-table").locator(`td[data-column="${waitingStatus.id}"] button`);
  await expect(cells).toHaveText(["1", "1"]);
  await cells.first().click();
  await expect(dialog.getByTestId("drill-row")).toHaveCount(1);
  await dialog.getByRole("link", { name: `#${waiting.number}` }).click();
  await expect(page).toHaveURL(new RegExp(`/agent/cases/${waiting.id}`));
  await page.goBack();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(/^cases-\d{4}-\d{2}-\d{2}-day\.xlsx$/);
  const sheets: unknown[][][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader((await download.path())!, { worksheets: "emit", sharedStrings: "cache" });
  for await (const sheet of reader) {
    const rows: unknown[][] = [];
    for await (const row of sheet) rows.push((row.values as unknown[]).slice(1));
    sheets.push(rows);
  }
  expect(sheets[0][0]).toEqual(["Interval", "Start", "Created", "Resolved", "First response missed", "Resolution missed", "Past deadline", "Backlog"]);
  expect(sheets[0].find((r) => r[0] === "Whole period")!.slice(2)).toEqual([3, 1, 1, 0, 0, 2]);
  expect(sheets[1][0]).toContain(waitingStatus.name);

  // Saved under a name; it is listed among the saved reports and opens the report again.
  await page.getByTestId("save-report").click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Name").fill("Support cases");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  await page.goto("/reports");
  await expect(page.getByText("Support cases")).toBeVisible();
  await expect(page.getByText("· Cases")).toBeVisible();
  await page.getByTestId("saved-reports").getByRole("link", { name: "Open" }).click();
  await expect(page.getByTestId("tile-created")).toBeVisible();
  await expect(page.getByText("Saved report: Support cases")).toBeVisible();

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByTestId("tile-created")).toHaveText("3");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/cases-${locale}-1440x900.png`, fullPage: true });
  }
});
