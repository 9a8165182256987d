// The supervisor's campaign monitor: a campaign seeded straight in the database (calls, contacts,
// result codes, script answers) is listed with its abandon rate over the cap, opened from the list,
// shows its figures, is paused and resumed, and an agent is put into its queue.
import { seedCampaign } from "../support/campaign-seed.ts";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR ?? "test-results/campaign-monitor";

test("a supervisor watches a campaign's figures, pauses and resumes it and puts an agent in", async ({ page, factory }) => {
  const supervisor = await factory.user("SUPERVISOR", "Sam Supervisor");
  const alice = await factory.user("AGENT", "Alice Agent");
  const bob = await factory.user("AGENT", "Bob Builder");
  await seedCampaign(factory.db.prisma, factory.org.org.id, { agentId: alice.id, memberIds: [alice.id], name: "Winter survey" });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, supervisor.username);
  await page.goto("/supervisor");
  await page.getByTestId("campaigns-link").click();
  const row = page.getByTestId("campaign-Winter survey");
  await expect(row.getByTestId("dialled")).toHaveText("7");
  await expect(row.getByTestId("abandon")).toHaveText("25%");
  await expect(row.getByTestId("abandon")).toHaveClass(/text-red-700/);
  await page.screenshot({ path: `${SHOTS}/list-en.png` });

  await row.getByRole("link", { name: "Winter survey" }).click();
  await expect(page.getByTestId("tile-dialled-value")).toHaveText("7");
  await expect(page.getByTestId("tile-connected-value")).toHaveText("3");
  await expect(page.getByTestId("tile-abandon-value")).toHaveText("25%");
  await expect(page.getByTestId("tile-abandon-hour-value")).toHaveText("33.33%");
  await expect(page.getByTestId("tile-attempts-left-value")).toHaveText("4");
  await expect(page.getByTestId("contacts-waitingDue")).toHaveText("1");
  await expect(page.getByTestId("agent-Alice Agent")).toContainText("Yes");
  await expect(page.getByTestId("answered-people")).toContainText("average 3");
  await page.screenshot({ path: `${SHOTS}/campaign-en.png`, fullPage: true });
  await page.getByRole("region", { name: "Script answers" }).screenshot({ path: `${SHOTS}/script-answers-en.png` });

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Running");

  await page.getByLabel("Put into the campaign").selectOption({ label: bob.name });
  await page.getByRole("button", { name: "Put into the campaign" }).click();
  await expect(page.getByTestId("agent-Bob Builder")).toBeVisible();

  const csv = await page.request.get(page.url().replace(/\/supervisor\/campaigns\/(.+)$/, "/api/campaigns/$1/results.csv"));
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(5);
});
