// An agent works an e-mail case: the customer's HTML mail shown safely, a reply with Cc that waits
// in the outbox (no SMTP server runs here, so it stays queued with the reason), and a note.
import fs from "node:fs";
import path from "node:path";
import { expect, signIn, test } from "./fixtures.ts";
import type { Factory, Person } from "./fixtures.ts";

/** An e-mail case the agent has accepted, as the mailbox reader and the ACD would leave it. */
async function emailCase(factory: Factory, agent: Person) {
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const queue = await db.queue.create({
    data: {
      organizationId: orgId,
      name: "Mail desk",
      channels: ["EMAIL"],
      emailSignature: "{agent_name} · {queue_name}",
      members: { create: [{ userId: agent.id, skillLevel: 5 }] },
    },
  });
  await db.cannedReply.create({
    data: { organizationId: orgId, queueId: queue.id, title: "Invoice fixed", body: "Dear {first_name}, case {case_number} is fixed." },
  });
  const mailbox = await db.entryPoint.create({
    data: {
      organizationId: orgId,
      kind: "MAILBOX",
      name: "Support mailbox",
      key: `m_${Math.random().toString(36).slice(2)}`,
      queueId: queue.id,
      // No credentials: no reader connects anywhere during the test.
      config: {
        imap: { host: "127.0.0.1", port: 1, security: "none", user: "support", folder: "INBOX" },
        smtp: null,
        fromAddress: "support@shop.test",
        fromName: "Shop support",
      },
    },
  });
  const process = await db.process.findFirstOrThrow({ where: { organizationId: orgId, isDefault: true }, include: { statuses: true } });
  const { caseCounter } = await db.organization.update({ where: { id: orgId }, data: { caseCounter: { increment: 1 } } });
  const contact = await db.contact.create({
    data: {
      organizationId: orgId,
      firstName: "Anna",
      lastName: "Nowak",
      identities: { create: [{ organizationId: orgId, kind: "EMAIL", value: "anna@customer.test" }] },
    },
  });
  const kase = await db.case.create({
    data: {
      organizationId: orgId,
      number: caseCounter,
      subject: "Invoice question",
      processId: process.id,
      statusId: process.statuses.find((s) => s.category === "OPEN")!.id,
      channel: "EMAIL",
      contactId: contact.id,
      queueId: queue.id,
      assigneeId: agent.id,
    },
  });
  const interaction = await db.interaction.create({
    data: {
      organizationId: orgId,
      caseId: kase.id,
      channel: "EMAIL",
      state: "ACTIVE",
      agentId: agent.id,
      entryPointId: mailbox.id,
      queueId: queue.id,
      answeredAt: new Date(),
    },
  });
  const message = await db.message.create({
    data: { organizationId: orgId, caseId: kase.id, interactionId: interaction.id, authorType: "CONTACT", body: "Good morning, the invoice is wrong." },
  });
  await db.emailMessage.create({
    data: {
      id: message.id,
      organizationId: orgId,
      entryPointId: mailbox.id,
      direction: "INBOUND",
      internetMessageId: `invoice-${kase.id}@customer.test`,
      subject: "Invoice question",
      fromAddress: "anna@customer.test",
      fromName: "Anna Nowak",
      to: [{ address: "support@shop.test", name: "" }],
      html: '<p>Good morning, the <b>invoice</b> is wrong.</p><p style="color:#b91c1c">Amount: 120 PLN</p>',
    },
  });
  return kase;
}

test("an agent reads an e-mail and answers it with a copy to a colleague; the reply waits in the outbox", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Edyta Email");
  const kase = await emailCase(factory, agent);
  await signIn(page, agent.username);
  await page.goto("/account");
  await page.getByLabel("E-mail signature").fill("Edyta, invoices");
  await page.getByRole("button", { name: "Save signature" }).click();
  await expect(page.getByText("Signature saved.")).toBeVisible();
  await page.screenshot({ path: "test-results/account.png", fullPage: true });
  await page.goto(`/agent/cases/${kase.id}`);

  const mail = page.getByTestId("customer-email");
  await expect(mail).toContainText("Invoice question");
  await expect(mail).toContainText("Anna Nowak <anna@customer.test>");
  await expect(mail.frameLocator('[data-testid="email-html"]').getByText("invoice")).toBeVisible();
  await mail.getByRole("button", { name: "Show plain text" }).click();
  await expect(mail).toContainText("Good morning, the invoice is wrong.");

  await page.getByRole("button", { name: "Cc / Bcc" }).click();
  await page.getByLabel("Cc", { exact: true }).fill("not-an-address");
  await page.getByTestId("composer").fill("Dear Anna, we will send a corrected invoice today.");
  await page.getByRole("button", { name: "Send e-mail" }).click();
  await expect(page.getByText("Not in the expected format.")).toBeVisible();
  // The canned reply comes filled in for this case; bold from the toolbar; the signature shows.
  await page.getByTestId("composer").fill("");
  await page.getByLabel("Canned replies").selectOption({ label: "Invoice fixed" });
  await expect(page.getByTestId("composer")).toHaveValue(`Dear Anna, case ${kase.number} is fixed.`);
  await page.getByTestId("composer").fill("Dear Anna, we will send a corrected invoice today.");
  await page.getByTestId("composer").selectText();
  await page.getByRole("button", { name: "Bold" }).click();
  await expect(page.getByTestId("composer")).toHaveValue("**Dear Anna, we will send a corrected invoice today.**");
  await expect(page.getByTestId("signature-preview")).toHaveText("-- \nEdyta, invoices\nEdyta Email · Mail desk");
  await page.screenshot({ path: "test-results/email-composer.png", fullPage: true });
  await page.getByLabel("Cc", { exact: true }).fill("accounts@shop.test");
  await page.getByRole("button", { name: "Send e-mail" }).click();

  const reply = page.getByTestId("agent-email");
  await expect(reply).toContainText(`Re: Invoice question [#${kase.number}]`);
  await expect(reply).toContainText("Cc: accounts@shop.test");
  await expect(reply.getByTestId("delivery")).toHaveAttribute("data-state", "QUEUED");
  await expect(reply).toContainText("Dear Anna, we will send a corrected invoice today.");
  await reply.getByRole("button", { name: "Show the mail as sent" }).click();
  await expect(reply.frameLocator('[data-testid="email-html"]').locator("strong")).toHaveText("Dear Anna, we will send a corrected invoice today.");
  await expect(reply.frameLocator('[data-testid="email-html"]').getByText("Edyta Email · Mail desk")).toBeVisible();
  await expect(reply.frameLocator('[data-testid="email-html"]').locator("blockquote")).toContainText("Good morning, the invoice is wrong.");
  await page.screenshot({ path: "test-results/email-case.png", fullPage: true });
  await expect(page.getByTestId("composer")).toHaveValue("");

  // A note stays inside.
  await page.getByRole("tab", { name: "Private note" }).click();
  await page.getByTestId("composer").fill("Check with accounting");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("note")).toContainText("Check with accounting");
});

test("an admin adds a mailbox; the connection test says which step fails, in words", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ada Admin");
  await factory.db.prisma.queue.create({ data: { organizationId: factory.org.org.id, name: "Mail desk", channels: ["EMAIL"] } });
  await signIn(page, admin.username);
  await page.goto("/admin/mailboxes");
  await page.getByRole("button", { name: "New mailbox" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("Support");
  await dialog.getByLabel("Queue").selectOption({ label: "Mail desk" });
  await dialog.getByLabel("Server").first().fill("127.0.0.1");
  await dialog.getByLabel("Security").first().selectOption("none");
  await dialog.getByLabel("Port").first().fill("1");
  await dialog.getByLabel("User name").first().fill("support");
  await dialog.getByLabel("Password").first().fill("secret");
  await dialog.getByLabel("From address").fill("support@shop.test");
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(dialog.getByTestId("probe-IMAP")).toContainText("Connection — 127.0.0.1:1 refused the connection");
  await page.screenshot({ path: "test-results/mailbox-dialog.png", fullPage: true });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Support/ })).toContainText("support@127.0.0.1:1/INBOX");

  // The saved password stays with its server: pointed elsewhere, the dialog asks for it again and says why.
  await page
    .getByRole("row", { name: /Support/ })
    .getByRole("button", { name: "Edit" })
    .click();
  const edit = page.getByRole("dialog");
  await expect(edit.getByText("Leave empty to keep the saved one (same server only)").first()).toBeVisible();
  await edit.getByLabel("Server").first().fill("127.0.0.2");
  await expect(edit.getByText("You changed the server: type its password again.", { exact: false })).toBeVisible();
  await edit.getByRole("button", { name: "Test connection" }).click();
  await expect(edit.getByText("type the password again: a saved password is only ever sent to the server it was saved for", { exact: false })).toBeVisible();
  await expect(edit.getByTestId("probe-IMAP")).toHaveCount(0);
  await page.screenshot({ path: "test-results/mailbox-password-again.png", fullPage: true });
});

test("a mail's inline (cid:) image shows inside its frame, and a malformed mail says so", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Iga Inline");
  const kase = await emailCase(factory, agent);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const interaction = await db.interaction.findFirstOrThrow({ where: { caseId: kase.id } });
  const message = await db.message.create({
    data: { organizationId: orgId, caseId: kase.id, interactionId: interaction.id, authorType: "CONTACT", body: "Here is the photo" },
  });
  await db.emailMessage.create({
    data: {
      id: message.id,
      organizationId: orgId,
      internetMessageId: `photo-${kase.id}@customer.test`,
      direction: "INBOUND",
      subject: "The photo",
      fromAddress: "anna@customer.test",
      html: '<p>Here is the photo</p><img src="cid:photo-1@customer.test" alt="the photo" width="40" height="40">',
      malformed: true,
    },
  });
  // A 1×1 PNG, stored as the server stores a received file.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  const storageKey = `${orgId}/${kase.id}/${message.id}-photo`;
  fs.mkdirSync(path.dirname(path.join(process.env.E2E_ATTACHMENTS_DIR!, storageKey)), { recursive: true });
  fs.writeFileSync(path.join(process.env.E2E_ATTACHMENTS_DIR!, storageKey), png);
  await db.attachment.create({
    data: {
      organizationId: orgId,
      caseId: kase.id,
      messageId: message.id,
      fileName: "photo.png",
      contentType: "image/png",
      size: png.length,
      sha256: "",
      storageKey,
      contentId: "photo-1@customer.test",
    },
  });
  await signIn(page, agent.username);
  await page.goto(`/agent/cases/${kase.id}`);
  const mail = page.getByTestId("customer-email").filter({ hasText: "The photo" });
  const image = mail.frameLocator('[data-testid="email-html"]').locator('img[alt="the photo"]');
  await expect(image).toHaveAttribute("src", /^data:image\/png;base64,/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(mail.getByTestId("email-malformed")).toHaveText("Malformed mail");
  // Inline images are part of the mail, not downloads.
  await expect(mail.getByText("photo.png")).toHaveCount(0);
});
