// A call-back asked for in the chat widget, dialled through the real telephone path (Janus, SIPp
// as the provider's trunk): the first try meets a busy number (486), the next try is queued on
// its own and, taken by the agent, rings the number again and is answered.
import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { hangUp } from "../../domain/voice/calls.ts";
import { asViewer, makeOrg, makeQueue, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";

let line: PhoneLine;
beforeAll(async () => {
  line = await startPhoneLine("+48221238999");
});
afterAll(() => line?.close());

it("a web call-back that meets a busy number is tried again, and the next try is answered", async () => {
  const { server } = line;
  const db = server.app.db.prisma;
  // An organisation of its own, so that its only line out is the SIPp trunk.
  const org = await makeOrg(server.app);
  const agent = await makeUser(server.app, org, "AGENT");
  const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
  // The next try at once (admins may set 1 minute at least; the test does not wait a minute).
  await db.queue.update({ where: { id: queue.id }, data: { callbackRetries: 2, callbackRetryMinutes: 0 } });
  const widget = await makeWidget(server.app, org, queue.id);
  const busy = sipp("trunk-refuses.xml", { fill: { code: "486", reason: "Busy Here" } });
  const trunk = await db.sipTrunk.create({
    data: {
      organizationId: org.id,
      name: "Out",
      host: `127.0.0.1:${busy.port}`,
      username: "centrala",
      register: false,
      callerIds: ["+48221238000"],
      maxCalls: 4,
    },
  });
  server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
  await new Promise((r) => setTimeout(r, 500));
  await ready(server.app, org, agent.id);
  const viewer = await asViewer(server.app, agent.id);

  const res = await fetch(`${server.url}/api/widget/${widget.key}/callback`, {
    method: "POST",
    headers: { origin: server.url, "content-type": "application/json" },
    body: JSON.stringify({ phone: "+48 601 238 001", topic: "Umowa" }),
  });
  const asked = (await res.json()) as { id: string };
  expect(res.status).toBe(200);

  const first = await until("the call-back offered", () => db.queueItem.findFirst({ where: { interactionId: asked.id, state: "OFFERED" } }));
  await acceptOffer(viewer, first.id, server.app.deps);
  const scheduled = await until("the next try scheduled", () =>
    db.interactionEvent.findFirst({ where: { interactionId: asked.id, type: "callback_retry_scheduled" } }),
  );
  expect(scheduled.data).toMatchObject({ attempt: 2, code: 486, reason: "BUSY" });
  expect(await busy.done).toBe(0);
  const firstCall = await db.call.findFirstOrThrow({ where: { interactionId: asked.id } });
  const { caseId } = await db.interaction.findUniqueOrThrow({ where: { id: asked.id } });
  expect(firstCall).toMatchObject({ state: "ENDED", sipCode: 486, endReason: "BUSY", remoteNumber: "+48601238001", localNumber: "+48221238000" });

  // The provider answers this time.
  const answers = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
  await db.sipTrunk.update({ where: { id: trunk.id }, data: { host: `127.0.0.1:${answers.port}` } });
  server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
  await new Promise((r) => setTimeout(r, 500));
  const retry = await until("the next try offered", () =>
    db.queueItem.findFirst({
      where: { state: "OFFERED", offeredToId: agent.id, interaction: { caseId, id: { not: asked.id } } },
      include: { interaction: true },
    }),
  );
  expect(retry.interaction.data).toMatchObject({ callback: true, phone: "+48601238001", requestedVia: "WEB", topic: "Umowa", attempt: 2, attempts: 3 });
  await acceptOffer(viewer, retry.id, server.app.deps);
  const answered = await until("the next try answered", async () => {
    const c = await db.call.findFirst({ where: { interactionId: retry.interactionId } });
    return c?.state === "ACTIVE" && c;
  });
  expect(answered).toMatchObject({ remoteNumber: "+48601238001", trunkId: trunk.id });
  await hangUp(viewer, answered.id, server.app.deps);
  expect(await answers.done).toBe(0);
  // Answered: no further try.
  expect(
    await db.interactionEvent.count({ where: { interactionId: retry.interactionId, type: { in: ["callback_retry_scheduled", "callback_failed"] } } }),
  ).toBe(0);
}, 60_000);
