// The Outbound calls report as a supervisor reads it: yesterday's calls out by her team (Ada's own
// call answered and one busy, a call-back Ben made, the campaign's machine and abandoned call) as
// tiles, a chart, the results and tables per interval, kind, campaign and agent; a figure lists its
// calls; the campaign filter narrows it; the report downloads as XLSX, read back here with exceljs.
// Shown in English, Polish and Russian.
import ExcelJS from "exceljs";
import { createCase } from "../../domain/cases/create-case.ts";
import { applyOutboundCall } from "../../domain/reports/outbound-intervals.ts";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = "test-results/outbound-report";

test("a supervisor reads her team's calls out, lists the calls behind a figure, filters a campaign and downloads the XLSX", async ({ page, factory }) => {
  test.setTimeout(120_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const lead = await factory.user("SUPERVISOR", "Sara Lead");
  const ada = await factory.user("AGENT", "Ada Żak");
  const ben = await factory.user("AGENT", "Ben Ray");
  await factory.team("Day shift", [{ userId: lead.id, lead: true }, { userId: ada.id }, { userId: ben.id }]);
  const queue = await db.queue.create({
    data: { organizationId: orgId, name: "Sales", channels: ["VOICE"], members: { create: [{ userId: ada.id }, { userId: ben.id }] } },
  });
  const list = await db.contactList.create({
    data: { organizationId: orgId, name: "Leads", status: "READY", fieldNames: [], entries: { create: [{ row: 2, phone: "+48601100001", name: "Lead" }] } },
    include: { entries: true },
  });
  const campaign = await db.campaign.create({
    data: {
      organizationId: orgId,
      name: "Spring offer",
      queueId: queue.id,
      mode: "PREDICTIVE",
      contacts: { create: [{ entryId: list.entries[0].id, phone: "+48601100001", sortKey: 0 }] },
    },
    include: { contacts: true },
  });

  const start = new Date();
  start.setUTCDate(start.getUTCDate() - 1);
  start.setUTCHours(9, 0, 0, 0);
  /** A call out `at` seconds after yesterday 09:00 UTC: answered after `answered` s (null: never), ended after `ended` s. */
  const callOut = async (
    subject: string,
    at: number,
    c: {
      agentId: string | null;
      answered: number | null;
      ended: number;
      sipCode?: number;
      data?: object;
      queueId?: string;
      attempt?: { amdResult: string; outcome: "MACHINE" | "ABANDONED" };
    },
  ) => {
    const sec = (s: number) => new Date(start.getTime() + (at + s) * 1000);
    const id = await db.$transaction(async (tx) => {
      const kase = await createCase(tx, { organizationId: orgId, channel: "VOICE", subject, contactId: null, queueId: c.queueId ?? null, now: sec(0) });
      const i = await tx.interaction.create({
        data: {
          organizationId: orgId,
          caseId: kase.id,
          channel: "VOICE",
          direction: "OUTBOUND",
          state: "ENDED",
          queueId: c.queueId ?? null,
          agentId: c.agentId,
          arrivedAt: sec(0),
          endedAt: sec(c.ended),
          data: { phone: "+48601100001", ...c.data },
        },
      });
      await tx.call.create({
        data: {
          organizationId: orgId,
          interactionId: i.id,
          state: "ENDED",
          createdAt: sec(0),
          answeredAt: c.answered === null ? null : sec(c.answered),
          endedAt: sec(c.ended),
          sipCode: c.sipCode ?? (c.answered === null ? null : 200),
          remoteNumber: "+48601100001",
        },
      });
      if (c.attempt)
        await tx.campaignAttempt.create({
          data: {
            organizationId: orgId,
            campaignId: campaign.id,
            contactId: campaign.contacts[0].id,
            mode: "PREDICTIVE",
            interactionId: i.id,
            startedAt: sec(0),
            ...c.attempt,
          },
        });
      return i.id;
    });
    await applyOutboundCall(id, { db });
  };
  await callOut("Quote follow-up", 0, { agentId: ada.id, answered: 10, ended: 130 });
  await callOut("Second try", 600, { agentId: ada.id, answered: null, ended: 5, sipCode: 486 });
  await callOut("Call me back", 3600, { agentId: ben.id, answered: 5, ended: 65, queueId: queue.id, data: { callback: true, requestedVia: "IVR" } });
  const camp = { agentId: null, queueId: queue.id, data: { campaignId: campaign.id } };
  await callOut("Spring offer: Lead", 7200, { ...camp, answered: 12, ended: 16, attempt: { amdResult: "MACHINE", outcome: "MACHINE" } });
  await callOut("Spring offer: Lead", 7300, { ...camp, answered: 8, ended: 10, attempt: { amdResult: "HUMAN", outcome: "ABANDONED" } });

  await signIn(page, lead.username);
  await page.goto("/reports");
  await page.getByRole("link", { name: /^Calls out/ }).click();
  await expect(page.getByTestId("tile-calls")).toHaveText("5");
  await expect(page.getByTestId("tile-answered")).toHaveText("2");
  await expect(page.getByTestId("tile-answerRate")).toHaveText("40%");
  await expect(page.getByTestId("tile-abandonRate")).toHaveText("33.3%");
  await expect(page.getByTestId("bar-BUSY")).toHaveText("1");

  // Per agent: Ada's two, Ben's one, and the campaign's two no agent had.
  const agents = page.getByTestId("agent-table");
  await expect(agents.locator("tbody tr th")).toHaveText(["Ada Żak", "Ben Ray", "No agent"]);
  await agents.locator(`tr[data-row="nobody"] td[data-column="calls"] button`).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("drill-row")).toHaveCount(2);
  await expect(dialog.getByTestId("drill-row").first()).toContainText("Machine");
  await page.screenshot({ path: `${SHOTS}/drill-en.png` });
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.getByTestId("kind-table").locator('tr[data-row="MANUAL"] td[data-column="busy"] button').click();
  await expect(dialog.getByTestId("drill-row")).toHaveCount(1);
  await expect(dialog.getByTestId("drill-row")).toContainText(/Busy\s*\(486\)/);
  await dialog.getByRole("button", { name: "Close" }).click();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(/^calls-out-\d{4}-\d{2}-\d{2}-day\.xlsx$/);
  const sheets: unknown[][][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader((await download.path())!, { worksheets: "emit", sharedStrings: "cache" });
  for await (const sheet of reader) {
    const rows: unknown[][] = [];
    for await (const row of sheet) rows.push((row.values as unknown[]).slice(1));
    sheets.push(rows);
  }
  expect(sheets).toHaveLength(4);
  expect(sheets[0].find((r) => r[0] === "Total")!.slice(2, 4)).toEqual([5, 2]);
  expect(sheets[3].slice(1, 4).map((r) => r[0])).toEqual(["Ada Żak", "Ben Ray", "No agent"]);

  // The campaign alone.
  await page.getByTestId("campaign-filter").selectOption({ label: "Spring offer" });
  await expect(page.getByTestId("tile-calls")).toHaveText("2");
  await expect(page.getByTestId("campaign-table")).toContainText("Spring offer");
  await page.getByTestId("campaign-filter").selectOption("");
  await expect(page.getByTestId("tile-calls")).toHaveText("5");

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByTestId("tile-calls")).toHaveText("5");
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/outbound-${locale}-1440x900.png`, fullPage: true });
  }
});
