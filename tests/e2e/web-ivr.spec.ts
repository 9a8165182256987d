// A web caller meets the widget's IVR flow: the prompt is spoken into their browser through the
// call's media (espeak-ng → Opus → the room's prompt producer), the widget shows a keypad, the
// key they press takes them to the flow's queue, and the agent answers as for any web call; a
// voicemail step records the browser's microphone and keeps it on the case as a WAV file.
import { publishedFlow } from "../support/ivr-flows.ts";
import { chatQueue } from "./chat-setup.ts";
import { type Factory, type Person, expect, test } from "./fixtures.ts";
import { callFromWidget, heardFrom, readyAgent } from "./voice-setup.ts";

/** A widget for calls whose callers meet `nodes` (a published flow; `queue` is its queue's id). */
async function widgetWithFlow(factory: Factory, agent: Person, name: string, nodes: (queueId: string) => Record<string, object>) {
  const db = factory.db.prisma;
  const { queue, widget } = await chatQueue(factory, [agent], { name, widget: { calls: true } });
  await db.queue.update({ where: { id: queue.id }, data: { channels: ["CHAT", "VOICE"] } });
  const definition = { language: "en", start: "main", nodes: nodes(queue.id) };
  const ivrFlowId = await publishedFlow(db, factory.org.org.id, `${name} flow`, definition);
  await db.entryPoint.update({ where: { id: widget.id }, data: { ivrFlowId } });
  return widget;
}

test("a web caller hears the widget's menu, presses 1 on the keypad and reaches the agent", async ({ browser, factory }) => {
  const db = factory.db.prisma;
  const agent = await factory.user("AGENT", "Ivy Menu");
  const widget = await widgetWithFlow(factory, agent, "Menu desk", (queueId) => ({
    main: { type: "menu", prompt: { text: { en: "For sales, press one." } }, options: { "1": "sales" }, timeoutSeconds: 20, retries: 1, onFail: "sales" },
    sales: { type: "queue", queueId },
  }));

  const agentPage = await readyAgent(browser, agent);
  const visitor = await callFromWidget(browser, widget.key, "Walter Web", "walter@example.com");
  await expect(visitor.getByTestId("call-status")).toContainText("Choose an option on the keypad");
  await expect(visitor.getByTestId("call-keypad")).toBeVisible();
  // The prompt's audio reaches the browser (a few seconds of speech; Opus at ~24 kbit/s).
  await expect.poll(() => heardFrom(visitor, "prompt"), { timeout: 20_000 }).toBeGreaterThan(3000);
  await visitor.screenshot({ path: "test-results/web-ivr-keypad.png" });
  // Nobody is offered the call while the caller is in the menu.
  await expect(agentPage.getByTestId("accept-offer")).toHaveCount(0);

  await visitor.getByTestId("call-keypad").getByRole("button", { name: "1", exact: true }).click();
  await expect(visitor.getByTestId("call-keypad")).toHaveCount(0);
  await expect(visitor.getByTestId("call-status")).toContainText("waiting for an agent");
  await agentPage.getByTestId("accept-offer").click();
  await expect(visitor.getByTestId("call-status")).toContainText("Talking with Ivy");

  const call = await db.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } } });
  const steps = await db.interactionEvent.findMany({ where: { interactionId: call.interactionId!, type: "ivr" }, orderBy: { at: "asc" } });
  expect(steps.map((s) => s.data)).toEqual(expect.arrayContaining([expect.objectContaining({ node: "main", what: "chose", value: "1" })]));
  expect(call.ivr).toBe(false);
  await visitor.getByRole("button", { name: "Hang up" }).click();
  await expect(visitor.getByTestId("call-status")).toContainText("The call has ended");
});

test("a web caller leaves a voicemail from the widget's menu; it is kept on the case as a WAV file", async ({ browser, factory }) => {
  const db = factory.db.prisma;
  const agent = await factory.user("AGENT", "Val Mail");
  const widget = await widgetWithFlow(factory, agent, "Mail desk", () => ({
    main: { type: "menu", prompt: { text: { en: "To leave a message, press two." } }, options: { "2": "vm" }, timeoutSeconds: 20, onFail: "vm" },
    vm: { type: "voicemail", prompt: { text: { en: "After the tone." } }, maxSeconds: 30 },
  }));

  const visitor = await callFromWidget(browser, widget.key, "Mia Message", "mia@example.com");
  const keypad = visitor.getByTestId("call-keypad");
  await expect(keypad).toBeVisible();
  await keypad.getByRole("button", { name: "2", exact: true }).click();
  const found = await db.call.findFirstOrThrow({ where: { parties: { some: { visitor: { name: "Mia Message" } } } } });
  await expect.poll(async () => (await db.interactionEvent.count({ where: { interactionId: found.interactionId!, type: "voicemail_started" } })), { timeout: 15_000 }).toBe(1);
  // The widget says it is recording, and keeps the keypad for the #.
  await expect(visitor.getByTestId("call-status")).toContainText("Recording your message");
  await visitor.screenshot({ path: "test-results/web-ivr-voicemail.png" });
  // Chromium's fake microphone speaks for a few seconds; # ends the message.
  await visitor.waitForTimeout(3000);
  await keypad.getByRole("button", { name: "#", exact: true }).click();
  await expect(visitor.getByText("Thank you, your message has reached us")).toBeVisible({ timeout: 15_000 });
  await expect(visitor.getByRole("banner")).toContainText("The call has ended");
  const interaction = await db.interaction.findUniqueOrThrow({ where: { id: found.interactionId! }, include: { messages: { include: { attachments: true } } } });
  expect(interaction.state).toBe("LEFT_MESSAGE");
  const [file] = interaction.messages[0].attachments;
  expect(file).toMatchObject({ contentType: "audio/wav" });
  // About three seconds of 16-bit PCM at 8 kHz.
  expect(file.size).toBeGreaterThan(30_000);
});

test("a web caller a full queue cannot take hears why and leaves a voicemail instead", async ({ browser, factory }) => {
  const db = factory.db.prisma;
  const agent = await factory.user("AGENT", "Flo Full");
  const { queue, widget } = await chatQueue(factory, [agent], { name: "Full desk", widget: { calls: true } });
  await db.queue.update({ where: { id: queue.id }, data: { channels: ["CHAT", "VOICE"], maxQueueLength: 0, overflowAction: "VOICEMAIL" } });
  await readyAgent(browser, agent);

  const visitor = await callFromWidget(browser, widget.key, "Fred Full", "fred@example.com");
  // The standard words ("all our consultants are busy…"), the tone, then the recording.
  await expect(visitor.getByTestId("call-status")).toContainText("Recording your message", { timeout: 30_000 });
  expect(await heardFrom(visitor, "prompt")).toBeGreaterThan(3000);
  await visitor.waitForTimeout(2000);
  await visitor.getByTestId("call-keypad").getByRole("button", { name: "#", exact: true }).click();
  await expect(visitor.getByText("Thank you, your message has reached us")).toBeVisible({ timeout: 15_000 });

  const call = await db.call.findFirstOrThrow({ where: { parties: { some: { visitor: { name: "Fred Full" } } } } });
  const interaction = await db.interaction.findUniqueOrThrow({ where: { id: call.interactionId! }, include: { messages: { include: { attachments: true } }, events: true } });
  expect(interaction.state).toBe("LEFT_MESSAGE");
  expect(interaction.messages[0].attachments[0]).toMatchObject({ contentType: "audio/wav" });
  expect(interaction.events.find((e) => e.type === "overflowed")?.data).toEqual({ reason: "MAX_LENGTH", to: "VOICEMAIL" });
});

test("a web caller who waited the queue's longest is offered a message instead of waiting on", async ({ browser, factory }) => {
  const db = factory.db.prisma;
  const agent = await factory.user("AGENT", "Sam Slow");
  const { queue, widget } = await chatQueue(factory, [agent], { name: "Slow desk", widget: { calls: true } });
  await db.queue.update({ where: { id: queue.id }, data: { channels: ["CHAT", "VOICE"], maxWaitSeconds: 10, overflowAction: "CALLBACK" } });
  // Staffed, but busy: the caller waits.
  await db.agentPresence.upsert({
    where: { userId: agent.id },
    create: { userId: agent.id, organizationId: factory.org.org.id, state: "WRAP_UP", wrapUpUntil: new Date(Date.now() + 600_000) },
    update: { state: "WRAP_UP", wrapUpUntil: new Date(Date.now() + 600_000) },
  });

  const visitor = await callFromWidget(browser, widget.key, "Wendy Wait", "wendy@example.com");
  await expect(visitor.getByTestId("call-status")).toContainText("waiting for an agent");
  // After ten seconds: the offer (no number given in the widget, so no call-back: 2 for a message).
  await expect(visitor.getByTestId("call-status")).toContainText("Choose an option on the keypad", { timeout: 20_000 });
  await expect.poll(() => heardFrom(visitor, "prompt"), { timeout: 20_000 }).toBeGreaterThan(3000);
  await visitor.getByTestId("call-keypad").getByRole("button", { name: "2", exact: true }).click();
  await expect(visitor.getByTestId("call-status")).toContainText("Recording your message", { timeout: 20_000 });
  await visitor.waitForTimeout(1500);
  await visitor.getByTestId("call-keypad").getByRole("button", { name: "#", exact: true }).click();
  await expect(visitor.getByText("Thank you, your message has reached us")).toBeVisible({ timeout: 15_000 });

  const call = await db.call.findFirstOrThrow({ where: { parties: { some: { visitor: { name: "Wendy Wait" } } } } });
  const events = await db.interactionEvent.findMany({ where: { interactionId: call.interactionId! }, orderBy: { at: "asc" } });
  expect(events.find((e) => e.type === "overflowed")?.data).toEqual({ reason: "MAX_WAIT", to: "CALLBACK" });
  expect(events.filter((e) => e.type === "ivr").map((e) => e.data)).toEqual(expect.arrayContaining([expect.objectContaining({ node: "offer", what: "chose", value: "2" })]));
});
