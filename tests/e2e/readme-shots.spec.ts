// The README's pictures, taken from the product as it is: an agent in a chat, the supervisor's
// board and the widget on a customer's site. Run with README_SHOTS=1 to write them into
// docs/screenshots/ (otherwise they go to test-results/, and the test checks the screens render).
import type { Browser } from "@playwright/test";
import { chatQueue } from "./chat-setup.ts";
import { expect, readyAgent, signIn, test } from "./fixtures.ts";

const OUT = process.env.README_SHOTS ? "docs/screenshots" : "test-results/readme-shots";
const SIZE = { width: 1440, height: 900 };

/** A visitor's browser on a shop's page (another origin) that embeds the widget. */
async function shop(browser: Browser, baseURL: string, key: string) {
  const site = `http://localhost:${new URL(baseURL).port}`;
  const context = await browser.newContext({ permissions: ["local-network-access"], viewport: SIZE });
  await context.route(`${site}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Kowalski Garden Supplies</title></head>
<body style="font-family:sans-serif;margin:0;background:#f8fafc;color:#1e293b">
<header style="background:#065f46;color:white;padding:24px 48px"><h1 style="margin:0">Kowalski Garden Supplies</h1></header>
<main style="padding:48px;max-width:720px"><h2>Spring seeds are here</h2><p>Tomatoes, basil and sunflowers, delivered in two days.</p></main>
<script src="${baseURL}/widget.js" data-key="${key}" async></script></body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${site}/`);
  return { page, site };
}

test("the README's screenshots: the agent's desk, the supervisor's board and the widget", async ({ browser, factory, baseURL }) => {
  test.setTimeout(120_000);
  const alice = await factory.user("AGENT", "Alice Nowak");
  const bob = await factory.user("AGENT", "Bob Lis");
  const sam = await factory.user("SUPERVISOR", "Sam Wójcik");
  await factory.team("Garden team", [{ userId: sam.id, lead: true }, { userId: alice.id }, { userId: bob.id }]);
  const site = `http://localhost:${new URL(baseURL!).port}`;
  const { widget } = await chatQueue(factory, [alice, bob], { name: "Web shop", widget: { allowedOrigins: [site], title: { en: "Garden help" } } });

  const agent = await readyAgent(browser, alice);
  await agent.setViewportSize(SIZE);
  await readyAgent(browser, bob);

  const visitor = await shop(browser, baseURL!, widget.key);
  await visitor.page.locator('[data-centrala="launcher"]').click();
  const chat = visitor.page.frameLocator('iframe[data-centrala="frame"]');
  await chat.getByLabel("Your name").fill("Vera Kowalczyk");
  await chat.getByLabel("E-mail", { exact: true }).fill("vera@example.com");
  await chat.getByLabel("How can we help?").fill("Hello, my order 1234 has not arrived yet.");
  await chat.getByRole("button", { name: "Start the chat" }).click();

  await agent.getByTestId("accept-offer").click();
  await expect(agent.getByTestId("customer-message")).toContainText("order 1234");
  await agent.getByTestId("composer").fill("Hello Vera, I am checking order 1234 with the courier now.");
  await agent.keyboard.press("Enter");
  await expect(chat.getByTestId("agent-message")).toContainText("checking order 1234");
  await chat.getByTestId("composer").fill("Thank you! It was due on Monday.");
  await chat.getByTestId("composer").press("Enter");
  await expect(agent.getByTestId("customer-message").last()).toContainText("due on Monday");
  await agent.getByTestId("composer").fill("It left the depot this morning; you will have it by 6 pm.");
  await agent.keyboard.press("Enter");
  await expect(chat.getByTestId("agent-message").last()).toContainText("by 6 pm");
  await expect(agent.getByRole("log").getByText("you will have it by 6 pm")).toBeVisible();

  await agent.screenshot({ path: `${OUT}/agent-desk.png` });
  await visitor.page.screenshot({ path: `${OUT}/widget.png` });

  const board = await (await browser.newContext({ viewport: SIZE })).newPage();
  await signIn(board, sam.username);
  await board.goto("/supervisor");
  await expect(board.getByText("Alice Nowak").first()).toBeVisible();
  await expect(board.getByText("Bob Lis").first()).toBeVisible();
  await board.screenshot({ path: `${OUT}/board.png` });
});
