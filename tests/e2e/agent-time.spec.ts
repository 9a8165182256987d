// Agents' time accounting as a supervisor reads it: the agents of her team with their time signed
// in, per state and pause reason, sign-ins and occupancy; the timesheet downloads as CSV. Shown in
// English, Polish and Russian at 1440×900 and 1280×720.
import { readFileSync } from "node:fs";
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
    data: { organizationId: orgId, state: "ENDED", createdAt: min(30), answeredAt: min(30), endedAt: min(50), parties: { create: [{ role: "CALLEE", userId: agent.id, joinedAt: min(30), leftAt: min(50) }] } },
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
  expect(csv).toContain("Ada Żak");
  expect(csv).toMatch(/Total,Ada Żak,[^,]+,4:00:00,1,/);
  expect(csv.split("\r\n")[0]).toContain("Lunch");

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
