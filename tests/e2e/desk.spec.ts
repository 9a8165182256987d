// The agent's desk over a working day: the case page fits the screen, the board stays live, and
// what an agent does shows beside their state.
import { VisitorClient } from "../support/visitor-client.ts";
import { chatQueue } from "./chat-setup.ts";
import { type Person, expect, readyAgent, signIn, test } from "./fixtures.ts";

const SHOTS = "/tmp/ui-desk-shots";
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

async function chatWith(baseURL: string, key: string, name: string, message = `Hello, this is ${name}`) {
  const v = new VisitorClient(baseURL);
  await v.start(key, { name, email: `${name.replace(/\s/g, ".").toLowerCase()}@example.com`, message, language: "en" });
  return v;
}

test("a case with 100 messages keeps its header and composer in view at 1440×900 and 1280×720; only the conversation scrolls", async ({
  browser,
  factory,
  baseURL,
}) => {
  test.setTimeout(150_000); // six reloads of a long case, three languages
  const agent = await factory.user("AGENT", "Dana Desk");
  const { widget } = await chatQueue(factory, [agent], { name: "Long chat" });
  const page = await readyAgent(browser, agent);
  await chatWith(baseURL!, widget.key, "Lena Long");
  await page.getByTestId("accept-offer").click();
  await expect(page).toHaveURL(/\/agent\/cases\//);
  const caseId = new URL(page.url()).pathname.split("/").pop()!;
  const db = factory.db.prisma;
  const interaction = await db.interaction.findFirstOrThrow({ where: { caseId }, select: { id: true, organizationId: true } });
  const start = Date.now() - 200_000;
  await db.message.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({
      organizationId: interaction.organizationId,
      caseId,
      interactionId: interaction.id,
      authorType: i % 2 ? ("AGENT" as const) : ("CONTACT" as const),
      authorUserId: i % 2 ? agent.id : null,
      body: `Message number ${i + 1}: the parcel, the courier, the address and the refund once more`,
      createdAt: new Date(start + i * 1000),
    })),
  });

  for (const locale of ["en", "pl", "ru"] as const) {
    if (locale !== "en") await page.getByTestId("language").selectOption(locale);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.reload();
      const endChat = page.getByRole("button", { name: /End chat|Zakończ czat|Завершить чат/ });
      await expect(page.getByText("Message number 100:")).toBeInViewport();
      await expect(page.getByTestId("composer")).toBeInViewport();
      await expect(endChat).toBeInViewport();
      await expect(page.getByTestId("contact-panel")).toBeInViewport();
      await expect(page.getByTestId("my-state")).toBeInViewport();
      // The conversation scrolls on its own; the window never does.
      await page.getByRole("log").evaluate((e) => (e.scrollTop = 0));
      await expect(page.getByText("Message number 1:", { exact: false }).first()).toBeInViewport();
      await expect(page.getByTestId("composer")).toBeInViewport();
      await expect(endChat).toBeInViewport();
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
      await page.getByRole("log").evaluate((e) => (e.scrollTop = e.scrollHeight));
      await page.screenshot({ path: `${SHOTS}/case-${locale}-${size.width}x${size.height}.png` });
    }
  }
});

async function supervisorWatching(browser: import("@playwright/test").Browser, factory: import("./fixtures.ts").Factory, agent: Person) {
  const supervisor = await factory.user("SUPERVISOR", "Sam Sup");
  await factory.team("Desk team", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);
  const sup = await (await browser.newContext()).newPage();
  await signIn(sup, supervisor.username);
  await sup.goto("/supervisor");
  return sup;
}

test("the board's queue row changes within a second of a chat ending and of the agent's state changing", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Quinn Queue");
  const { widget } = await chatQueue(factory, [agent], { name: "Stale chat" });
  const page = await readyAgent(browser, agent);
  const sup = await supervisorWatching(browser, factory, agent);
  const row = sup.getByTestId("queue-Stale chat");
  await expect(row.getByTestId("ready")).toHaveText("1");

  await chatWith(baseURL!, widget.key, "Bea Busy");
  await page.getByTestId("accept-offer").click();
  await expect(row.getByTestId("busy")).toHaveText("1");

  await page.getByRole("button", { name: "End chat" }).click();
  await expect(row.getByTestId("busy")).toHaveText("0", { timeout: 1000 });

  await page.getByTestId("my-state").click();
  await page.getByRole("menuitem", { name: "Away" }).click();
  await expect(row.getByTestId("ready")).toHaveText("0", { timeout: 1000 });
  await page.getByTestId("my-state").click();
  await page.getByRole("menuitem", { name: "Ready" }).click();
  await expect(row.getByTestId("ready")).toHaveText("1", { timeout: 1000 });
});

test("an agent in chats shows what they do and how full they are, in their top bar and on the board, live", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Cleo Chats");
  const { widget } = await chatQueue(factory, [agent], { name: "Busy chat", chatCapacity: 3 });
  const page = await readyAgent(browser, agent);
  const sup = await supervisorWatching(browser, factory, agent);
  const boardRow = sup.getByTestId(`agent-${agent.username}`);
  await expect(boardRow).toHaveAttribute("data-state", "READY");
  await expect(boardRow.getByTestId("activity")).toHaveCount(0);

  await chatWith(baseURL!, widget.key, "Ann One");
  await page.getByTestId("accept-offer").click();
  await expect(page.getByTestId("my-state").getByTestId("activity")).toHaveText("in 1 chat · 33% busy");
  await expect(boardRow.getByTestId("activity")).toHaveText("in 1 chat · 33% busy");

  await chatWith(baseURL!, widget.key, "Ben Two");
  await page.getByTestId("accept-offer").click();
  await expect(page.getByTestId("my-state").getByTestId("activity")).toHaveText("in 2 chats · 67% busy");
  await expect(boardRow.getByTestId("activity")).toHaveText("in 2 chats · 67% busy");
  await sup.setViewportSize({ width: 1440, height: 900 });
  await sup.screenshot({ path: `${SHOTS}/board-activity-en-1440x900.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${SHOTS}/topbar-activity-en-1280x720.png` });

  await page.getByRole("button", { name: "End chat" }).click();
  await expect(boardRow.getByTestId("activity")).toHaveText("in 1 chat · 33% busy");
  await expect(page.getByTestId("my-state").getByTestId("activity")).toHaveText("in 1 chat · 33% busy");
});

/** Records every Notification the page constructs (the real one still shows). */
const SPY_NOTIFICATIONS = () => {
  const Real = window.Notification;
  const seen: { title: string; body: string }[] = [];
  (window as unknown as { notifications: typeof seen }).notifications = seen;
  window.Notification = class extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      seen.push({ title, body: options?.body ?? "" });
    }
  } as typeof Notification;
};

test("an offer raises a desktop notification, badges the tab's title and shows the customer's first message; the agent can switch notifications off", async ({
  browser,
  factory,
  baseURL,
}) => {
  const agent = await factory.user("AGENT", "Nina Notify");
  const { widget } = await chatQueue(factory, [agent], { name: "Notify chat" });
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"], { origin: baseURL });
  await context.addInitScript(SPY_NOTIFICATIONS);
  const page = await context.newPage();
  await signIn(page, agent.username);
  await page.getByTestId("state-READY").click();
  await expect(page.getByTestId("my-state")).toContainText("Ready"); // before the customer: else they meet NO_AGENTS
  await expect(page).toHaveTitle("Desktop · Centrala");

  await chatWith(baseURL!, widget.key, "Oscar Offer", "My order 4711 arrived broken, can I get a new one?");
  const card = page.getByTestId("offer");
  await expect(card.getByTestId("offer-preview")).toHaveText("My order 4711 arrived broken, can I get a new one?");
  await expect(card).toContainText("Oscar Offer");
  await expect(page).toHaveTitle("(1) Desktop · Centrala");
  await expect.poll(() => page.evaluate(() => (window as unknown as { notifications: unknown[] }).notifications)).toEqual([
    { title: "Chat · Oscar Offer", body: "My order 4711 arrived broken, can I get a new one?" },
  ]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/offer-en-1440x900.png` });
  await card.getByTestId("accept-offer").click();
  await expect(page).toHaveTitle(/^Case #\d+ · Centrala$/);

  // Switched off on the account page: the next offer shows its card, but no notification.
  await page.goto("/account");
  await expect(page).toHaveTitle("My account · Centrala");
  await page.getByTestId("desktop-notifications").uncheck();
  await expect(page.getByTestId("desktop-notifications")).not.toBeChecked();
  await page.reload();
  await expect(page.getByTestId("desktop-notifications")).not.toBeChecked();
  await chatWith(baseURL!, widget.key, "Paula Quiet", "Just a question about opening hours");
  await expect(page.getByTestId("offer").getByTestId("offer-preview")).toHaveText("Just a question about opening hours");
  await expect(page).toHaveTitle("(1) My account · Centrala");
  expect(await page.evaluate(() => (window as unknown as { notifications: unknown[] }).notifications)).toEqual([]);
});

test("an admin's links lead only to pages they can use, queues offer only channels that exist, and each page has its own title in the user's language", async ({
  page,
  factory,
}) => {
  const admin = await factory.user("ADMIN", "Ada Admin");
  await signIn(page, admin.username);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Desktop" })).toHaveCount(0);
  const links = await nav.getByRole("link").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  expect(links.length).toBeGreaterThan(2);
  for (const href of links) {
    await page.goto(href);
    await expect(page.getByTestId("user-menu")).toBeVisible();
    await expect(page.getByText("Your role does not give access")).toHaveCount(0);
  }
  await nav.getByRole("link", { name: "Cases" }).click();
  await expect(page.getByRole("heading", { name: "Cases" })).toBeVisible();
  await expect(page).toHaveTitle("Cases · Centrala");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/admin-cases-en-1440x900.png` });

  await page.goto("/admin/queues");
  await expect(page).toHaveTitle("Queues · Administration · Centrala");
  await page.getByRole("button", { name: "New queue" }).click();
  const channels = page.getByRole("dialog").getByRole("group", { name: "Channels" });
  await expect(channels.getByRole("checkbox")).toHaveCount(4);
  await expect(channels.getByRole("checkbox", { name: "SMS" })).toHaveCount(1);
  await expect(channels.getByRole("checkbox", { name: "Fax" })).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${SHOTS}/admin-queue-en-1280x720.png` });
  await page.keyboard.press("Escape");

  await page.getByTestId("language").selectOption("pl");
  await expect(page).toHaveTitle("Kolejki · Administracja · Centrala");
  await page.goto("/supervisor");
  await expect(page).toHaveTitle("Agenci · Centrala");
  await page.getByTestId("language").selectOption("ru");
  await expect(page).toHaveTitle("Операторы · Centrala");
});

test("an agent whose offers time out is paused and asked, in their language, to come back; one click makes them Ready", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Abe Away", "pl");
  const { widget, queue } = await chatQueue(factory, [agent], { name: "Timeout chat" });
  const db = factory.db.prisma;
  await db.queue.update({ where: { id: queue.id }, data: { offerTimeoutSeconds: 2 } });
  await db.organization.update({ where: { id: factory.org.org.id }, data: { missedOffersBeforePause: 1 } });
  const page = await (await browser.newContext()).newPage();
  await signIn(page, agent.username);
  await page.getByTestId("state-READY").click();
  await expect(page.getByTestId("my-state")).toContainText("Gotowy");

  // The offer lasts 2 s and nobody takes it.
  await chatWith(baseURL!, widget.key, "Una Unanswered");
  const prompt = page.getByRole("dialog").filter({ has: page.getByTestId("away-prompt") });
  await expect(prompt).toBeVisible({ timeout: 15_000 });
  await expect(prompt.getByRole("heading")).toHaveText("Jesteś z powrotem?");
  await expect(prompt.getByTestId("away-prompt")).toContainText("bez odpowiedzi");
  await expect(page.getByTestId("my-state")).toContainText("Przerwa");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${SHOTS}/away-prompt-pl-1280x720.png` });

  await prompt.getByTestId("back-ready").click();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId("my-state")).toContainText("Gotowy");
  // Ready again: the chat still waiting is offered to them at once.
  await expect(page.getByTestId("offer")).toBeVisible();
});

test("keyboard shortcuts accept, write a note and a reply, move between cases and end the chat; '?' lists them in the user's language", async ({
  browser,
  factory,
  baseURL,
}) => {
  const agent = await factory.user("AGENT", "Kai Keys");
  const { widget } = await chatQueue(factory, [agent], { name: "Keys chat" });
  const page = await readyAgent(browser, agent);
  const visitor = await chatWith(baseURL!, widget.key, "Vic Keys");
  const feed = await visitor.listen();

  await expect(page.getByTestId("offer")).toBeVisible();
  await page.keyboard.press("a");
  await expect(page).toHaveURL(/\/agent\/cases\//);
  await expect(page.getByTestId("customer-message")).toContainText("Hello, this is Vic Keys");

  await page.keyboard.press("n");
  await expect(page.getByRole("tab", { name: "Private note" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("composer")).toBeFocused();
  // Typing in the box never triggers a shortcut ("e" would end the chat).
  await page.keyboard.type("Check the warehouse");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("note")).toContainText("Check the warehouse");
  await page.keyboard.press("Escape");
  await page.keyboard.press("r");
  await expect(page.getByRole("tab", { name: "Reply" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("composer")).toBeFocused();
  await page.keyboard.type("On it, one moment");
  await page.keyboard.press("Enter");
  expect((await feed.until((e) => e.kind === "message")).message.body).toBe("On it, one moment");
  await page.keyboard.press("Escape");

  await page.keyboard.press("?");
  const overlay = page.getByTestId("shortcuts");
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText("Accept the work offered");
  await page.keyboard.press("?");
  await expect(overlay).toBeHidden();

  await page.keyboard.press("e");
  await expect(page.getByRole("button", { name: "End chat" })).toHaveCount(0);
  feed.close();
  const caseUrl = page.url();
  await page.goto("/agent");
  await page.getByTestId("case-1").waitFor();
  await page.keyboard.press("j");
  await expect(page).toHaveURL(caseUrl);

  await page.getByTestId("language").selectOption("pl");
  await page.keyboard.press("?");
  await expect(page.getByRole("heading", { name: "Skróty klawiszowe" })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/shortcuts-pl-1440x900.png` });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts")).toBeHidden();
});
