// The Chat and e-mail report as a supervisor reads it: yesterday's chats and an e-mail in her
// team's queue (answered fast and rated 5, answered late and rated 2, an e-mail answered within the
// hour, a chat nobody took) as tiles, a chart, the ratings and tables per interval, queue, agent
// and channel; a figure lists its conversations and one opens its case; the report downloads as
// XLSX, read back here with exceljs. Shown in English, Polish and Russian.
import ExcelJS from "exceljs";
import { createCase } from "../../domain/cases/create-case.ts";
import { applyConversation } from "../../domain/reports/conversation-intervals.ts";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/conversation-report";

test("a supervisor reads her queue's chats and e-mails, lists the conversations behind a figure and downloads the XLSX", async ({ page, factory }) => {
  test.setTimeout(120_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const lead = await factory.user("SUPERVISOR", "Sara Lead");
  const ada = await factory.user("AGENT", "Ada Żak");
  const ben = await factory.user("AGENT", "Ben Ray");
  await factory.team("Day shift", [{ userId: lead.id, lead: true }, { userId: ada.id }, { userId: ben.id }]);
  const queue = await db.queue.create({
    data: {
      organizationId: orgId,
      name: "Support",
      channels: ["CHAT", "EMAIL"],
      sla: { firstResponseMinutes: 2, resolutionMinutes: null, channels: { EMAIL: { firstResponseMinutes: 60, resolutionMinutes: null } } },
      members: { create: [{ userId: ada.id }, { userId: ben.id }] },
    },
  });

  const start = new Date();
  start.setUTCDate(start.getUTCDate() - 1);
  start.setUTCHours(9, 0, 0, 0);
  type Step = [type: string, at: number, agentId?: string, data?: object];
  /** A conversation `at` seconds after yesterday 09:00 UTC, its steps and messages (author, second, agent). */
  const conversation = async (subject: string, channel: "CHAT" | "EMAIL", at: number, end: number, steps: Step[], messages: [string, number, string?][], rating?: number) => {
    const sec = (s: number) => new Date(start.getTime() + (at + s) * 1000);
    const id = await db.$transaction(async (tx) => {
      const kase = await createCase(tx, { organizationId: orgId, channel, subject, contactId: null, queueId: queue.id, now: sec(0) });
      const i = await tx.interaction.create({
        data: { organizationId: orgId, caseId: kase.id, channel, queueId: queue.id, state: "ENDED", arrivedAt: sec(0), endedAt: sec(end), rating: rating ?? null },
      });
      await tx.interactionEvent.createMany({
        data: steps.map(([type, s, agentId, data]) => ({
          organizationId: orgId,
          interactionId: i.id,
          type,
          at: sec(s),
          queueId: type === "queued" || type === "accepted" ? queue.id : null,
          agentId: agentId ?? null,
          data: data ?? {},
        })),
      });
      await tx.message.createMany({
        data: messages.map(([author, s, agentId]) => ({
          organizationId: orgId,
          caseId: kase.id,
          interactionId: i.id,
          authorType: author as "CONTACT" | "AGENT",
          authorUserId: agentId ?? null,
          body: "…",
          createdAt: sec(s),
        })),
      });
      return { interaction: i.id, kase };
    });
    await applyConversation(id.interaction, { db });
    return id.kase;
  };
  const quick = await conversation("Where is my parcel", "CHAT", 0, 300, [["queued", 0], ["accepted", 10, ada.id], ["ended", 300, ada.id], ["rated", 310, undefined, { rating: 5 }]], [["CONTACT", 0], ["AGENT", 30, ada.id]], 5);
  await conversation("Refund", "CHAT", 600, 400, [["queued", 0], ["accepted", 20, ben.id], ["ended", 400, ben.id], ["rated", 401, undefined, { rating: 2 }]], [["CONTACT", 0], ["AGENT", 200, ben.id]], 2);
  await conversation("Invoice", "EMAIL", 3600, 1900, [["queued", 0], ["accepted", 600, ada.id], ["ended", 1900, ada.id]], [["CONTACT", 0], ["AGENT", 1800, ada.id]]);
  await conversation("Hello?", "CHAT", 7200, 60, [["queued", 0], ["abandoned", 60, undefined, { by: "CONTACT" }]], [["CONTACT", 0]]);

  await signIn(page, lead.username);
  await page.goto("/reports");
  await page.getByRole("link", { name: /^Chat and e-mail/ }).click();
  await expect(page.getByTestId("tile-conversations")).toHaveText("4");
  await expect(page.getByTestId("tile-answered")).toHaveText("3");
  await expect(page.getByTestId("tile-firstResponseAvg")).toHaveText("11:17");
  await expect(page.getByTestId("tile-firstResponseInTarget")).toHaveText("50%");
  await expect(page.getByTestId("tile-ratingAvg")).toHaveText("3.50");
  await expect(page.getByTestId("bar-stars-5")).toHaveText("1");

  // Per agent: Ada's two, Ben's one, and the chat nobody took.
  const agents = page.getByTestId("agent-table");
  await expect(agents.locator("tbody tr th")).toHaveText(["Ada Żak", "Ben Ray", "Nobody took it"]);
  await agents.locator(`tr[data-row="nobody"] td[data-column="conversations"] button`).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("drill-row")).toHaveCount(1);
  await expect(dialog.getByTestId("drill-row")).toContainText("Hello?");
  await dialog.getByRole("button", { name: "Close" }).click();

  // The conversations that missed the first-response target, from the total row.
  await page.getByTestId("interval-table").locator('tr[data-row="total"] td[data-column="firstResponseInTarget"] button').click();
  await expect(dialog.getByTestId("drill-row")).toHaveCount(2);
  await expect(dialog.getByTestId("drill-row").first()).toContainText("Refund");
  await page.screenshot({ path: `${SHOTS}/drill-en.png` });
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.getByTestId("queue-table").locator('td[data-column="rated"] button').click();
  await dialog.getByRole("link", { name: `#${quick.number}` }).click();
  await expect(page).toHaveURL(new RegExp(`/agent/cases/${quick.id}`));
  await page.goBack();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(/^chat-email-\d{4}-\d{2}-\d{2}-day\.xlsx$/);
  const sheets: unknown[][][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader((await download.path())!, { worksheets: "emit", sharedStrings: "cache" });
  for await (const sheet of reader) {
    const rows: unknown[][] = [];
    for await (const row of sheet) rows.push((row.values as unknown[]).slice(1));
    sheets.push(rows);
  }
  expect(sheets).toHaveLength(4);
  expect(sheets[0].find((r) => r[0] === "Total")!.slice(2, 4)).toEqual([4, 3]);
  expect(sheets[2].slice(1, 4).map((r) => r[0])).toEqual(["Ada Żak", "Ben Ray", "Nobody took it"]);

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByTestId("tile-conversations")).toHaveText("4");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/conversations-${locale}-1440x900.png`, fullPage: true });
    await page.getByTestId("agent-table").screenshot({ path: `${SHOTS}/agents-${locale}.png` });
  }
});
