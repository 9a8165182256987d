// A recorded web call: the queue records every call; the agent pauses the recording for a moment
// (a card number) and resumes; after the call one stereo Ogg Opus file exists that lasts as long as
// the recording (±1 s), with the pause marked; a supervisor finds it and plays it (audit-logged).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { chatQueue } from "./chat-setup.ts";
import { expect, signIn, test } from "./fixtures.ts";
import { callFromWidget, readyAgent } from "./voice-setup.ts";

function probe(file: string) {
  const out = execFileSync("ffprobe", ["-v", "error", "-show_entries", "stream=channels,codec_name:format=duration", "-of", "json", file], {
    encoding: "utf8",
  });
  const j = JSON.parse(out) as { streams: { channels: number; codec_name: string }[]; format: { duration: string } };
  return { channels: j.streams[0].channels, codec: j.streams[0].codec_name, seconds: Number(j.format.duration) };
}

test("a web call is recorded in stereo, with a paused stretch; a supervisor plays it", async ({ browser, factory }) => {
  const agent = await factory.user("AGENT", "Rita Recorded");
  const supervisor = await factory.user("SUPERVISOR", "Sam Supervisor");
  await factory.team("Recorded team", [{ userId: supervisor.id, lead: true }, { userId: agent.id }]);
  const { queue, widget } = await chatQueue(factory, [agent], { name: "Recorded line", widget: { calls: true } });
  await factory.db.prisma.queue.update({ where: { id: queue.id }, data: { channels: ["VOICE"], recordingPolicy: "ALL" } });

  const agentPage = await readyAgent(browser, agent);
  await callFromWidget(browser, widget.key, "Paula Payer", "paula@example.com");
  await agentPage.getByTestId("accept-offer").click();
  await expect(agentPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 20_000 });
  await expect(agentPage.getByTestId("recording-state")).toContainText("● Recording");

  await agentPage.waitForTimeout(2000);
  await agentPage.getByRole("button", { name: "Pause recording" }).click();
  await expect(agentPage.getByTestId("recording-state")).toContainText("Recording paused");
  await agentPage.waitForTimeout(1500);
  await agentPage.getByRole("button", { name: "Resume recording" }).click();
  await expect(agentPage.getByTestId("recording-state")).toContainText("● Recording");
  await agentPage.waitForTimeout(2000);
  await agentPage.getByRole("button", { name: "Hang up" }).click();

  const call = await factory.db.prisma.call.findFirstOrThrow({ where: { parties: { some: { userId: agent.id } } } });
  await expect.poll(async () => (await factory.db.prisma.recording.findUnique({ where: { callId: call.id } }))?.state, { timeout: 15_000 }).toBe("READY");
  const rec = await factory.db.prisma.recording.findUniqueOrThrow({ where: { callId: call.id } });
  const file = probe(path.join(process.env.E2E_RECORDINGS_DIR!, rec.storageKey));
  expect(file).toMatchObject({ channels: 2, codec: "opus" });
  // As long as the call (answered → hung up), ±1 s.
  const ended = await factory.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } });
  const talked = (ended.endedAt!.getTime() - ended.answeredAt!.getTime()) / 1000;
  expect(Math.abs(file.seconds - talked)).toBeLessThan(1);
  expect(Math.abs((rec.endedAt!.getTime() - rec.startedAt.getTime()) / 1000 - file.seconds)).toBeLessThan(1);
  expect(Math.abs(file.seconds - rec.durationSeconds)).toBeLessThan(0.2);
  const pauses = rec.pauses as { from: number; to: number }[];
  expect(pauses).toHaveLength(1);
  expect(pauses[0].to - pauses[0].from).toBeGreaterThan(1);
  expect(rec.customer).toContain("Paula Payer");

  const supPage = await (await browser.newContext()).newPage();
  await signIn(supPage, supervisor.username);
  await supPage.goto("/recordings");
  const row = supPage.getByTestId("recording-row").filter({ hasText: "Paula Payer" });
  await expect(row).toContainText("Rita Recorded");
  await expect(row).toContainText("Recorded line");
  await expect(row.locator("audio")).toHaveAttribute("src", `/api/recordings/${rec.id}`);
  await supPage.screenshot({ path: "test-results/recordings.png", fullPage: true });
  const played = await supPage.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, type: r.headers.get("content-type"), size: (await r.arrayBuffer()).byteLength };
  }, `/api/recordings/${rec.id}`);
  expect(played).toMatchObject({ status: 200, type: "audio/ogg", size: rec.sizeBytes });
  const ranged = await supPage.evaluate(async (url) => (await fetch(url, { headers: { range: "bytes=100-199" } })).status, `/api/recordings/${rec.id}`);
  expect(ranged).toBe(206);
  expect(await factory.db.prisma.auditLog.count({ where: { actorId: supervisor.id, action: "recording.played", targetId: rec.id } })).toBe(1);

  // The agent (no recordings.listen) gets nothing.
  const refused = await agentPage.evaluate(async (url) => (await fetch(url)).status, `/api/recordings/${rec.id}`);
  expect(refused).toBe(403);
});
