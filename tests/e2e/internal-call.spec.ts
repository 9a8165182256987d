// Two agents talk in their browsers through the media service (mediasoup): the call rings, is
// answered, audio flows both ways (Chromium's fake microphone), mute stops it, and either side
// hangs up for both.
import { expect, signIn, test } from "./fixtures.ts";
import { callStats as stats, playing, readyAgent } from "./voice-setup.ts";

test("an agent calls a colleague, who answers; both hear each other; mute and hang up work", async ({ browser, factory }) => {
  const alice = await factory.user("AGENT", "Alice Caller");
  const bob = await factory.user("AGENT", "Bob Callee");
  const bobPage = await readyAgent(browser, bob);
  const alicePage = await (await browser.newContext()).newPage();
  await signIn(alicePage, alice.username);

  await alicePage.getByTestId("call-menu").click();
  await alicePage.getByRole("button", { name: /Bob Callee/ }).click();
  await expect(alicePage.getByTestId("call-panel")).toContainText("Calling…");
  const ringing = bobPage.getByRole("alertdialog", { name: "Call" });
  await expect(ringing).toContainText("Incoming call");
  await expect(ringing).toContainText("Alice Caller");
  await ringing.getByRole("button", { name: "Answer" }).click();

  for (const page of [alicePage, bobPage]) await expect(page.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  // Audio both ways: bytes arrive and the fake microphone's tone is audible on each side.
  await expect.poll(async () => (await stats(alicePage)).bytesReceived, { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await stats(bobPage)).bytesReceived, { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await stats(alicePage)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await stats(bobPage)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await playing(alicePage)).toBe(true);
  expect(await playing(bobPage)).toBe(true);
  await alicePage.screenshot({ path: "test-results/internal-call.png" });

  // Muted, Alice sends nothing more.
  await alicePage.getByRole("button", { name: "Mute" }).click();
  await expect(alicePage.getByRole("button", { name: "Unmute" })).toBeVisible();
  await alicePage.waitForTimeout(500);
  const before = (await stats(alicePage)).bytesSent;
  await alicePage.waitForTimeout(1500);
  expect((await stats(alicePage)).bytesSent - before).toBeLessThan(1000);

  await bobPage.getByRole("button", { name: "Hang up" }).click();
  await expect(alicePage.getByTestId("call-panel")).toHaveCount(0);
  await expect(bobPage.getByTestId("call-panel")).toHaveCount(0);
  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: alice.id } } } });
  expect(call).toMatchObject({ state: "ENDED", endReason: "HANGUP", endedById: bob.id });
});
