// Tags and macros at the agent's desk: an admin sets up tags and a macro; an agent tags a case,
// narrows the inbox to a tag, and applies the macro from the keyboard — the status, tags and
// assignee change at once and the reply waits in the composer, unsent. Screens in pl, en and ru.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures.ts";
import type { Factory, Person } from "./fixtures.ts";

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** An e-mail case in the queue, from a customer, as the mailbox reader would leave it. */
async function mailCase(
  factory: Factory,
  queueId: string,
  mailboxId: string,
  assigneeId: string | null,
  subject: string,
  from: { first: string; last: string; email: string },
) {
  const db = factory.db.prisma;
  const organizationId = factory.org.org.id;
  const process = await db.process.findFirstOrThrow({ where: { organizationId, isDefault: true }, include: { statuses: true } });
  const { caseCounter } = await db.organization.update({ where: { id: organizationId }, data: { caseCounter: { increment: 1 } } });
  const contact = await db.contact.create({
    data: { organizationId, firstName: from.first, lastName: from.last, identities: { create: [{ organizationId, kind: "EMAIL", value: from.email }] } },
  });
  const kase = await db.case.create({
    data: {
      organizationId,
      number: caseCounter,
      subject,
      processId: process.id,
      statusId: process.statuses.find((s) => s.category === "OPEN")!.id,
      channel: "EMAIL",
      contactId: contact.id,
      queueId,
      assigneeId,
    },
  });
  const message = await db.message.create({ data: { organizationId, caseId: kase.id, authorType: "CONTACT", body: `${subject}: please help.` } });
  await db.emailMessage.create({
    data: {
      id: message.id,
      organizationId,
      entryPointId: mailboxId,
      direction: "INBOUND",
      internetMessageId: `${kase.id}@customer.test`,
      subject,
      fromAddress: from.email,
      fromName: `${from.first} ${from.last}`,
      to: [{ address: "support@shop.test", name: "" }],
    },
  });
  return kase;
}

async function desk(factory: Factory, agents: Person[]) {
  const db = factory.db.prisma;
  const organizationId = factory.org.org.id;
  const queue = await db.queue.create({
    data: { organizationId, name: "Billing desk", channels: ["EMAIL"], members: { create: agents.map((a) => ({ userId: a.id, skillLevel: 5 })) } },
  });
  const mailbox = await db.entryPoint.create({
    data: {
      organizationId,
      kind: "MAILBOX",
      name: "Support mailbox",
      key: `m_${Math.random().toString(36).slice(2)}`,
      queueId: queue.id,
      config: { imap: { host: "127.0.0.1", port: 1, security: "none", user: "support", folder: "INBOX" }, smtp: null, fromAddress: "support@shop.test" },
    },
  });
  return { queue, mailbox };
}

async function shoot(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/case-tags/${name}-${size.width}x${size.height}.png` });
  }
}

test("an agent tags a case, filters the inbox by tag and applies a macro", async ({ page, browser, factory }) => {
  test.setTimeout(120_000);
  const admin = await factory.user("ADMIN", "Adam Admin");
  const agent = await factory.user("AGENT", "Edyta Agent");
  const { queue, mailbox } = await desk(factory, [agent]);
  const invoice = await mailCase(factory, queue.id, mailbox.id, agent.id, "Invoice twice", { first: "Anna", last: "Nowak", email: "anna@customer.test" });
  const parcel = await mailCase(factory, queue.id, mailbox.id, agent.id, "Parcel late", { first: "Boris", last: "Ivanov", email: "boris@customer.test" });

  // The admin sets up the tags (one of them, by another case, refused) and a macro.
  await signIn(page, admin.username);
  await page.goto("/admin/tags");
  for (const [name, color, pl] of [
    ["Billing", "#2563eb", "Płatności"],
    ["Urgent", "#dc2626", ""],
    ["Refund", "#16a34a", ""],
  ]) {
    await page.getByRole("button", { name: "New tag" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name", { exact: true }).fill(name);
    if (pl) await dialog.getByLabel("Polish", { exact: true }).fill(pl);
    await dialog.locator("#tag-color").fill(color);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  }
  await page.getByRole("button", { name: "New tag" }).click();
  await page.getByRole("dialog").getByLabel("Name", { exact: true }).fill("billing");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog").getByText("Already taken.")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("tag-chip")).toHaveText(["Billing", "Refund", "Urgent"]);
  await shoot(page, "tags-en");

  await page.goto("/admin/macros");
  await page.getByRole("button", { name: "New macro" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("Refund issued");
  await dialog.getByLabel("Reply", { exact: true }).selectOption("TEXT");
  await dialog.getByLabel("Reply text").fill("Dear {first_name}, the refund for case {case_number} is on its way.");
  await dialog.getByLabel("Status").selectOption({ label: "Resolved" });
  await dialog.getByLabel("Assignee").selectOption("ME");
  await dialog.getByRole("group", { name: "Add tags" }).getByLabel("Refund").check();
  await dialog.getByRole("group", { name: "Remove tags" }).getByLabel("Urgent").check();
  await shoot(page, "macro-dialog-en");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Refund issued/ })).toContainText("status: Resolved");

  // The agent tags both cases, one of them twice.
  const agentPage = await (await browser.newContext()).newPage();
  await signIn(agentPage, agent.username);
  for (const [kase, tags] of [
    [invoice, ["Billing", "Urgent"]],
    [parcel, ["Urgent"]],
  ] as const) {
    await agentPage.goto(`/agent/cases/${kase.id}`);
    for (const tag of tags) {
      await agentPage.getByTestId("add-tag").selectOption({ label: tag });
      await expect(agentPage.getByTestId("case-tags").getByTestId("tag-chip").filter({ hasText: tag })).toBeVisible();
    }
  }
  await expect(agentPage.getByTestId("event-tag_added")).toHaveText(/Edyta Agent added the tag Urgent/);
  // The inbox rows carry the tags; filtering by Billing and Urgent leaves the invoice only.
  const inbox = agentPage.getByTestId("inbox-column");
  await expect(inbox.getByTestId(`case-${invoice.number}`).getByTestId("tag-chip")).toHaveText(["Billing", "Urgent"]);
  await inbox.getByLabel("Filter by tag").selectOption({ label: "Urgent" });
  await expect(inbox.getByTestId(`case-${parcel.number}`)).toBeVisible();
  await inbox.getByLabel("Filter by tag").selectOption({ label: "Billing" });
  await expect(inbox.getByTestId(`case-${parcel.number}`)).toHaveCount(0);
  await expect(inbox.getByTestId(`case-${invoice.number}`)).toBeVisible();
  await inbox.getByTestId(`case-${invoice.number}`).click();
  await agentPage.waitForURL(`**/agent/cases/${invoice.id}`);

  // The macro from the keyboard: the desk's shortcut (x) opens the menu on its first macro; Enter applies it.
  // (The menu is there once the macros have loaded; a key pressed before that does nothing.)
  await expect(agentPage.getByTestId("macro-menu")).toBeVisible();
  await agentPage.locator("body").click({ position: { x: 5, y: 300 } });
  await agentPage.keyboard.press("x");
  await expect(agentPage.getByRole("menuitem", { name: "Refund issued" })).toBeFocused();
  await agentPage.keyboard.press("Escape");
  await expect(agentPage.getByRole("menu")).toHaveCount(0);
  await expect(agentPage.getByTestId("macro-menu")).toBeFocused();
  await agentPage.keyboard.press("ArrowDown");
  await expect(agentPage.getByRole("menuitem", { name: "Refund issued" })).toBeFocused();
  await agentPage.keyboard.press("Enter");
  await expect(agentPage.getByTestId("composer")).toHaveValue(`Dear Anna, the refund for case ${invoice.number} is on its way.`);
  await expect(agentPage.getByTestId("macro-outcome")).toContainText("Macro “Refund issued” applied: read the reply and send it.");
  await expect(agentPage.getByTestId("case-status").locator("option:checked")).toHaveText("Resolved");
  await expect(agentPage.getByTestId("case-tags").getByTestId("tag-chip")).toHaveText(["Billing×", "Refund×"]);
  await expect(agentPage.getByTestId("event-macro_applied")).toContainText("Edyta Agent applied the macro Refund issued");
  await expect(agentPage.getByTestId("event-tag_removed")).toContainText("Edyta Agent removed the tag Urgent");
  // Nothing went to the customer: the only mail is theirs.
  expect(await factory.db.prisma.message.count({ where: { caseId: invoice.id } })).toBe(1);
  // The inbox heard of it (the case-updated event): resolved, the case leaves the open cases…
  await expect(inbox.getByTestId(`case-${invoice.number}`)).toHaveCount(0);
  // …and, among all of them and no longer filtered by the tag it lost, it carries its new tags.
  await inbox.getByLabel("Statuses").selectOption("all");
  await expect(inbox.getByTestId(`case-${invoice.number}`)).toHaveCount(0);
  await inbox.getByRole("button", { name: "Stop filtering by Urgent" }).click();
  await expect(inbox.getByTestId(`case-${invoice.number}`).getByTestId("tag-chip")).toHaveText(["Billing", "Refund"]);
  await shoot(agentPage, "after-macro-en");
});

for (const [locale, name, billing] of [
  ["pl", "Paweł Polak", "Płatności"],
  ["ru", "Ruslan Russkiy", "Billing"],
  ["en", "Emma English", "Billing"],
] as const) {
  test(`the tagged case, the tag filter and the macro menu in ${locale}`, async ({ page, factory }) => {
    const agent = await factory.user("AGENT", name, locale);
    const { queue, mailbox } = await desk(factory, [agent]);
    const db = factory.db.prisma;
    const organizationId = factory.org.org.id;
    const tag = await db.tag.create({ data: { organizationId, name: "Billing", nameKey: "billing", color: "#2563eb", translations: { pl: "Płatności" } } });
    await db.macro.create({
      data: { organizationId, name: locale === "ru" ? "Возврат оформлен" : locale === "pl" ? "Zwrot zlecony" : "Refund issued", body: "…" },
    });
    const kase = await mailCase(factory, queue.id, mailbox.id, agent.id, "Invoice twice", { first: "Anna", last: "Nowak", email: "anna@customer.test" });
    await mailCase(factory, queue.id, mailbox.id, agent.id, "Parcel late", { first: "Boris", last: "Ivanov", email: "boris@customer.test" });
    await db.caseTag.create({ data: { caseId: kase.id, tagId: tag.id, addedById: agent.id } });
    await db.caseEvent.create({ data: { organizationId, caseId: kase.id, type: "tag_added", actorId: agent.id, data: { tagId: tag.id, name: "Billing" } } });
    await page.setViewportSize(SIZES[0]);
    await signIn(page, agent.username);
    await page.goto(`/agent/cases/${kase.id}`);
    await expect(page.getByTestId("case-tags").getByTestId("tag-chip")).toHaveText([`${billing}×`]);
    // The timeline names the tag in the reader's language too.
    await expect(page.getByTestId("event-tag_added")).toContainText(billing);
    await page.getByTestId("tag-filter").getByRole("combobox").selectOption({ label: billing });
    await expect(page.getByTestId("inbox-column").getByRole("link")).toHaveCount(1);
    await page.getByTestId("macro-menu").click();
    await expect(page.getByRole("menu")).toBeVisible();
    await shoot(page, `case-${locale}`);
  });
}
