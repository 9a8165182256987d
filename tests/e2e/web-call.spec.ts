// "Call us": a visitor calls from the widget, the ACD offers the call to a Ready agent, the agent
// accepts (the case opens), both hear each other through the media service, and the visitor hangs
// up — the call, the conversation and the agent's seat all end.
import { chatQueue } from "./chat-setup.ts";
import { expect, test } from "./fixtures.ts";
import { callFromWidget, callStats as stats, heardFrom as from, playing, readyAgent } from "./voice-setup.ts";

test("a visitor calls from the widget; the agent answers the offered call and both hear each other", async ({ browser, factory }) => {
  const agent = await factory.user("AGENT", "Vic Voice");
  const { queue, widget } = await chatQueue(factory, [agent], { name: "Phone desk", widget: { calls: true } });
  await factory.db.prisma.queue.update({ where: { id: queue.id }, data: { channels: ["CHAT", "VOICE"] } });

  const agentPage = await readyAgent(browser, agent);

  const visitor = await callFromWidget(browser, widget.key, "Carla Caller", "carla@example.com");
  await expect(visitor.getByTestId("visitor-call")).toHaveAttribute("data-state", "RINGING");
  await expect(visitor.getByTestId("call-status")).toContainText("waiting for an agent");

  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage).toHaveURL(/\/agent\/cases\//);
  await expect(agentPage.getByTestId("call-panel")).toContainText("Carla Caller");
  await expect(visitor.getByTestId("call-status")).toContainText("Talking with Vic");
  await expect(agentPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });

  await expect.poll(async () => (await stats(visitor)).bytesReceived, { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await stats(agentPage)).bytesReceived, { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await stats(visitor)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await stats(agentPage)).audioLevel, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await playing(visitor)).toBe(true);
  expect(await playing(agentPage)).toBe(true);
  await visitor.screenshot({ path: "test-results/web-call-visitor.png" });
  await agentPage.screenshot({ path: "test-results/web-call-agent.png" });
  if (process.env.E2E_SPLIT_MEDIA === "1") {
    // Through a web node, the call's media is the media node's (global-setup.ts); hold and hang-up
    // below reach it as call events across the processes.
    const carried = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } } });
    expect(carried.mediaNodeId).toBeTruthy();
  }

  // Hold: the caller hears music and nothing of the agent; the agent hears nothing of the caller.
  const live = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } }, include: { parties: true } });
  const callerParty = live.parties.find((p) => p.role === "CALLER")!.id;
  const agentParty = live.parties.find((p) => p.role === "CALLEE")!.id;
  await agentPage.getByRole("button", { name: "Hold" }).click();
  await expect(visitor.getByTestId("call-status")).toContainText("You are on hold");
  await expect.poll(() => from(visitor, "music"), { timeout: 15_000 }).toBeGreaterThan(2000);
  await visitor.waitForTimeout(500);
  const [heardAgent, heardCaller] = [await from(visitor, agentParty), await from(agentPage, callerParty)];
  await visitor.waitForTimeout(1500);
  expect((await from(visitor, agentParty)) - heardAgent).toBeLessThan(300);
  expect((await from(agentPage, callerParty)) - heardCaller).toBeLessThan(300);
  await agentPage.getByRole("button", { name: "Resume" }).click();
  await expect(visitor.getByTestId("call-status")).toContainText("Talking with Vic");
  const resumed = await from(visitor, agentParty);
  await expect.poll(() => from(visitor, agentParty), { timeout: 10_000 }).toBeGreaterThan(resumed + 2000);
  const events = await factory.db.prisma.interactionEvent.findMany({ where: { interactionId: live.interactionId! }, orderBy: { at: "asc" } });
  expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["held", "resumed"]));

  await visitor.getByRole("button", { name: "Hang up" }).click();
  await expect(visitor.getByTestId("call-status")).toContainText("The call has ended");
  await expect(agentPage.getByTestId("call-panel")).toHaveCount(0);
  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } }, include: { parties: true } });
  expect(call).toMatchObject({ state: "ENDED", endReason: "HANGUP", endedById: null });
  const interaction = await factory.db.prisma.interaction.findUniqueOrThrow({ where: { id: call.interactionId! } });
  expect(interaction).toMatchObject({ channel: "VOICE", state: "ENDED", endedBy: "CONTACT", agentId: agent.id });
});
