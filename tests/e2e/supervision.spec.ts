import { VisitorClient } from "../support/visitor-client.ts";
import { chatQueue } from "./chat-setup.ts";
import { expect, readyAgent, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR;

test("a supervisor opens an agent's live chat from the board and watches it, read-only", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Alice Agent");
  const supervisor = await factory.user("SUPERVISOR", "Sam Sup");
  const { widget } = await chatQueue(factory, [agent], { name: "Support chat" });
  await factory.team("Chat team", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);

  const agentPage = await readyAgent(browser, agent);
  const visitor = new VisitorClient(baseURL!);
  await visitor.start(widget.key, { name: "Vera Visitor", email: "vera@example.com", message: "Where is my parcel?", language: "en" });
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage.getByTestId("customer-message")).toContainText("Where is my parcel?");

  const sup = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(sup, supervisor.username);
  await sup.goto("/supervisor");
  const link = sup.getByTestId(`agent-${agent.username}`).getByTestId("live-case");
  await expect(link).toBeVisible();
  await link.click();
  await expect(sup).toHaveURL(/\/agent\/cases\//);
  await expect(sup.getByTestId("customer-message")).toContainText("Where is my parcel?");
  await expect(sup.getByTestId("read-only")).toBeVisible();
  await expect(sup.getByTestId("composer")).toHaveCount(0);
  // What they may not change reads as text, not as disabled controls.
  await expect(sup.getByTestId("case-assignee")).toHaveText("Alice Agent");
  await expect(sup.getByTestId("case-deadline")).toHaveText("none");
  await expect(sup.getByTestId("case-status")).not.toBeEmpty();
  await expect(sup.locator("select[data-testid=case-status]")).toHaveCount(0);
  await expect(sup.getByLabel("Deadline", { exact: true })).toHaveCount(0);

  // Live: what the visitor and the agent write appears on the supervisor's screen as it happens.
  await visitor.call("POST", "/api/widget/messages", { body: "It was due on Monday" });
  await expect(sup.getByTestId("customer-message").filter({ hasText: "It was due on Monday" })).toBeVisible({ timeout: 5000 });
  await agentPage.getByTestId("composer").fill("Let me check the courier");
  await agentPage.keyboard.press("Enter");
  await expect(sup.getByText("Let me check the courier")).toBeVisible({ timeout: 5000 });

  // The inbox's "All" lists the team's case too.
  await sup.getByRole("tab", { name: "All" }).click();
  await expect(sup.locator("aside").getByText("Vera Visitor").first()).toBeVisible();

  if (SHOTS) {
    test.setTimeout(180_000);
    for (const locale of ["en", "pl", "ru"] as const) {
      await factory.db.prisma.user.update({ where: { id: supervisor.id }, data: { locale } });
      await sup.getByTestId("language").selectOption(locale).catch(() => {});
      await sup.reload();
      await expect(sup.getByTestId("read-only")).toBeVisible();
      await sup.getByRole("tab").nth(2).click();
      await expect(sup.locator("aside").getByText("Vera Visitor").first()).toBeVisible();
      await sup.screenshot({ path: `${SHOTS}/A-watch-case-${locale}.png` });
      await sup.setViewportSize({ width: 1280, height: 720 });
      await sup.screenshot({ path: `${SHOTS}/A-watch-case-${locale}-1280x720.png` });
      await sup.setViewportSize({ width: 1440, height: 900 });
      await sup.goto("/supervisor");
      await expect(sup.getByTestId(`agent-${agent.username}`).getByTestId("live-case")).toBeVisible();
      await sup.screenshot({ path: `${SHOTS}/A-board-${locale}.png` });
      await sup.goBack();
    }
  }
});
