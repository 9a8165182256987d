// Faxes in the browser: an admin makes a number a fax number (its queue must take faxes); a fax
// that arrived on it (put on its case as the fax line does, domain/fax/receive-fax.ts, with pages
// made by Ghostscript and libtiff) shows on the case with its sender and pages; the agent, working
// in Polish, opens the pages as a PDF and answers the sender by SMS through a real SMSC.
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { receiveFax } from "../../domain/fax/receive-fax.ts";
import type { Deps } from "../../domain/ports.ts";
import { folderFileStore } from "../../lib/adapters/file-store.ts";
import { faxTiffToPdf, pdfToFaxTiff } from "../../media/fax/fax-documents.ts";
import { makeTestPdf } from "../support/fax.ts";
import { SMSC_PASSWORD, TestSmsc } from "../support/smsc.ts";
import { expect, gql, signIn, test } from "./fixtures.ts";

let smsc: TestSmsc;
let dir: string;
test.beforeAll(async () => {
  smsc = await new TestSmsc().start();
  dir = await mkdtemp(path.join(os.tmpdir(), "centrala-e2e-fax-"));
});
test.afterAll(async () => {
  await smsc?.close();
  await rm(dir, { recursive: true, force: true });
});

test("an admin sets up a fax number; an agent opens a fax's pages and answers the sender by SMS", async ({ page, browser, factory }) => {
  test.setTimeout(90_000);
  const db = factory.db.prisma;
  const orgId = factory.org.org.id;
  const admin = await factory.user("ADMIN", "Ann Admin");
  const agent = await factory.user("AGENT", "Ola Kowalczyk", "pl");
  const voice = await db.queue.create({ data: { organizationId: orgId, name: "Hotline", channels: ["VOICE"] } });
  const desk = await db.queue.create({
    data: { organizationId: orgId, name: "Fax desk", channels: ["FAX", "SMS"], members: { create: [{ userId: agent.id, skillLevel: 5 }] } },
  });
  await db.sipTrunk.create({ data: { organizationId: orgId, name: "Carrier", host: "sip.example.test", username: "centrala", secret: "" } });
  const faxNumber = `+4822${String(Date.now()).slice(-7)}`;

  // The admin: a fax number may only go to a queue that takes faxes, and has no IVR flow.
  await signIn(page, admin.username);
  await page.goto("/admin/telephony/numbers");
  await page.getByRole("button", { name: "New number" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Number", { exact: true }).fill(faxNumber);
  await expect(dialog.getByLabel("Queue", { exact: true })).toContainText("Hotline");
  await dialog.getByTestId("number-fax").check();
  await expect(dialog.getByLabel("Queue", { exact: true })).not.toContainText("Hotline");
  await expect(dialog.getByLabel("Queue", { exact: true })).toContainText("Fax desk");
  await expect(dialog.getByLabel("IVR flow", { exact: true })).toHaveCount(0);
  await page.screenshot({ path: "test-results/fax-number-en.png" });
  await dialog.getByRole("button", { name: "Save" }).click();
  const row = page.getByTestId(`number-${faxNumber}`);
  await expect(row.getByTestId("fax-number")).toHaveText("Fax");
  await expect(row).toContainText("Fax desk");
  const entry = await db.entryPoint.findFirstOrThrow({ where: { key: faxNumber } });
  expect(entry).toMatchObject({ fax: true, queueId: desk.id, ivrFlowId: null });
  expect(voice.id).not.toBe(desk.id);

  // The SMS side, as an admin sets it up: an account on the test SMSC and a number.
  const account = await gql(page, "mutation($input: SmsAccountInput!) { saveSmsAccount(input: $input) { id } }", {
    input: { kind: "SMPP", name: "Test SMSC", host: "127.0.0.1", port: smsc.port, systemId: "centrala", secret: SMSC_PASSWORD },
  });
  const accountId = account.data.saveSmsAccount.id as string;
  await gql(page, "mutation($input: SmsNumberInput!) { saveSmsNumber(input: $input) { id } }", {
    input: { accountId, number: "+48221110000", queueId: desk.id },
  });

  // A 3-page fax from +48 601 555 777 arrives on the number.
  const tiff = path.join(dir, "fax.tif");
  await pdfToFaxTiff(await makeTestPdf(dir, 3), tiff, "fine");
  await faxTiffToPdf(tiff, `${tiff}.pdf`);
  const deps = { db, files: folderFileStore(process.env.E2E_ATTACHMENTS_DIR!), now: () => new Date(), events: { publish: () => {} } } as unknown as Deps;
  const { caseId } = await receiveFax(
    { organizationId: orgId, entryPointId: entry.id, queueId: desk.id, entryName: entry.name, caller: "+48601555777", dialled: faxNumber, displayName: "" },
    { ok: true, pages: 3, reason: "OK", remoteIdent: "+48 601 555 777", bitRate: 14400, ecm: true, badRows: 0, audioSeconds: 179 },
    { pdf: await readFile(`${tiff}.pdf`), tiff: await readFile(tiff) },
    deps,
  );
  const kase = await db.case.findUniqueOrThrow({ where: { id: caseId } });
  expect(kase).toMatchObject({ channel: "FAX", queueId: desk.id });
  await db.case.update({ where: { id: caseId }, data: { assigneeId: agent.id } });

  const context = await browser.newContext({ locale: "pl-PL" });
  const agentPage = await context.newPage();
  await signIn(agentPage, agent.username);
  await agentPage.goto(`/agent/cases/${caseId}`);
  const fax = agentPage.getByTestId("fax-message");
  await expect(fax).toHaveAttribute("data-state", "RECEIVED");
  await expect(fax).toContainText("Faks od +48601555777");
  await expect(fax.getByTestId("fax-facts")).toHaveText(/^3 strony · 14\s400 bit\/s · korekcja błędów$/);
  const [download] = await Promise.all([agentPage.waitForEvent("download"), fax.getByTestId("fax-pdf").click()]);
  expect(download.suggestedFilename()).toMatch(/^fax-\d{12}\.pdf$/);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(3);
  await agentPage.screenshot({ path: "test-results/fax-case-pl.png" });

  // The link binds within the worker's round; the reply waits in the outbox until then.
  const composer = agentPage.getByTestId("sms-composer");
  await composer.getByTestId("composer").fill("Dziekujemy, faks dotarl w calosci (3 strony).");
  await composer.getByRole("button", { name: "Wyślij SMS" }).click();
  const delivery = agentPage.getByTestId("sms-delivery");
  await expect(delivery).toHaveAttribute("data-state", "DELIVERED", { timeout: 45_000 });
  expect(smsc.texts("48601555777")).toEqual(["Dziekujemy, faks dotarl w calosci (3 strony)."]);

  // The agent faxes the pages back, signed off, after a cover page: queued for the fax line.
  await agentPage.setViewportSize({ width: 1280, height: 1100 });
  const sender = agentPage.getByTestId("fax-sender");
  await sender.locator("summary", { hasText: "Wyślij faks" }).click();
  await expect(sender.getByLabel("Numer faksu")).toHaveValue("+48601555777");
  await sender.getByLabel(/^fax-\d{12}\.pdf$/).check();
  await expect(sender.getByLabel("Strona tytułowa")).toBeChecked();
  await sender.getByLabel("Uwaga na stronie tytułowej").fill("Odsyłamy podpisane zamówienie. Спасибо!");
  await agentPage.screenshot({ path: "test-results/fax-send-pl.png", fullPage: true });
  await sender.getByRole("button", { name: "Wyślij faks" }).click();
  await expect(sender.getByRole("status")).toContainText("Faks czeka w kolejce");
  const sent = agentPage.getByTestId("fax-message").filter({ hasText: "Faks do +48601555777" });
  await expect(sent).toHaveAttribute("data-state", "QUEUED");
  await expect(sent).toContainText("ze stroną tytułową");
  await expect(sent.getByTestId("fax-delivery")).toHaveText("Czeka na wysłanie…");
  const queued = await db.faxMessage.findFirstOrThrow({ where: { direction: "OUTBOUND", customerNumber: "+48601555777" } });
  expect(queued).toMatchObject({ state: "QUEUED", cover: true, ownNumber: faxNumber, documentIds: [expect.any(String)] });
  await sender.locator("summary").click();
  await sent.scrollIntoViewIfNeeded();
  await sent.screenshot({ path: "test-results/fax-sent-pl.png" });
  await context.close();
});
