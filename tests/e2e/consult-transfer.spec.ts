// Consult-then-transfer from the softphone, and the wrap-up after the call: the caller hears music
// while the two agents talk, then hears the colleague; the colleague's wrap-up holds the next offer
// until they say how the call ended.
import { chatQueue } from "./chat-setup.ts";
import { expect, test } from "./fixtures.ts";
import { callFromWidget, callStats as stats, heardFrom as from, readyAgent } from "./voice-setup.ts";

test("an agent consults a colleague with the caller on hold, hands the call over, and the colleague wraps up", async ({ browser, factory }) => {
  test.setTimeout(150_000); // three browsers, audio checked at every step
  const first = await factory.user("AGENT", "Fiona First");
  const second = await factory.user("AGENT", "Simon Second");
  const { queue, widget } = await chatQueue(factory, [first], { name: "Consult line", widget: { calls: true } });
  await factory.db.prisma.queue.update({ where: { id: queue.id }, data: { channels: ["VOICE"], requireDisposition: true } });
  await factory.db.prisma.dispositionCode.create({ data: { organizationId: queue.organizationId, name: "Resolved on the call" } });

  const firstPage = await readyAgent(browser, first);
  const secondPage = await readyAgent(browser, second);
  const visitor = await callFromWidget(browser, widget.key, "Carla Consult", "carla@example.com");
  await firstPage.getByTestId("accept-offer").click();
  await expect(firstPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });

  const softphone = firstPage.getByTestId("softphone");
  await softphone.getByRole("button", { name: "Consult" }).click();
  await softphone.getByRole("button", { name: /Simon Second/ }).click();
  await expect(softphone.getByTestId("consult-panel")).toHaveAttribute("data-state", "ringing");
  await expect(secondPage.getByTestId("call-panel")).toContainText("A colleague asks to consult");
  await secondPage.getByTestId("call-panel").getByRole("button", { name: "Answer" }).click();
  await expect(softphone.getByTestId("consult-panel")).toHaveAttribute("data-state", "talking");
  await expect(secondPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });

  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: first.id } } }, include: { parties: true } });
  const party = (userId: string) => call.parties.find((p) => p.userId === userId)!.id;
  const secondParty = await factory.db.prisma.callParty.findFirstOrThrow({ where: { callId: call.id, userId: second.id } });
  // The caller hears music and not the colleague; the agents hear each other.
  await expect.poll(() => from(visitor, "music"), { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(() => from(secondPage, party(first.id)), { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(() => from(firstPage, secondParty.id), { timeout: 15_000 }).toBeGreaterThan(2000);
  expect(await from(visitor, secondParty.id)).toBe(0);
  await firstPage.screenshot({ path: "test-results/consult.png" });

  await softphone.getByRole("button", { name: "Complete transfer" }).click();
  await expect(firstPage.getByTestId("call-panel")).toHaveCount(0);
  await expect(secondPage.getByTestId("call-panel")).toContainText("On a call");
  await expect.poll(() => from(visitor, secondParty.id), { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await stats(visitor)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0);

  // The colleague ends the call and wraps up: no next offer until the disposition is given.
  await secondPage.getByTestId("call-panel").getByRole("button", { name: "Hang up" }).click();
  const wrap = secondPage.getByTestId("wrap-up");
  await expect(wrap).toContainText("Choose how the call ended");
  await expect(secondPage.getByTestId("my-state")).toContainText("Wrap-up");
  await expect(wrap.getByRole("button", { name: "Done — ready for calls" })).toBeDisabled();
  await wrap.getByLabel("How did it end?").selectOption({ label: "Resolved on the call" });
  await wrap.getByLabel("Note (optional)").fill("Refund confirmed");
  await secondPage.screenshot({ path: "test-results/wrap-up.png" });
  await wrap.getByRole("button", { name: "Done — ready for calls" }).click();
  await expect(secondPage.getByTestId("my-state")).toContainText("Ready");
  await expect(wrap).toHaveCount(0);
  const interaction = await factory.db.prisma.interaction.findUniqueOrThrow({ where: { id: call.interactionId! }, include: { dispositionCode: true } });
  expect(interaction).toMatchObject({ agentId: second.id, dispositionNote: "Refund confirmed" });
  expect(interaction.dispositionCode?.name).toBe("Resolved on the call");
});
