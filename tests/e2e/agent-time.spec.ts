// Agents' time accounting as a supervisor reads it: the agents of her team with their time signed
// in, per state and pause reason, sign-ins and occupancy; the timesheet downloads as XLSX (read
// back with exceljs) and CSV, and the report saves under a name and is listed on Reports. Shown in
// English, Polish and Russian at 1440×900 and 1280×720.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/agent-time";

test("a supervisor reads her team's time by state and pause reason, and downloads the timesheet", async ({ page, factory }) => {
  test.setTimeout(120_000);
  const db = factory.db.prisma;
  const lead = await factory.user("SUPERVISOR", "Sara Lead");
  const agent = await factory.user("AGENT", "Ada Żak");
  await factory.team("Day shift", [{ userId: lead.id, lead: true }, { userId: agent.id }]);
  const lunch = await db.pauseCode.create({ data: { organizationId: factory.org.org.id, name: "Lunch", translations: { pl: "Obiad", ru: "Обед" } } });
  // Yesterday 08:00–12:00 UTC: three hours Ready, half an hour at lunch, half an hour Ready; a 20-minute call.
  const start = new Date();
  start.setUTCDate(start.getUTCDate() - 1);
  start.setUTCHours(8, 0, 0, 0);
  const min = (m: number) => new Date(start.getTime() + m * 60_000);
  const orgId = factory.org.org.id;
  await db.agentStateChange.createMany({
    data: [
      { organizationId: orgId, userId: agent.id, state: "READY", source: "AGENT", startedAt: min(0), endedAt: min(180) },
      { organizationId: orgId, userId: agent.id, state: "PAUSE", pauseCodeId: lunch.id, source: "AGENT", startedAt: min(180), endedAt: min(210) },
      { organizationId: orgId, userId: agent.id, state: "READY", source: "AGENT", startedAt: min(210), endedAt: min(240) },
      { organizationId: orgId, userId: agent.id, state: "OFFLINE", source: "SIGN_OUT", startedAt: min(240), endedAt: null },
    ],
  });
  await db.call.create({
    data: {
      organizationId: orgId,
      state: "ENDED",
      createdAt: min(30),
      answeredAt: min(30),
      endedAt: min(50),
      parties: { create: [{ role: "CALLEE", userId: agent.id, joinedAt: min(30), leftAt: min(50) }] },
    },
  });

  await signIn(page, lead.username);
  await page.goto("/reports");
  await page.getByRole("link", { name: /Agents' time/ }).click();
  const sheet = page.getByTestId(`agent-time-${agent.username}`);
  await expect(sheet.getByTestId("signed-in")).toHaveText("4:00:00");
  await expect(sheet.getByTestId("talk")).toHaveText("20:00");
  await expect(sheet.getByTestId("sessions")).toHaveText("1");
  await expect(sheet.getByTestId("pause-reasons")).toContainText("Lunch 30:00");
  await expect(sheet.getByTestId("occupancy")).toHaveText("10%"); // 20 min of 210 available

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("Signed in");
  expect(csv.split("\r\n")[0]).toContain("Pause: Lunch");
  expect(csv).toMatch(/\r\nAda Żak,[^,]+,4:00:00,1,/); // the period summary

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await xlsx.path())!);
  const summary = book.getWorksheet("Period summary")!;
  const header = (summary.getRow(1).values as string[]).slice(1);
  const ada = summary.getSheetValues().find((r) => r && (r as unknown[])[1] === "Ada Żak") as ExcelJS.CellValue[];
  expect(ada[header.indexOf("Sign-ins") + 1]).toBe(1);
  expect(ada[header.indexOf("Occupancy") + 1]).toBeCloseTo(20 / 210);

  await page.getByTestId("save-report").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Day shift time");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await page.goto("/reports");
  await expect(page.getByTestId("saved-reports")).toContainText("Day shift time");
  await expect(page.getByTestId("saved-reports")).toContainText("Agents' time");
  await page.getByTestId("saved-reports").getByRole("link", { name: "Open" }).click();
  await expect(page.getByText("Saved report: Day shift time")).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/agents-saved-1440x900.png`, fullPage: true });

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    await expect(sheet.getByTestId("pause-reasons")).toContainText({ en: "Lunch", pl: "Obiad", ru: "Обед" }[locale]);
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SHOTS}/agents-${locale}-${size.width}x${size.height}.png`, fullPage: true });
    }
  }
});
