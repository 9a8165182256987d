// An offer made while the desk's live feed is not yet listening — between the page's first read of
// the offers and its subscription starting, or while the WebSocket reconnects — still pops up.
import { VisitorClient } from "../support/visitor-client.ts";
import { chatQueue } from "./chat-setup.ts";
import { expect, signIn, test } from "./fixtures.ts";

test("an offer made before the desk's live feed starts listening still pops up", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Lea Late");
  const { widget, queue } = await chatQueue(factory, [agent], { name: "Feed chat" });
  const db = factory.db.prisma;
  // Long enough that a missed offer is not rescued by timing out and being offered again.
  await db.queue.update({ where: { id: queue.id }, data: { offerTimeoutSeconds: 600 } });

  // The page's request for myWorkChanged is held back until the offer has been made.
  const context = await browser.newContext();
  const held: (() => void)[] = [];
  let holding = true;
  await context.routeWebSocket(/\/api\/graphql$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      if (holding && typeof m === "string" && m.includes("myWorkChanged")) held.push(() => server.send(m));
      else server.send(m);
    });
  });
  const page = await context.newPage();
  await signIn(page, agent.username);
  await page.getByTestId("state-READY").click();
  await expect(page.getByTestId("my-state")).toContainText("Ready");
  await expect.poll(() => held.length).toBe(1);

  const visitor = new VisitorClient(baseURL!);
  const started = await visitor.start(widget.key, { name: "Olga Early", email: "olga@example.com", message: "Anyone there?", language: "en" });
  expect(started.body.state).toBe("QUEUED");
  await expect
    .poll(async () => (await db.queueItem.findFirst({ where: { queueId: queue.id }, select: { state: true, offeredToId: true } })) ?? null)
    .toEqual({ state: "OFFERED", offeredToId: agent.id });
  await expect(page.getByTestId("offer")).toHaveCount(0); // the page read its offers before this one was made

  // The feed starts now: the offer made before it is shown, not left to time out unseen.
  holding = false;
  held.splice(0).forEach((send) => send());
  const card = page.getByTestId("offer");
  await expect(card.getByTestId("offer-preview")).toHaveText("Anyone there?");
  await card.getByTestId("accept-offer").click();
  await expect(page).toHaveTitle(/^Case #\d+ · Centrala$/);
});
