// The contacts directory in the browser: an agent finds a customer by a phone number typed their
// own way, opens the contact, sees the cases of theirs the agent may open (not another queue's),
// and opens one. SHOTS_DIR=… also takes the list and the contact in pl/en/ru at 1440×900 and 1280×720.
import { createCase } from "../../domain/cases/create-case.ts";
import { expect, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR;

test("an agent finds a contact by phone, sees the history they may open, and opens a case from it", async ({ browser, factory }) => {
  test.setTimeout(SHOTS ? 240_000 : 60_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const agent = await factory.user("AGENT", "Ola Agentka", "en");
  const mine = await db.queue.create({
    data: { organizationId: orgId, name: "Customer service", channels: ["CHAT", "VOICE", "EMAIL"], members: { create: [{ userId: agent.id }] } },
  });
  const theirs = await db.queue.create({ data: { organizationId: orgId, name: "Debt collection", channels: ["VOICE"] } });
  const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h));
  const contact = await db.contact.create({
    data: {
      organizationId: orgId,
      createdAt: day(1),
      lastContactAt: day(1),
      firstName: "Janina",
      lastName: "Wiśniewska",
      company: "Kwiaciarnia Róża",
      vip: true,
      notes: "Prefers e-mail in the mornings.",
      fields: { customerNumber: "K-20417" },
      identities: {
        create: [
          { organizationId: orgId, kind: "PHONE", value: "+48601234567" },
          { organizationId: orgId, kind: "EMAIL", value: "janina@kwiaciarnia.example" },
        ],
      },
    },
  });
  await db.contact.create({
    data: {
      organizationId: orgId,
      createdAt: day(2),
      lastContactAt: day(2),
      firstName: "Piotr",
      lastName: "Zieliński",
      identities: { create: [{ organizationId: orgId, kind: "PHONE", value: "+48221234500" }] },
    },
  });
  const email = await createCase(db, {
    organizationId: orgId,
    channel: "EMAIL",
    subject: "Invoice 11/2026 is missing",
    contactId: contact.id,
    queueId: mine.id,
    now: day(3),
  });
  const hidden = await createCase(db, {
    organizationId: orgId,
    channel: "VOICE",
    subject: "Overdue payment reminder",
    contactId: contact.id,
    queueId: theirs.id,
    now: day(10),
  });
  const chat = await createCase(db, {
    organizationId: orgId,
    channel: "CHAT",
    subject: "Delivery to a new address",
    contactId: contact.id,
    queueId: mine.id,
    now: day(20),
  });

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(page, agent.username);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await page.reload();
  await expect(page).toHaveTitle("Contacts · Centrala");
  await expect(page.getByTestId("contact-row")).toHaveCount(2);
  // Typed with spaces, a leading 0 and no country code: still her number.
  await page.getByTestId("contact-search").fill("0601 234 567");
  await expect(page.getByTestId("contact-row")).toHaveCount(1);
  const row = page.getByTestId("contact-row");
  await expect(row).toContainText("Janina Wiśniewska");
  await expect(row).toContainText("VIP");
  await expect(row).toContainText("+48601234567");
  await expect(row.locator("td").nth(2)).toHaveText("2");
  // Her last contact is the chat of 20 November (Warsaw time), not when she was added.
  await expect(row.locator("td").nth(3)).toHaveText("20 Nov 2026, 11:00");
  // % in a search is a percent sign, not "anything".
  await page.getByTestId("contact-search").fill("%");
  await expect(page.getByText("No contact matches “%”.")).toBeVisible();

  await page.getByTestId("contact-search").fill("wiśniewska janina");
  await page.getByRole("link", { name: "Janina Wiśniewska" }).click();
  await expect(page.getByTestId("contact-name")).toContainText("Janina Wiśniewska");
  await expect(page.getByTestId("contact-identities")).toContainText("janina@kwiaciarnia.example");
  const history = page.getByTestId("history-row");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText(`#${chat.number}`);
  await expect(history.nth(0)).toContainText("Customer service");
  await expect(history.nth(1)).toContainText(`#${email.number}`);
  await expect(page.getByText("Overdue payment reminder")).toHaveCount(0);
  await expect(page.getByText(`#${hidden.number}`, { exact: true })).toHaveCount(0);
  // Agents may read contacts but not edit them (contacts.manage).
  await expect(page.getByTestId("contact-edit")).toHaveCount(0);

  await history
    .nth(1)
    .getByRole("link", { name: `#${email.number}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/agent/cases/${email.id}$`));
  await expect(page.getByText("Invoice 11/2026 is missing").first()).toBeVisible();

  if (SHOTS) {
    for (const locale of ["pl", "en", "ru"] as const) {
      const viewer = await factory.user("ADMIN", `Admin ${locale}`, locale);
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 1280, height: 720 },
      ]) {
        const p = await (await browser.newContext({ viewport })).newPage();
        await signIn(p, viewer.username);
        await p.goto("/contacts");
        await expect(p.getByTestId("contact-row")).toHaveCount(2);
        await p.screenshot({ path: `${SHOTS}/contacts-${locale}-${viewport.width}.png` });
        await p.goto(`/contacts/${contact.id}`);
        await expect(p.getByTestId("history-row")).toHaveCount(3);
        await p.screenshot({ path: `${SHOTS}/contact-${locale}-${viewport.width}.png`, fullPage: true });
        await p.context().close();
      }
    }
  }
});
