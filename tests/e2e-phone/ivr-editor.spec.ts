// An administrator builds a two-level IVR menu in the visual editor (no JSON), publishes it and
// puts it on a number; a caller (SIPp) presses 2, then 1, and reaches the agent, whose case shows
// the path the caller took.
import { expect, signIn, test } from "../e2e/fixtures.ts";
import { readyAgent } from "../e2e/voice-setup.ts";
import { ivrCaller } from "../support/phone/ivr-caller.ts";
import { phoneLine } from "./phone-line.ts";

test("an admin builds a two-level menu, publishes it on a number, and a caller follows it to an agent", async ({ browser, factory }) => {
  test.setTimeout(150_000);
  const agent = await factory.user("AGENT", "Ivo Ivr");
  const line = await phoneLine(browser, factory, [agent]);
  const admin = await factory.user("ADMIN", "Ada Menu");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, admin.username);
  await page.goto("/admin/telephony/ivr");
  await page.getByRole("button", { name: "New IVR flow" }).click();
  await page.getByLabel("Name", { exact: true }).fill(`Hotline menu ${line.did}`);

  // First level: the starter menu's key 1 goes to a queue; key 2 leads to a second menu.
  const first = page.getByTestId("step-menu-1");
  await first.getByLabel("What callers hear in English").first().fill("Sales: one. Support: two.");
  await first.getByRole("button", { name: "Add a key" }).last().click();
  await first.getByLabel("Where key:2 of menu-1 leads").selectOption({ label: "+ Menu (choose with a key)" });
  const second = page.getByTestId("step-menu-2");
  await second.getByLabel("What callers hear in English").first().fill("Your invoices: one.");
  await second.getByRole("button", { name: "Add a key" }).last().click();
  const target = second.getByTestId("branch-menu-2-key:1");
  const queueStep = target.locator("[data-testid^=step-queue-]").first();
  await queueStep.getByLabel("Queue", { exact: true }).selectOption({ label: line.queue.name });
  await page.screenshot({ path: "test-results/ivr-editor.png", fullPage: true });

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("ivr-status")).toContainText("Not published");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("ivr-status")).toContainText("version 1");

  await page.goto("/admin/telephony/numbers");
  await page.getByTestId(`number-${line.did}`).getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("IVR flow").selectOption({ label: `Hotline menu ${line.did}` });
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId(`number-${line.did}`)).toContainText("Hotline menu");

  const agentPage = await readyAgent(browser, agent);
  const caller = ivrCaller(line.target, line.did, "+48601230009", [{ pause: 1500 }, { rfc2833: "2" }, { pause: 1500 }, { info: "1" }], { hangUpAfterMs: 20_000 });
  await expect(agentPage.getByTestId("offer")).toBeVisible({ timeout: 30_000 });
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage.getByText("IVR · menu-1: chose 2")).toBeVisible();
  await expect(agentPage.getByText("IVR · menu-2: chose 1")).toBeVisible();
  await agentPage.screenshot({ path: "test-results/ivr-case.png" });
  expect(await caller.done).toBe(0);
  line.close();
});
