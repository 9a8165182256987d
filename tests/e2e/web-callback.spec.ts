// "Call me back" as a visitor meets it in the widget on a customer's site: a time on their own
// clock (a time already past is refused in words), the confirmation with the number and the
// time; the agent's offer for a call-back asked for now, saying why; and the case page after its
// first try failed.
import type { Browser } from "@playwright/test";
import config from "../../playwright.config.ts";
import { expect, readyAgent, test } from "./fixtures.ts";

const SHOP = `http://localhost:${new URL(config.use!.baseURL!).port}`;

/** A visitor in Warsaw on the shop's page, which embeds the widget (as in widget.spec.ts). */
async function shopVisitor(browser: Browser, baseURL: string, widgetKey: string) {
  const context = await browser.newContext({ permissions: ["local-network-access"], timezoneId: "Europe/Warsaw" });
  await context.route(`${SHOP}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Garden shop</h1><script src="${baseURL}/widget.js" data-key="${widgetKey}" async></script></body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${SHOP}/products`);
  return page;
}

/** A datetime-local value `days` from now at hh:mm on Warsaw's clock. */
function warsawDay(days: number, hhmm: string) {
  return `${new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date(Date.now() + days * 86_400_000))}T${hhmm}`;
}

test("a visitor asks to be called back at a time, sees when and where; an agent is offered one asked for now, with why", async ({
  browser,
  factory,
  baseURL,
}) => {
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const agent = await factory.user("AGENT", "Cecylia Callback");
  await db.sipTrunk.create({ data: { organizationId: orgId, name: "Provider", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"] } });
  const queue = await db.queue.create({
    data: { organizationId: orgId, name: "Phone sales", channels: ["CHAT", "VOICE"], members: { create: [{ userId: agent.id, skillLevel: 5 }] } },
  });
  const widget = await db.entryPoint.create({
    data: {
      organizationId: orgId,
      kind: "CHAT_WIDGET",
      name: "Shop widget",
      key: `e2e_cb_${Math.random().toString(36).slice(2)}`,
      queueId: queue.id,
      config: { languages: ["en"], allowedOrigins: [SHOP], title: { en: "Garden help" } },
    },
  });

  const shop = await shopVisitor(browser, baseURL!, widget.key);
  await shop.locator('[data-centrala="launcher"]').click();
  const frame = shop.frameLocator('iframe[data-centrala="frame"]');
  await frame.getByRole("button", { name: "Call me back" }).click();
  await frame.getByLabel("Phone number").fill("+48 601 555 123");
  await frame.getByLabel("Your name (optional)").fill("Wanda Wieczorek");
  await frame.getByLabel("What is it about? (optional)").fill("Delivery of the greenhouse");
  await frame.getByLabel("At a time I choose").check();
  // A time already gone is refused under the field, in words.
  await frame.getByLabel("Date and time").fill(warsawDay(-1, "10:30"));
  await frame.getByRole("button", { name: "Call me back" }).click();
  await expect(frame.getByText("This time has passed; choose a later one")).toBeVisible();

  await frame.getByLabel("Date and time").fill(warsawDay(1, "10:30"));
  await frame.getByRole("button", { name: "Call me back" }).click();
  const confirmed = frame.getByTestId("callback-confirmed");
  await expect(confirmed).toContainText("We will call you at");
  await expect(confirmed).toContainText("10:30");
  await expect(confirmed).toContainText("+48601555123");
  await shop.screenshot({ path: "test-results/widget-callback.png" });

  const asked = await db.interaction.findFirstOrThrow({ where: { organizationId: orgId, direction: "OUTBOUND" }, include: { queueItem: true } });
  expect(asked.data).toMatchObject({ callback: true, phone: "+48601555123", requestedVia: "WEB", topic: "Delivery of the greenhouse" });
  const at = new Date(String((asked.data as { requestedFor: string }).requestedFor));
  expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", hour: "2-digit", minute: "2-digit" }).format(at)).toBe("10:30");
  expect(asked.queueItem?.notBefore).toEqual(at);

  // Another visitor's call-back, as soon as possible: the Ready agent is offered it and sees why.
  const agentPage = await readyAgent(browser, agent);
  await frame.getByRole("button", { name: "Back" }).click();
  await frame.getByRole("button", { name: "Call me back" }).click();
  await frame.getByLabel("Phone number").fill("+48 601 555 124");
  await frame.getByLabel("What is it about? (optional)").fill("Broken lawnmower");
  await frame.getByRole("button", { name: "Call me back" }).click();
  await expect(frame.getByTestId("callback-confirmed")).toContainText("as soon as someone is free");
  const offer = agentPage.getByTestId("offer");
  await expect(offer).toContainText("Call-back");
  await expect(offer).toContainText("+48601555124");
  await expect(offer.getByTestId("callback-facts")).toContainText("in the chat widget");
  await expect(offer.getByTestId("callback-facts")).toContainText("Broken lawnmower");
  await expect(offer.getByTestId("callback-facts")).toContainText("as soon as possible");
  await expect(offer.getByTestId("callback-attempt")).toHaveText("1 of 3");
  await agentPage.screenshot({ path: "test-results/offer-callback.png" });

  // Accepted, the call is placed; calls out are off in this run (no phone gateway), so it fails at
  // once and the next try is scheduled — the case page says so, and why the call-back exists.
  await offer.getByTestId("accept-offer").click();
  await agentPage.waitForURL(/\/agent\/cases\//);
  const banner = agentPage.getByTestId("callback-banner");
  await expect(banner).toContainText("Call-back to +48601555124 — waiting for a free agent");
  await expect(banner.getByTestId("callback-attempt")).toHaveText("2 of 3");
  await expect(agentPage.getByTestId("event-callback_requested")).toContainText("asked for in the chat widget");
  await expect(agentPage.getByTestId("event-callback_retry_scheduled")).toContainText("the network failed");
  await agentPage.screenshot({ path: "test-results/case-callback.png" });
});
