// The chat widget as a visitor meets it: on a customer's site (another origin, served here by the
// browser's router) with the one script tag, talking to an agent in Centrala in another browser.
import type { Browser, Page } from "@playwright/test";
import { chatQueue } from "./chat-setup.ts";
import { expect, readyAgent, test } from "./fixtures.ts";
import config from "../../playwright.config.ts";

function baseUrlOf() {
  return config.use!.baseURL!;
}

// The customer's site: another origin than Centrala's (localhost vs 127.0.0.1), served by the
// browser's router.
const SHOP = `http://localhost:${new URL(baseUrlOf()).port}`;
const ELSEWHERE = "http://127.0.0.1:9";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A visitor's browser on the shop's page, which embeds the widget from Centrala. */
async function shopVisitor(browser: Browser, baseURL: string, widgetKey: string, site = SHOP, consoleLog: string[] = []) {
  // Here Centrala runs on loopback and the "site" is not (it comes from the router): Chromium asks
  // the user before a page reaches a local address. Online, both are public and nothing is asked.
  const context = await browser.newContext({ permissions: ["local-network-access"] });
  await context.route(`${site}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Garden shop</h1><script src="${baseURL}/widget.js" data-key="${widgetKey}" async></script></body></html>`,
    }),
  );
  const page = await context.newPage();
  page.on("console", (m) => consoleLog.push(m.text()));
  await page.goto(`${site}/products`);
  return page;
}

const widgetFrame = (page: Page) => page.frameLocator('iframe[data-centrala="frame"]');

test("a visitor on a customer's site chats with an agent live, keeps the conversation across a reload, sends a picture and rates the chat", async ({
  browser,
  factory,
  baseURL,
}) => {
  const agent = await factory.user("AGENT", "Alice Agent");
  const { widget } = await chatQueue(factory, [agent], {
    name: "Web chat",
    widget: { allowedOrigins: [SHOP], title: { en: "Garden help" }, topics: [{ id: "orders", label: { en: "Orders" }, queueId: null }] },
  });
  const agentPage = await readyAgent(browser, agent);

  const shop = await shopVisitor(browser, baseURL!, widget.key);
  await shop.locator('[data-centrala="launcher"]').click();
  const chat = widgetFrame(shop);
  await expect(chat.getByRole("heading", { name: "Garden help" })).toBeVisible();
  // The form says what is missing, in words.
  await chat.getByRole("button", { name: "Start the chat" }).click();
  await expect(chat.getByText("Required")).toBeVisible();
  await chat.getByLabel("Your name").fill("Vera Visitor");
  await chat.getByLabel("E-mail", { exact: true }).fill("vera@example.com");
  await chat.getByLabel("Topic").selectOption("orders");
  await chat.getByLabel("How can we help?").fill("Where is my order 1234?");
  await chat.getByRole("button", { name: "Start the chat" }).click();
  await expect(chat.getByTestId("widget-status")).toContainText("Waiting for an agent");
  await expect(chat.getByTestId("visitor-message")).toContainText("Where is my order 1234?");

  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage.getByTestId("customer-message")).toContainText("Where is my order 1234?");
  await expect(chat.getByTestId("widget-status")).toContainText("Alice has joined the chat");
  await agentPage.getByTestId("composer").fill("Hello Vera, let me check <b>that</b>.");
  await agentPage.keyboard.press("Enter");
  await expect(chat.getByTestId("agent-message")).toContainText("Hello Vera, let me check <b>that</b>.");

  // Typing shows on the agent's side; the reply goes through and the agent's reading shows.
  await chat.getByTestId("composer").pressSequentially("It was due ");
  await expect(agentPage.getByTestId("customer-typing")).toBeVisible();
  await chat.getByTestId("composer").pressSequentially("on Monday");
  await chat.getByTestId("composer").press("Enter");
  await expect(agentPage.getByTestId("customer-message").last()).toHaveText(/It was due on Monday/);
  await expect(chat.getByTestId("visitor-message").last()).toContainText("Read");

  // A reload of the shop's page brings the conversation back, open and live.
  await shop.reload();
  await expect(widgetFrame(shop).getByTestId("agent-message")).toContainText("let me check");
  await agentPage.getByTestId("composer").fill("Found it: it ships today.");
  await agentPage.keyboard.press("Enter");
  await expect(widgetFrame(shop).getByTestId("agent-message").last()).toContainText("it ships today");

  // A file of the wrong kind is refused with the reason; a picture goes through.
  const again = widgetFrame(shop);
  await again.getByTestId("file-input").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(again.getByText("Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.")).toBeVisible();
  await again.getByTestId("file-input").setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
  await expect(again.getByTestId("pending-file")).toContainText("parcel.png");
  await again.getByTestId("composer").fill("Here is the label");
  await again.getByTestId("composer").press("Enter");
  await expect(agentPage.getByText("parcel.png")).toBeVisible();

  // The visitor ends the chat and rates it.
  await again.getByRole("button", { name: "End the chat" }).click();
  await again.getByRole("button", { name: "End it" }).click();
  await expect(again.getByText("The conversation has ended.")).toBeVisible();
  await again.getByRole("radio", { name: "5 of 5" }).click();
  await again.getByRole("button", { name: "Send the rating" }).click();
  await expect(again.getByText("Thank you for your rating!")).toBeVisible();
  await shop.screenshot({ path: "test-results/widget-ended.png" });
});

test("with nobody available the visitor leaves a message, which becomes a case", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Olga Offline");
  const { widget } = await chatQueue(factory, [agent], { name: "Quiet chat", widget: { allowedOrigins: [SHOP] } });

  const shop = await shopVisitor(browser, baseURL!, widget.key);
  await shop.locator('[data-centrala="launcher"]').click();
  const chat = widgetFrame(shop);
  await chat.getByLabel("Your name").fill("Nina Night");
  await chat.getByLabel("E-mail", { exact: true }).fill("nina@example.com");
  await chat.getByLabel("How can we help?").fill("Please call me about my invoice.");
  await chat.getByRole("button", { name: "Start the chat" }).click();
  await expect(chat.getByText("Nobody is available to chat right now.")).toBeVisible();
  await expect(chat.getByRole("textbox")).toHaveValue("Please call me about my invoice.");
  await chat.getByRole("button", { name: "Send the message" }).click();
  await expect(chat.getByTestId("message-left")).toBeVisible();

  const kase = await factory.db.prisma.case.findFirstOrThrow({
    where: { organizationId: factory.org.org.id, messages: { some: { body: "Please call me about my invoice." } } },
  });
  expect(kase.channel).toBe("CHAT");
});

test("a site outside the widget's allowed origins gets no chat", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Una Used");
  const { widget } = await chatQueue(factory, [agent], { name: "Guarded chat", widget: { allowedOrigins: [SHOP] } });
  const warnings: string[] = [];
  const page = await shopVisitor(browser, baseURL!, widget.key, ELSEWHERE, warnings);
  await expect.poll(() => warnings.join("\n")).toContain("is not available on this site");
  await expect(page.locator('[data-centrala="launcher"]')).toHaveCount(0);
  // Framing it directly is refused by the browser as well (frame-ancestors).
  const res = await page.request.get(`${baseURL}/widget/${widget.key}`);
  expect(res.headers()["content-security-policy"]).toContain(`; frame-ancestors 'self' ${SHOP};`);
});

test("the widget's form asks for an e-mail or a phone number up front, not two '(optional)' fields it then refuses to leave empty", async ({
  browser,
  factory,
  baseURL,
}) => {
  const agent = await factory.user("AGENT", "Erin Either");
  const { widget } = await chatQueue(factory, [agent], { name: "Either chat", widget: { allowedOrigins: [SHOP] } });
  const shop = await shopVisitor(browser, baseURL!, widget.key);
  await shop.locator('[data-centrala="launcher"]').click();
  const chat = widgetFrame(shop);
  const either = chat.getByRole("group", { name: "Your e-mail or phone number (one of them is enough)" });
  await expect(either.getByLabel("E-mail", { exact: true })).toBeVisible();
  await expect(either.getByLabel("Phone", { exact: true })).toBeVisible();
  await expect(chat.getByText("(optional)")).toHaveCount(0);
  await shop.setViewportSize({ width: 1280, height: 720 });
  await shop.screenshot({ path: "/tmp/ui-desk-shots/widget-form-en-1280x720.png" });
});
