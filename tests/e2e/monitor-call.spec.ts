// A supervisor on an agent's call with a web visitor: listening hears both sides (and nobody hears
// the supervisor); whispering reaches the agent only; the board lists the call live; it is audited;
// taking the call over leaves the supervisor talking with the caller and the agent free.
import { chatQueue } from "./chat-setup.ts";
import { expect, signIn, test } from "./fixtures.ts";
import { callFromWidget, heardFrom as from, readyAgent } from "./voice-setup.ts";

test("a supervisor listens to a call, whispers to the agent without the caller hearing, then takes it over", async ({ browser, factory }) => {
  // Three browsers on one call: 43 s on a quiet 2-core machine, past 60 s under CI's load.
  test.setTimeout(120_000);
  const agent = await factory.user("AGENT", "Ada Agent");
  const supervisor = await factory.user("SUPERVISOR", "Sid Super");
  await factory.team("Phones", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);
  const { queue, widget } = await chatQueue(factory, [agent], { name: "Calls", widget: { calls: true } });
  await factory.db.prisma.queue.update({ where: { id: queue.id }, data: { channels: ["VOICE"] } });

  const agentPage = await readyAgent(browser, agent);
  const visitor = await callFromWidget(browser, widget.key, "Cora Customer", "cora@example.com");
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });

  const supPage = await (await browser.newContext()).newPage();
  await signIn(supPage, supervisor.username);
  await supPage.goto("/supervisor");
  const row = supPage.getByTestId("live-call");
  await expect(row).toContainText("Cora Customer ↔ Ada Agent");
  await expect(supPage.getByTestId("live-call-queue")).toContainText("Calls · 1"); // grouped by queue
  await row.getByRole("button", { name: "Listen" }).click();
  await expect(supPage.getByTestId("call-panel")).toContainText("Listening in");
  await expect(supPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });

  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } }, include: { parties: true } });
  const party = (role: string) => call.parties.find((p) => p.role === role)!.id;
  const sup = () => factory.db.prisma.callParty.findFirstOrThrow({ where: { callId: call.id, userId: supervisor.id } }).then((p) => p.id);
  // Listening: the supervisor receives both sides; the agent and caller receive nothing from them.
  await expect.poll(() => from(supPage, party("CALLER")), { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(() => from(supPage, party("CALLEE")), { timeout: 15_000 }).toBeGreaterThan(2000);
  const supId = await sup();
  expect(await from(agentPage, supId)).toBe(0);
  expect(await from(visitor, supId)).toBe(0);

  // Whispering: the agent hears the supervisor, the caller still does not.
  await row.getByRole("button", { name: "Whisper" }).click();
  await expect(supPage.getByTestId("call-panel")).toContainText("Whispering to the agent");
  await expect.poll(() => from(agentPage, supId), { timeout: 15_000 }).toBeGreaterThan(2000);
  await supPage.waitForTimeout(1000);
  expect(await from(visitor, supId)).toBe(0);
  await supPage.screenshot({ path: "test-results/monitor-call.png" });

  const audit = await factory.db.prisma.auditLog.findMany({ where: { actorId: supervisor.id, action: "call.monitored" }, orderBy: { createdAt: "asc" } });
  expect(audit.map((a) => (a.data as { mode: string }).mode)).toEqual(["LISTEN", "WHISPER"]);

  // Leaving keeps the call going.
  await supPage.getByRole("button", { name: "Leave" }).click();
  await expect(supPage.getByTestId("call-panel")).toHaveCount(0);
  await expect(agentPage.getByTestId("call-panel")).toContainText("Cora Customer");

  // Taking over: the supervisor talks with the caller, the agent drops out.
  supPage.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Take over" }).click();
  await expect(supPage.getByTestId("call-panel")).toContainText("On a call");
  await expect(supPage.getByTestId("call-panel")).toContainText("Cora Customer");
  await expect(agentPage.getByTestId("call-panel")).toHaveCount(0);
  await expect(supPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  await expect.poll(() => from(visitor, supId), { timeout: 15_000 }).toBeGreaterThan(2000);
  await expect.poll(() => from(supPage, party("CALLER")), { timeout: 15_000 }).toBeGreaterThan(2000);
  expect(await factory.db.prisma.auditLog.count({ where: { actorId: supervisor.id, action: "call.taken_over" } })).toBe(1);
});
