// A caller puts the call on hold from their telephone (a re-INVITE with a=sendonly) and takes it
// off again (a=sendrecv): the agent's softphone says so while it lasts, and the case's timeline
// keeps both steps. Chromium, the server's own Janus, SIPp as the caller.
import { expect, test } from "../e2e/fixtures.ts";
import { readyAgent } from "../e2e/voice-setup.ts";
import { sipp } from "../support/phone/sipp.ts";
import { phoneLine } from "./phone-line.ts";

test("the agent sees when the customer puts the call on hold from their phone, and when they come back", async ({ browser, factory }) => {
  test.setTimeout(90_000);
  const agent = await factory.user("AGENT", "Hana Hold");
  const line = await phoneLine(browser, factory, [agent]);
  const agentPage = await readyAgent(browser, agent);
  // On hold 8 s after we answer, back 8 s later, hangs up 3 s after that.
  const caller = sipp("caller-holds.xml", {
    target: line.target,
    keys: { caller: "+48601230041" },
    fill: { second: "sendrecv", hold_after: "8000", resume_after: "8000" },
    args: ["-s", line.did, "-d", "3000"],
  });
  await expect(agentPage.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage.getByTestId("call-panel")).toContainText("+48601230041");
  await expect(agentPage.getByTestId("customer-held")).toHaveText("Customer put the call on hold", { timeout: 15_000 });
  await expect(agentPage.getByTestId("event-customer_held")).toContainText("The customer put the call on hold");
  await agentPage.screenshot({ path: "test-results/phone-customer-hold.png" });
  await expect(agentPage.getByTestId("customer-held")).toHaveCount(0, { timeout: 15_000 });
  await expect(agentPage.getByTestId("event-customer_resumed")).toContainText("The customer took the call off hold");
  expect(await caller.done).toBe(0);
  line.close();
});
