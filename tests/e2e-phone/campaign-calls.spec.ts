// An agent in Chromium works a campaign's calls through Janus, with SIPp answering as the called
// people: a preview (the contact offered, the list's fields on the case, the call placed on
// accepting) and a progressive call (placed by the dialer, put straight through: the case opens by
// itself). The audio connects both ways each time.
import { expect, test } from "../e2e/fixtures.ts";
import type { Factory, Person } from "../e2e/fixtures.ts";
import { readyAgent } from "../e2e/voice-setup.ts";
import { sipp } from "../support/phone/sipp.ts";
import { phoneLine } from "./phone-line.ts";

const unique = () => Math.random().toString(36).slice(2, 7);

/** A running campaign calling one number with a debt on file, worked by `agent`. */
async function campaign(
  factory: Factory,
  agent: Person,
  line: { did: string; outboundTrunkId: string | null },
  mode: "PREVIEW" | "PROGRESSIVE",
  phone: string,
) {
  const db = factory.db.prisma;
  const organizationId = factory.org.org.id;
  const queue = await db.queue.create({
    data: { organizationId, name: `Campaign ${unique()}`, channels: ["VOICE"], members: { create: [{ userId: agent.id }] } },
  });
  const list = await db.contactList.create({
    data: {
      organizationId,
      name: `Debtors ${unique()}`,
      status: "READY",
      fieldNames: ["debt", "due"],
      entries: { create: [{ row: 2, phone, name: "Konrad Kowalski", fields: { debt: "1 250,00 zł", due: "2026-12-20" } }] },
    },
    include: { entries: true },
  });
  return db.campaign.create({
    data: {
      organizationId,
      name: `Reminders ${unique()}`,
      queueId: queue.id,
      trunkId: line.outboundTrunkId,
      callerId: line.did,
      mode,
      amd: false,
      status: "RUNNING",
      startedAt: new Date(),
      lists: { create: [{ listId: list.id, enrolledAt: new Date() }] },
      contacts: { create: [{ entryId: list.entries[0].id, phone }] },
    },
  });
}

test("preview: the agent sees the contact, calls, hears the line and has the list's fields on the case", async ({ browser, factory }) => {
  test.setTimeout(120_000);
  const agent = await factory.user("AGENT", "Cora Campaign");
  const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
  const line = await phoneLine(browser, factory, [], { outboundTrunkPort: trunkSide.port });
  const c = await campaign(factory, agent, line, "PREVIEW", "+48601777001");
  const page = await readyAgent(browser, agent);

  const offer = page.getByTestId("offer");
  await expect(offer).toContainText("Campaign call", { timeout: 20_000 });
  await expect(offer).toContainText("Konrad Kowalski, +48601777001");
  await page.screenshot({ path: "test-results/campaign-preview-offer.png" });
  await page.getByTestId("accept-offer").click();
  await expect(page).toHaveURL(/\/agent\/cases\//);
  const panel = page.getByTestId("campaign-panel");
  await expect(panel).toContainText("1 250,00 zł");
  await expect(panel).toContainText("Konrad Kowalski");
  await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  await expect(panel.getByTestId("campaign-attempts")).toContainText("on now");
  await page.screenshot({ path: "test-results/campaign-preview-call.png", fullPage: true });
  await page.getByRole("button", { name: "Hang up" }).click();
  await expect(page.getByTestId("call-panel")).toHaveCount(0);
  expect(await trunkSide.done).toBe(0);
  await expect
    .poll(async () => (await factory.db.prisma.campaignContact.findFirstOrThrow({ where: { campaignId: c.id } })).done, { timeout: 15_000 })
    .toBe("REACHED");
  await expect(panel.getByTestId("campaign-attempts")).toContainText("reached", { timeout: 15_000 });
  line.close();
});

test("progressive: the dialer calls, the person answers and is put straight through; the case opens by itself", async ({ browser, factory }) => {
  test.setTimeout(120_000);
  const agent = await factory.user("AGENT", "Piotr Progressive");
  const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
  const line = await phoneLine(browser, factory, [], { outboundTrunkPort: trunkSide.port });
  const page = await readyAgent(browser, agent);
  await campaign(factory, agent, line, "PROGRESSIVE", "+48601777002");

  // No offer to click: the call arrives answered, and its case opens.
  await expect(page).toHaveURL(/\/agent\/cases\//, { timeout: 20_000 });
  await expect(page.getByTestId("call-panel")).toContainText("+48601777002");
  await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  await expect(page.getByTestId("campaign-panel")).toContainText("1 250,00 zł");
  await page.screenshot({ path: "test-results/campaign-progressive-call.png", fullPage: true });
  await page.getByRole("button", { name: "Hang up" }).click();
  await expect(page.getByTestId("call-panel")).toHaveCount(0);
  expect(await trunkSide.done).toBe(0);
  line.close();
});
