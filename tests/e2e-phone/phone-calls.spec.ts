// Agents in Chromium on telephone calls through Janus, with SIPp as the telephone network: a call
// comes in and is answered in the browser (audio both ways: the caller's phone sends back what it
// hears, so the agent hears their own voice come back over the phone line); a supervisor barges
// in and the phone hears them; an agent dials out, sends keys, hangs up; the rules refuse a call;
// an agent consults an outside number, talks all three, and hands the caller over; and on µ-law
// (PCMU) lines, a caller and a number called hear the agent as well as on A-law ones.
import { expect, signIn, test } from "../e2e/fixtures.ts";
import { callStats as stats, heardFrom as from, readyAgent } from "../e2e/voice-setup.ts";
import { sipp } from "../support/phone/sipp.ts";
import { phoneLine } from "./phone-line.ts";

test("a phone call comes in, the agent answers in the browser, both hear each other; a barging supervisor is heard on the phone", async ({ browser, factory }) => {
  test.setTimeout(120_000);
  const agent = await factory.user("AGENT", "Pia Phone");
  const supervisor = await factory.user("SUPERVISOR", "Sam Super");
  await factory.team("Phones", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);
  const line = await phoneLine(browser, factory, [agent]);
  const agentPage = await readyAgent(browser, agent);

  const caller = sipp("caller-echo.xml", { target: line.target, keys: { caller: "+48601230001" }, args: ["-s", line.did, "-rtp_echo"] });
  await expect(agentPage.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage).toHaveURL(/\/agent\/cases\//);
  await expect(agentPage.getByTestId("call-panel")).toContainText("+48601230001");
  await expect(agentPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } }, include: { parties: true } });
  const phoneParty = call.parties.find((p) => p.phone)!.id;
  // The agent's voice went to the phone and came back from it.
  await expect.poll(() => from(agentPage, phoneParty), { timeout: 15_000 }).toBeGreaterThan(4000);
  await expect.poll(async () => (await stats(agentPage)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0.001);
  await agentPage.screenshot({ path: "test-results/phone-call-agent.png" });

  // Barge: the agent mutes; what comes back from the phone now is the supervisor's voice.
  const supPage = await (await browser.newContext()).newPage();
  await signIn(supPage, supervisor.username);
  await supPage.goto("/supervisor");
  const row = supPage.getByTestId("live-call");
  await expect(row).toContainText("+48601230001");
  await row.getByRole("button", { name: "Barge in" }).click();
  await expect(supPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  await agentPage.getByRole("button", { name: "Mute" }).click();
  await expect.poll(() => from(supPage, phoneParty), { timeout: 15_000 }).toBeGreaterThan(4000);
  await supPage.waitForTimeout(1000);
  await stats(supPage); // reset the peak meter
  await expect.poll(async () => (await stats(supPage)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0.001);
  await supPage.screenshot({ path: "test-results/phone-call-barge.png" });

  await agentPage.getByRole("button", { name: "Hang up" }).click();
  await expect(agentPage.getByTestId("call-panel")).toHaveCount(0);
  expect(await caller.done).toBe(0); // the caller got our BYE
  const ended = await factory.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } });
  expect(ended).toMatchObject({ state: "ENDED", endReason: "HANGUP" });
  line.close();
});

test("an agent calls a number, hears the network, sends keys and hangs up; the rules refuse a number abroad", async ({ browser, factory }) => {
  test.setTimeout(90_000);
  const agent = await factory.user("AGENT", "Otto Out");
  const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
  const line = await phoneLine(browser, factory, [agent], { outboundTrunkPort: trunkSide.port });
  const page = await readyAgent(browser, agent);

  // Abroad is not allowed by the organisation's default rules (Warsaw: +48 only).
  await page.getByTestId("call-menu").click();
  await page.getByRole("tab", { name: "Call a number" }).click();
  await page.getByRole("textbox", { name: "Number", exact: true }).fill("+44 20 7946 0000");
  await page.getByTestId("dialer").getByRole("button", { name: "Call" }).click();
  await expect(page.getByTestId("softphone").getByRole("alert")).toContainText("not allowed by your organisation's rules");

  await page.getByTestId("call-menu").click();
  await page.getByRole("tab", { name: "Call a number" }).click();
  await page.getByRole("textbox", { name: "Number", exact: true }).fill("+48 22 765 43 21");
  const outLine = await factory.db.prisma.sipTrunk.findUniqueOrThrow({ where: { id: line.outboundTrunkId! } });
  await page.getByLabel("Show my number as").selectOption({ label: `${line.did} · ${outLine.name}` });
  await page.getByTestId("dialer").getByRole("button", { name: "Call" }).click();
  await expect(page.getByTestId("call-panel")).toContainText("+48227654321");
  await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } }, include: { parties: true } });
  expect(call).toMatchObject({ trunkId: line.outboundTrunkId, localNumber: line.did, state: "ACTIVE" });
  const phoneParty = call.parties.find((p) => p.phone)!.id;
  // The echoing network sends the agent's own voice back.
  await expect.poll(() => from(page, phoneParty), { timeout: 15_000 }).toBeGreaterThan(4000);
  await expect.poll(async () => (await stats(page)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0.001);

  await page.getByRole("button", { name: "Keypad" }).click();
  await page.getByTestId("keypad").getByRole("button", { name: "5", exact: true }).click();
  await page.getByTestId("keypad").getByRole("button", { name: "#", exact: true }).click();
  await expect(page.getByTestId("keypad")).toContainText("5#");
  await page.screenshot({ path: "test-results/phone-call-out.png" });
  await expect
    .poll(async () => (await factory.db.prisma.interactionEvent.findMany({ where: { interactionId: call.interactionId!, type: "dtmf" } })).length)
    .toBe(2);

  await page.getByRole("button", { name: "Hang up" }).click();
  await expect(page.getByTestId("call-panel")).toHaveCount(0);
  expect(await trunkSide.done).toBe(0);
  line.close();
});

test("on µ-law (PCMU) lines: a caller whose phone offers PCMU hears the agent, and so does a number we call that answers PCMU", async ({ browser, factory }) => {
  test.setTimeout(120_000);
  const agent = await factory.user("AGENT", "Uma Ulaw");
  // The number answers PCMU though our offer puts PCMA first (the trunk's order).
  const trunkSide = sipp("trunk-answers.xml", { audio: { codecs: ["PCMU"] }, args: ["-rtp_echo"] });
  const line = await phoneLine(browser, factory, [agent], { outboundTrunkPort: trunkSide.port, outboundCodecs: ["PCMA", "PCMU"] });
  const page = await readyAgent(browser, agent);

  const caller = sipp("caller-echo.xml", { target: line.target, keys: { caller: "+48601230004" }, audio: { codecs: ["PCMU", "PCMA"] }, args: ["-s", line.did, "-rtp_echo"] });
  await expect(page.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
  await page.getByTestId("accept-offer").click();
  await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { remoteNumber: "+48601230004" }, include: { parties: true } });
  // The phone sends back what it hears: the agent's voice, which it got as µ-law.
  await expect.poll(() => from(page, call.parties.find((p) => p.phone)!.id), { timeout: 15_000 }).toBeGreaterThan(4000);
  await expect.poll(async () => (await stats(page)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0.001);
  await page.getByRole("button", { name: "Hang up" }).click();
  await expect(page.getByTestId("call-panel")).toHaveCount(0);
  expect(await caller.done).toBe(0);
  expect(caller.messages()).toMatch(/SIP\/2\.0 200 OK[\s\S]*m=audio \d+ RTP\/AVP 0 101/);

  await page.getByTestId("call-menu").click();
  await page.getByRole("tab", { name: "Call a number" }).click();
  await page.getByRole("textbox", { name: "Number", exact: true }).fill("+48 22 765 43 29");
  const outLine = await factory.db.prisma.sipTrunk.findUniqueOrThrow({ where: { id: line.outboundTrunkId! } });
  await page.getByLabel("Show my number as").selectOption({ label: `${line.did} · ${outLine.name}` });
  await page.getByTestId("dialer").getByRole("button", { name: "Call" }).click();
  await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  const out = await factory.db.prisma.call.findFirstOrThrow({ where: { remoteNumber: "+48227654329" }, include: { parties: true } });
  await expect.poll(() => from(page, out.parties.find((p) => p.phone)!.id), { timeout: 15_000 }).toBeGreaterThan(4000);
  await expect.poll(async () => (await stats(page)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0.001);
  await page.getByRole("button", { name: "Hang up" }).click();
  await expect(page.getByTestId("call-panel")).toHaveCount(0);
  expect(await trunkSide.done).toBe(0);
  line.close();
});

test("an agent passes a phone call to a colleague at once, who hears the caller and sees the keys they press (RFC 2833 and SIP INFO)", async ({ browser, factory }) => {
  test.setTimeout(120_000);
  const first = await factory.user("AGENT", "Fay First");
  const second = await factory.user("AGENT", "Sol Second");
  const line = await phoneLine(browser, factory, [first]);
  const firstPage = await readyAgent(browser, first);
  const secondPage = await readyAgent(browser, second);

  // Speech for ~7 s, then keys 1 5 9 # (RFC 2833) and 7 (INFO), then on the line for 40 s more.
  const caller = sipp("caller.xml", { target: line.target, keys: { caller: "+48601230002" }, args: ["-s", line.did, "-d", "40000"] });
  await expect(firstPage.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
  await firstPage.getByTestId("accept-offer").click();
  // A blind transfer straight away, while the caller is still speaking.
  await firstPage.getByTestId("softphone").getByRole("button", { name: "Transfer", exact: true }).click();
  const dialog = firstPage.getByRole("dialog");
  await dialog.getByRole("radio", { name: "Sol Second" }).check();
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await secondPage.getByTestId("accept-offer").click();
  await expect(secondPage.getByTestId("call-panel")).toContainText("+48601230002");
  await expect(firstPage.getByTestId("call-panel")).toHaveCount(0);
  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: second.id } } }, include: { parties: true } });
  const phoneParty = call.parties.find((p) => p.phone)!.id;
  await expect.poll(() => from(secondPage, phoneParty), { timeout: 15_000 }).toBeGreaterThan(2000);
  for (const key of ["1", "5", "9", "#", "7"]) await expect(secondPage.getByText(`The caller pressed ${key}`)).toBeVisible({ timeout: 20_000 });
  await secondPage.screenshot({ path: "test-results/phone-call-keys.png" });
  await secondPage.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(async () => (await factory.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).endReason).toBe("HANGUP");
  caller.stop(); // its scenario expected to hang up itself
  line.close();
});

test("an agent consults an outside number while the caller waits, talks all three, hands the caller over and leaves", async ({ browser, factory }) => {
  test.setTimeout(120_000);
  const agent = await factory.user("AGENT", "Cora Consult");
  const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
  const line = await phoneLine(browser, factory, [agent], { outboundTrunkPort: trunkSide.port });
  const page = await readyAgent(browser, agent);
  // The caller stays 30 s after the answer, then hangs up.
  const caller = sipp("caller-talks.xml", { target: line.target, keys: { caller: "+48601230003" }, args: ["-s", line.did, "-d", "30000", "-rtp_echo"] });
  await expect(page.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
  await page.getByTestId("accept-offer").click();
  await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });

  await page.getByTestId("softphone").getByRole("button", { name: "Outside number" }).click();
  const form = page.getByTestId("outside-number");
  await form.getByRole("textbox").fill("+48 22 700 00 03");
  const outLine = await factory.db.prisma.sipTrunk.findUniqueOrThrow({ where: { id: line.outboundTrunkId! } });
  await form.getByLabel("Show my number as").selectOption({ label: `${line.did} · ${outLine.name}` });
  await form.getByRole("button", { name: "Consult first" }).click();
  const panel = page.getByTestId("consult-panel");
  await expect(panel).toContainText("+48227000003");
  await expect(panel).toHaveAttribute("data-state", "talking", { timeout: 20_000 });
  // The consulted number hears the agent (its phone sends the agent's voice back).
  const expert = await factory.db.prisma.callParty.findFirstOrThrow({ where: { phone: "+48227000003" } });
  await expect.poll(() => from(page, expert.id), { timeout: 15_000 }).toBeGreaterThan(4000);
  await page.screenshot({ path: "test-results/phone-consult-number.png" });

  await panel.getByRole("button", { name: "Three-way" }).click();
  await expect(panel).toContainText("all three talking");
  await panel.getByRole("button", { name: "Complete transfer" }).click();
  await expect(page.getByTestId("call-panel")).toHaveCount(0);
  await expect(page.getByText(`Cora Consult handed the call to +48227000003 and left`)).toBeVisible();
  await page.screenshot({ path: "test-results/phone-consult-handed-over.png" });
  const call = await factory.db.prisma.call.findUniqueOrThrow({ where: { id: expert.callId } });
  expect(call.state).toBe("ACTIVE"); // the caller and the number talk on

  expect(await caller.done).toBe(0);
  expect(await trunkSide.done).toBe(0); // the caller hung up, and the number got our BYE
  await expect.poll(async () => (await factory.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).endReason).toBe("HANGUP");
  line.close();
});
