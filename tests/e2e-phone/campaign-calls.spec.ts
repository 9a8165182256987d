// An agent in Chromium works a campaign's calls through Janus, with SIPp answering as the called
// people: a preview (the contact offered, the list's fields on the case, the call placed on
// accepting) and a progressive call (placed by the dialer, put straight through: the case opens by
// itself, and the agent follows the campaign's script: its condition, going back, and a result code
// that gives the call its disposition and so the contact its outcome). The audio connects both
// ways each time.
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
  callScriptId: string | null = null,
) {
  const db = factory.db.prisma;
  const organizationId = factory.org.org.id;
  const queue = await db.queue.create({
    data: { organizationId, name: `Campaign ${unique()}`, channels: ["VOICE"], callScriptId, members: { create: [{ userId: agent.id }] } },
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

/** A published script: a second question only for a "yes"; "no" ends it as "Refused". */
async function debtScript(factory: Factory) {
  const db = factory.db.prisma;
  const organizationId = factory.org.org.id;
  const refused = await db.dispositionCode.create({ data: { organizationId, name: `Refused ${unique()}`, kind: "FAILED" } });
  const definition = {
    questions: [
      {
        id: "minute",
        type: "choice",
        text: "{name}, do you have a minute about {debt}?",
        required: true,
        options: [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ],
        onLeave: [{ kind: "result", code: "REFUSED", when: { question: "minute", op: "eq", value: "no" } }],
      },
      {
        id: "amount",
        type: "number",
        text: "How much can you pay by {due}?",
        required: true,
        min: 0,
        showIf: { question: "minute", op: "eq", value: "yes" },
        onLeave: [{ kind: "result", code: "PROMISED" }],
      },
    ],
    resultCodes: [
      { code: "PROMISED", label: "Promised to pay" },
      { code: "REFUSED", label: "Refused to talk", dispositionId: refused.id },
    ],
  };
  const script = await db.callScript.create({
    data: {
      organizationId,
      name: `Debt ${unique()}`,
      versions: { create: [{ organizationId, number: 1, status: "PUBLISHED", definition, publishedAt: new Date() }] },
    },
    include: { versions: true },
  });
  return { script, version: script.versions[0], refused };
}

test("progressive: the dialer calls, the person is put straight through, the case opens and the agent follows the script", async ({ browser, factory }) => {
  test.setTimeout(120_000);
  const agent = await factory.user("AGENT", "Piotr Progressive");
  const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
  const line = await phoneLine(browser, factory, [], { outboundTrunkPort: trunkSide.port });
  const { script, version, refused } = await debtScript(factory);
  const page = await readyAgent(browser, agent);
  const c = await campaign(factory, agent, line, "PROGRESSIVE", "+48601777002", script.id);

  // No offer to click: the call arrives answered, and its case opens.
  await expect(page).toHaveURL(/\/agent\/cases\//, { timeout: 20_000 });
  await expect(page.getByTestId("call-panel")).toContainText("+48601777002");
  await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  await expect(page.getByTestId("campaign-panel")).toContainText("1 250,00 zł");

  // The script, with the list's fields in its text. "Yes" shows the second question.
  const panel = page.getByTestId("script-panel");
  await expect(panel).toContainText("Konrad Kowalski, do you have a minute about 1 250,00 zł?");
  await panel.getByRole("button", { name: "Next" }).click();
  await expect(panel.getByRole("alert")).toHaveText("An answer is required.");
  await panel.getByLabel("Yes", { exact: true }).check();
  await panel.getByRole("button", { name: "Next" }).click();
  await expect(panel).toContainText("How much can you pay by 2026-12-20?");
  await page.screenshot({ path: "test-results/campaign-progressive-call.png", fullPage: true });
  // The customer changes their mind: back, "no", and the script ends without the second question.
  await panel.getByRole("button", { name: "Back" }).click();
  await panel.getByLabel("No", { exact: true }).check();
  await panel.getByRole("button", { name: "Next" }).click();
  const summary = panel.getByTestId("script-summary");
  await expect(summary).toContainText("End of the script");
  await expect(summary).not.toContainText("How much");
  await expect(summary.getByLabel("Result")).toHaveValue("REFUSED");
  await summary.getByRole("button", { name: "Close with this result" }).click();
  await expect(summary).toContainText("Script closed");
  await expect(summary.getByTestId("script-result")).toHaveText("Result: Refused to talk");
  await page.screenshot({ path: "test-results/campaign-progressive-script.png", fullPage: true });

  await page.getByRole("button", { name: "Hang up" }).click();
  await expect(page.getByTestId("call-panel")).toHaveCount(0);
  expect(await trunkSide.done).toBe(0);
  // What was answered is kept; the result code's disposition ends the contact as failed, not reached.
  const db = factory.db.prisma;
  const attempt = await db.campaignAttempt.findFirstOrThrow({ where: { campaignId: c.id } });
  expect(await db.scriptAnswers.findFirstOrThrow({ where: { interactionId: attempt.interactionId!, scriptVersionId: version.id } })).toMatchObject({
    steps: [{ questionId: "minute", value: "no" }],
    resultCode: "REFUSED",
    completedAt: expect.any(Date),
  });
  await expect.poll(async () => (await db.campaignContact.findFirstOrThrow({ where: { campaignId: c.id } })).done, { timeout: 15_000 }).toBe("FAILED");
  expect(await db.campaignAttempt.findFirstOrThrow({ where: { campaignId: c.id } })).toMatchObject({ dispositionId: refused.id });
  line.close();
});
