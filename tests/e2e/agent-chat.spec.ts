import { VisitorClient } from "../support/visitor-client.ts";
import { chatQueue } from "./chat-setup.ts";
import { expect, readyAgent, signIn, test } from "./fixtures.ts";

const visitorStart = (v: VisitorClient, key: string, name: string) =>
  v.start(key, { name, email: `${name.replace(/\s/g, ".").toLowerCase()}@example.com`, message: `Hello, this is ${name}`, language: "en" });

test("an agent answers a chat live, both ways; with the agent at capacity the next visitor waits, and the supervisor sees it", async ({
  browser,
  factory,
  baseURL,
}) => {
  const agent = await factory.user("AGENT", "Alice Agent");
  const supervisor = await factory.user("SUPERVISOR", "Sam Sup");
  const { widget } = await chatQueue(factory, [agent], { chatCapacity: 1, name: "Support chat" });
  await factory.team("Chat team", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);

  const agentPage = await readyAgent(browser, agent);

  const supPage = await (await browser.newContext()).newPage();
  await signIn(supPage, supervisor.username);
  await supPage.goto("/supervisor");
  const queueRow = supPage.getByTestId("queue-Support chat");
  await expect(queueRow.getByTestId("waiting")).toHaveText("0");

  // Visitor one: offered, accepted, and the conversation flows both ways.
  const one = new VisitorClient(baseURL!);
  expect((await visitorStart(one, widget.key, "Vera One")).body.state).toBe("QUEUED");
  const feed = await one.listen();
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage).toHaveURL(/\/agent\/cases\//);
  await expect(agentPage.getByTestId("customer-message")).toContainText("Hello, this is Vera One");
  await agentPage.getByTestId("composer").fill("Hi Vera, how can I help?");
  await agentPage.keyboard.press("Enter");
  expect((await feed.until((e) => e.kind === "message")).message.body).toBe("Hi Vera, how can I help?");
  await one.call("POST", "/api/widget/messages", { body: "My parcel is late <script>alert(1)</script>" });
  await expect(agentPage.getByTestId("customer-message").last()).toHaveText(/My parcel is late <script>alert\(1\)<\/script>/);
  await one.call("POST", "/api/widget/typing", { typing: true });
  await expect(agentPage.getByTestId("customer-typing")).toBeVisible();

  // A private note never reaches the visitor.
  await agentPage.getByRole("tab", { name: "Private note" }).click();
  await agentPage.getByTestId("composer").fill("Check the courier's tracking");
  await agentPage.keyboard.press("Enter");
  await expect(agentPage.getByTestId("note")).toContainText("Check the courier's tracking");
  await one.call("POST", "/api/widget/seen", { what: "read" });
  await expect(agentPage.getByTestId("receipt").first()).toHaveAttribute("data-receipt", "read");

  // Visitor two waits: the agent takes one chat at a time.
  const two = new VisitorClient(baseURL!);
  await visitorStart(two, widget.key, "Walt Two");
  await expect(queueRow.getByTestId("waiting")).toHaveText("1", { timeout: 3000 });
  await expect(agentPage.getByTestId("offer")).toHaveCount(0);

  // The first chat ends: the second is offered at once.
  await agentPage.getByRole("button", { name: "End chat" }).click();
  await expect(agentPage.getByTestId("offer")).toBeVisible({ timeout: 5000 });
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage.getByTestId("customer-message").filter({ hasText: "Hello, this is Walt Two" })).toBeVisible();
  await expect(queueRow.getByTestId("waiting")).toHaveText("0");

  expect(JSON.stringify(feed.events)).not.toContain("courier");
  feed.close();
});

test("an agent transfers a chat to a colleague, who takes it with the note", async ({ browser, factory, baseURL }) => {
  const first = await factory.user("AGENT", "Fred First");
  const second = await factory.user("AGENT", "Sara Second");
  const { widget } = await chatQueue(factory, [first], { name: "Transfer chat" });

  const firstPage = await readyAgent(browser, first);
  const secondPage = await readyAgent(browser, second);

  const visitor = new VisitorClient(baseURL!);
  await visitorStart(visitor, widget.key, "Tina Transfer");
  await firstPage.getByTestId("accept-offer").click();
  await firstPage.getByRole("button", { name: "Transfer" }).click();
  const dialog = firstPage.getByRole("dialog");
  await dialog.getByRole("radio", { name: "Sara Second" }).check();
  await dialog.getByLabel("Note for them").fill("Wants a refund for order 77");
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await expect(firstPage.getByText("Waiting for someone to take the transfer")).toBeVisible();

  const offer = secondPage.getByTestId("offer");
  await expect(offer).toContainText("Wants a refund for order 77");
  await secondPage.getByTestId("accept-offer").click();
  await expect(secondPage.getByTestId("note")).toContainText("Wants a refund for order 77");
  await expect(secondPage.getByTestId("chat-controls")).toBeVisible();
  // The first agent no longer handles it.
  await expect(firstPage.getByText("Sara Second is handling this conversation.")).toBeVisible();
});

test("a visitor who types a VIP's e-mail is shown as unverified, without the VIP's details or cases", async ({ browser, factory, baseURL }) => {
  const agent = await factory.user("AGENT", "Uma Agent");
  const { widget, queue } = await chatQueue(factory, [agent], { name: "Claims chat" });
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const vip = await db.contact.create({
    data: {
      organizationId: orgId,
      firstName: "Vera",
      lastName: "Important",
      vip: true,
      notes: "Prefers the direct line",
      fields: { creditLimit: "250000" },
      identities: { create: [{ organizationId: orgId, kind: "EMAIL", value: "ceo@bigcustomer.example" }] },
    },
  });
  const status = await db.caseStatus.findFirstOrThrow({ where: { process: { organizationId: orgId }, category: "NEW" } });
  await db.case.create({
    data: {
      organizationId: orgId,
      number: 9001,
      subject: "Contract renewal terms",
      processId: status.processId,
      statusId: status.id,
      channel: "EMAIL",
      contactId: vip.id,
      queueId: queue.id,
    },
  });

  const agentPage = await readyAgent(browser, agent);
  const visitor = new VisitorClient(baseURL!);
  await visitor.start(widget.key, {
    name: "Vera Important",
    email: "ceo@bigcustomer.example",
    message: "I am the CEO, tell me my credit limit",
    language: "en",
  });
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage).toHaveURL(/\/agent\/cases\//);
  await expect(agentPage.getByTestId("claimed-contact")).toHaveText("Unverified — the visitor typed this e-mail: ceo@bigcustomer.example");
  const panel = agentPage.getByTestId("contact-panel");
  await expect(panel).toContainText("Vera Important");
  await expect(panel.getByText("VIP", { exact: true })).toHaveCount(0);
  await expect(agentPage.getByText("Prefers the direct line")).toHaveCount(0);
  await expect(agentPage.getByText("250000")).toHaveCount(0);
  await expect(agentPage.getByText("Contract renewal terms")).toHaveCount(0);
});
