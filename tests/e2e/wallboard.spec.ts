// The wall-board on a TV: an admin creates a read-only link; a browser with nobody signed in opens
// it in kiosk mode and sees the queue's tile change live as an agent signs in and a chat comes and
// is answered; an alarm defined on the alarms page fires on the TV and clears; the admin revokes
// the link and the TV says so at once.
import type { Browser } from "@playwright/test";
import { VisitorClient } from "../support/visitor-client.ts";
import { chatQueue } from "./chat-setup.ts";
import { expect, readyAgent, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR;
const tv = async (browser: Browser, url: string, locale = "en-GB") =>
  (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale })).newPage().then(async (p) => (await p.goto(url), p));

test("a TV shows the wall-board by its link, live, with an alarm raised and cleared, until the link is revoked", async ({
  browser,
  factory,
  baseURL,
  page,
}) => {
  test.setTimeout(SHOTS ? 240_000 : 90_000);
  const admin = await factory.user("ADMIN", "Ada Admin");
  const agent = await factory.user("AGENT", "Alice Agent");
  const { queue, widget } = await chatQueue(factory, [agent], { name: "Support chat" });

  await signIn(page, admin.username);
  await page.goto("/admin/wallboard-links");
  await page.getByLabel("Name").fill("Call room TV");
  await page.getByRole("button", { name: "Create link" }).click();
  const url = (await page.getByTestId("new-link").textContent())!.trim();
  expect(url).toMatch(/\/tv#[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("link-Call room TV")).toContainText("active");

  const screen = await tv(browser, `${url.replace("/tv#", "/tv?rotate=300#")}`);
  const tile = screen.getByTestId("tile-Support chat");
  await expect(tile).toBeVisible();
  await expect(tile.getByTestId("ready")).toHaveText("0");

  // Live: the agent signs in, a customer starts a chat and the agent answers it.
  const desk = await readyAgent(browser, agent);
  await expect(tile.getByTestId("ready")).toHaveText("1");
  const visitor = new VisitorClient(baseURL!);
  await visitor.start(widget.key, { name: "Vera Visitor", email: "vera@example.com", message: "Hello", language: "en" });
  await expect(tile.getByTestId("offered")).toHaveText("1");
  await desk.getByTestId("accept-offer").click();
  await expect(tile.getByTestId("answered")).toHaveText("1");
  await expect(tile.getByTestId("busy")).toHaveText("1");
  await expect(tile.getByTestId("service-level")).toHaveText("100%");

  // A supervisor's alarm: nobody free in the queue. The agent is busy with the chat: raised.
  await page.goto("/alarms");
  await page.getByRole("button", { name: "New alarm" }).click();
  await page.getByLabel("Name").fill("Nobody free");
  await page.getByLabel("When").selectOption("READY_AT_MOST");
  await page.getByLabel("Queue").selectOption({ label: "Support chat" });
  await page.getByLabel("Threshold").fill("0");
  await page.getByRole("checkbox", { name: "Ada Admin" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("alarm-Nobody free")).toBeVisible();
  const alarm = screen.getByTestId("alarm");
  await expect(alarm).toContainText("Nobody free");
  await expect(alarm).toContainText("Support chat");

  if (SHOTS) {
    await screen.screenshot({ path: `${SHOTS}/wallboard-tv-en.png` });
    for (const [lang, locale] of [
      ["pl", "pl-PL"],
      ["ru", "ru-RU"],
    ] as const) {
      const other = await tv(browser, url.replace("/tv#", "/tv?rotate=300#"), locale);
      await expect(other.getByTestId("alarm")).toBeVisible();
      await other.screenshot({ path: `${SHOTS}/wallboard-tv-${lang}.png` });
    }
    const agents = await tv(browser, url.replace("/tv#", "/tv?rotate=5#"));
    await expect(agents.getByTestId("agent-Alice Agent")).toBeVisible({ timeout: 10_000 });
    await agents.screenshot({ path: `${SHOTS}/wallboard-tv-agents-en.png` });
    await agents.context().close();
  }

  // The customer leaves: the agent is free again, and the alarm clears after a steady while.
  await visitor.call("POST", "/api/widget/end");
  await expect(tile.getByTestId("ready")).toHaveText("1");
  await expect(alarm).toHaveCount(0, { timeout: 20_000 });
  await page.reload();
  await expect(page.getByTestId("history-row").first()).toContainText("Nobody free");
  await expect(page.getByTestId("history-row").first()).not.toContainText("still raised");

  // Revoked: the TV says so at once, with no reload.
  await page.goto("/admin/wallboard-links");
  await page.getByTestId("link-Call room TV").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("link-Call room TV")).toContainText("revoked");
  await expect(screen.getByTestId("tv-status")).toHaveAttribute("data-status", "revoked", { timeout: 5000 });
  await expect(screen.getByText("This wall-board link was revoked")).toBeVisible();
  await expect(screen.getByTestId("kiosk")).toHaveCount(0);

  if (SHOTS) {
    await screen.screenshot({ path: `${SHOTS}/wallboard-tv-revoked-en.png` });
    for (const locale of ["en", "pl", "ru"] as const) {
      await factory.db.prisma.user.update({ where: { id: admin.id }, data: { locale } });
      await page
        .getByTestId("language")
        .selectOption(locale)
        .catch(() => {});
      for (const [name, path] of [
        ["links", "/admin/wallboard-links"],
        ["alarms", "/alarms"],
        ["board", "/wallboard"],
      ] as const) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: `${SHOTS}/wallboard-${name}-${locale}.png`, fullPage: true });
      }
      await page.goto("/admin/queues");
      await page
        .getByRole("row", { name: new RegExp(queue.name) })
        .getByRole("button")
        .click();
      await page.getByTestId("wallboard-fields").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/wallboard-queue-fields-${locale}.png` });
    }
  }
});
