// The queues/calls report as a supervisor reads it: yesterday's calls in her team's queue (one
// answered within the target, one after it, one abandoned) as tiles, a chart and a table; a
// figure opens the list of its calls and a call opens its case; the table downloads as XLSX, read
// back here with exceljs. Shown in English, Polish and Russian.
import ExcelJS from "exceljs";
import { applyInteraction } from "../../domain/reports/queue-intervals.ts";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/queue-report";

test("a supervisor reads her queue's calls, opens the calls behind a figure and downloads the XLSX", async ({ page, factory }) => {
  test.setTimeout(120_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const lead = await factory.user("SUPERVISOR", "Sara Lead");
  const agent = await factory.user("AGENT", "Ada Żak");
  await factory.team("Day shift", [{ userId: lead.id, lead: true }, { userId: agent.id }]);
  const queue = await db.queue.create({ data: { organizationId: orgId, name: "Support", channels: ["VOICE"], members: { create: [{ userId: agent.id }] } } });
  const process = await db.process.findFirstOrThrow({ where: { organizationId: orgId, isDefault: true }, include: { statuses: true } });
  const status = process.statuses.find((s) => s.category === "OPEN")!;

  const start = new Date();
  start.setUTCDate(start.getUTCDate() - 1);
  start.setUTCHours(9, 0, 0, 0);
  const sec = (s: number) => new Date(start.getTime() + s * 1000);
  /** A call `at` seconds after yesterday 09:00 UTC: answered after `answerAfter` s and talked `talk` s, or abandoned after `talk` s. */
  const call = async (n: number, at: number, answerAfter: number | null, talk: number) => {
    const kase = await db.case.create({
      data: {
        organizationId: orgId,
        number: 9000 + n,
        subject: `Call ${n}`,
        channel: "VOICE",
        processId: process.id,
        statusId: status.id,
        queueId: queue.id,
        assigneeId: answerAfter === null ? null : agent.id,
      },
    });
    const end = sec(at + (answerAfter ?? 0) + talk);
    const i = await db.interaction.create({
      data: {
        organizationId: orgId,
        caseId: kase.id,
        channel: "VOICE",
        queueId: queue.id,
        agentId: answerAfter === null ? null : agent.id,
        state: answerAfter === null ? "ABANDONED" : "ENDED",
        arrivedAt: sec(at),
        answeredAt: answerAfter === null ? null : sec(at + answerAfter),
        endedAt: end,
      },
    });
    const ev = (type: string, s: Date, extra: object = {}) => ({ organizationId: orgId, interactionId: i.id, type, at: s, queueId: queue.id, ...extra });
    await db.interactionEvent.createMany({
      data:
        answerAfter === null
          ? [ev("queued", sec(at)), ev("abandoned", end, { queueId: null, data: { by: "CONTACT" } })]
          : [
              ev("queued", sec(at)),
              ev("offered", sec(at + 1), { agentId: agent.id }),
              ev("accepted", sec(at + answerAfter), { agentId: agent.id }),
              ev("ended", end, { queueId: null }),
            ],
    });
    await applyInteraction(i.id, { db });
    return kase;
  };
  const quick = await call(1, 0, 10, 300);
  await call(2, 600, 40, 120);
  await call(3, 1200, null, 30);

  await signIn(page, lead.username);
  await page.goto("/reports");
  await page.getByRole("link", { name: /Queues and calls/ }).click();
  await expect(page.getByTestId("tile-offered")).toHaveText("3");
  await expect(page.getByTestId("tile-answered")).toHaveText("2");
  await expect(page.getByTestId("tile-abandoned")).toHaveText("1");
  await expect(page.getByTestId("tile-serviceLevel")).toHaveText("33.3%");
  await expect(page.getByTestId("tile-asa")).toHaveText("0:25");
  await expect(page.getByTestId("tile-averageTalk")).toHaveText("3:30");

  // The answered calls of the whole period, from the total row; the first opens its case.
  const total = page.getByTestId("interval-table").locator('tr[data-row="total"]');
  await total.locator('td[data-column="answered"] button').click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("drill-row")).toHaveCount(2);
  await expect(dialog.getByTestId("drill-row").first()).toContainText("Ada Żak");
  await page.screenshot({ path: `${SHOTS}/drill-en.png` });
  await dialog.getByRole("link", { name: `#${quick.number}` }).click();
  await expect(page).toHaveURL(new RegExp(`/agent/cases/${quick.id}`));
  await page.goBack();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  const rows: unknown[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader((await download.path())!, { worksheets: "emit", sharedStrings: "cache" });
  for await (const sheet of reader) {
    for await (const row of sheet) rows.push((row.values as unknown[]).slice(1));
    break;
  }
  expect(rows[0].slice(0, 5)).toEqual(["Interval", "Start", "Offered", "Answered", "Abandoned"]);
  const totalRow = rows.find((r) => r[0] === "Total")!;
  expect(totalRow.slice(2, 5)).toEqual([3, 2, 1]);
  expect(totalRow[9]).toBeCloseTo(25 / 86_400); // ASA as a spreadsheet duration

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const csv = await csvDownload.createReadStream().then(async (s) => Buffer.concat(await s.toArray()).toString("utf8"));
  expect(csv.startsWith("\uFEFFInterval,Offered")).toBe(true);
  expect(csv).toMatch(/\r\nTotal,3,2,1,0,1,33,33,0:00:25,/);

  // The calls in detail: answered calls' wait from 10 s to 40 s, the abandoned call behind its reason.
  const details = page.getByTestId("call-details");
  await expect(details.getByTestId("answered-spread").locator("tbody tr").first()).toHaveText(/Wait\s*0:50\s*0:25\s*0:10\s*0:40/);
  await expect(details.getByTestId("unanswered-spread").locator("tbody tr").first()).toHaveText(/Time before hanging up\s*0:30\s*0:30\s*0:30\s*0:30/);
  await details.getByTestId("by-reason").locator('tr[data-row="ABANDONED"] td[data-column="offered"] button').click();
  await expect(dialog.getByTestId("drill-row")).toHaveCount(1);
  await expect(dialog.getByTestId("drill-row")).toContainText("Abandoned");
  await dialog.getByRole("button", { name: "Close" }).click();
  await details.screenshot({ path: `${SHOTS}/details-en.png` });

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByTestId("tile-offered")).toHaveText("3");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/queues-${locale}-1440x900.png`, fullPage: true });
    await page.getByTestId("interval-table").screenshot({ path: `${SHOTS}/table-${locale}.png` });
    await page.getByTestId("definitions").screenshot({ path: `${SHOTS}/definitions-${locale}.png` });
  }
});
