// A web call transferred to a colleague: the first agent stays on the call until the colleague
// accepts (the caller never waits in silence), then the colleague has the call and its audio.
import { chatQueue } from "./chat-setup.ts";
import { expect, test } from "./fixtures.ts";
import { callFromWidget, callStats as stats, readyAgent } from "./voice-setup.ts";

test("an agent transfers a call to a colleague, who takes it with the note and hears the caller", async ({ browser, factory }) => {
  const first = await factory.user("AGENT", "Fiona First");
  const second = await factory.user("AGENT", "Simon Second");
  const { queue, widget } = await chatQueue(factory, [first], { name: "Transfer line", widget: { calls: true } });
  await factory.db.prisma.queue.update({ where: { id: queue.id }, data: { channels: ["VOICE"] } });

  const firstPage = await readyAgent(browser, first);
  const secondPage = await readyAgent(browser, second);
  const visitor = await callFromWidget(browser, widget.key, "Tom Transfer", "tom@example.com");
  await firstPage.getByTestId("accept-offer").click();
  await expect(firstPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });

  await firstPage.getByTestId("softphone").getByRole("button", { name: "Transfer" }).click();
  const dialog = firstPage.getByRole("dialog");
  await dialog.getByRole("radio", { name: "Simon Second" }).check();
  await dialog.getByLabel("Note for them").fill("Billing question, already verified");
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await expect(firstPage.getByText("Waiting for someone to take the transfer")).toBeVisible();
  await expect(firstPage.getByTestId("call-panel")).toContainText("Tom Transfer"); // still on the call

  await expect(secondPage.getByTestId("offer")).toContainText("Billing question, already verified");
  await secondPage.getByTestId("accept-offer").click();
  await expect(secondPage.getByTestId("call-panel")).toContainText("Tom Transfer");
  await expect(secondPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  await expect(firstPage.getByTestId("call-panel")).toHaveCount(0);
  await expect.poll(async () => (await stats(secondPage)).bytesReceived, { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await stats(visitor)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0);

  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: second.id } } }, include: { parties: true } });
  expect(call.state).toBe("ACTIVE");
  expect(call.parties.find((p) => p.userId === first.id)?.leftAt).not.toBeNull();
  const events = await factory.db.prisma.interactionEvent.findMany({ where: { interactionId: call.interactionId! }, orderBy: { at: "asc" } });
  expect(events.map((e) => e.type)).toContain("transferred");
});
