// The cluster, node by node: two web nodes (2 behind the agents' load balancer, 1 the
// supervisor's and the visitor's), a media node with Janus, a worker; PostgreSQL and Redis shared.
// A SIPp phone call and a widget web call are answered by agents on web node 2, monitored by a
// supervisor on web node 1 and recorded. Killing web node 2 drops neither call and the agents'
// pages go on through web node 1; killing the worker moves its job leases to web node 1 within
// 15 s; killing the media node ends its calls as MEDIA_FAILED (nothing left live) and moves the
// trunk's registration to a second media node, which takes the next phone call; restarting the
// nodes leaves no live call, offer or lease behind, and calls are routed again.
import type { Browser, Page } from "@playwright/test";
import { summary } from "../../bench/stats.ts";
import { phoneLine } from "../e2e-phone/phone-line.ts";
import { chatQueue } from "../e2e/chat-setup.ts";
import { expect, readyAgent, signIn, test } from "../e2e/fixtures.ts";
import { heardFrom } from "../e2e/voice-setup.ts";
import { sipp } from "../support/phone/sipp.ts";
import { Cluster, WEB1_URL } from "./cluster-nodes.ts";

const cluster = new Cluster();
const LIVE = ["RINGING", "ACTIVE"] as const;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await cluster.start("web1"); // migrates the database before the others start
  await Promise.all([cluster.start("web2"), cluster.start("media"), cluster.start("worker")]);
});
test.afterAll(async () => {
  if (process.env.E2E_LOG) for (const n of ["web1", "web2", "media", "worker", "media2"] as const) console.log(`--- ${n}\n${cluster.output(n)}`);
  await cluster.stopAll();
});

/** A visitor on web node 1 opens the widget and presses "Call us"; resolves at the click. */
async function widgetCaller(browser: Browser, key: string, name: string) {
  const page = await (await browser.newContext({ baseURL: WEB1_URL })).newPage();
  await page.goto(`/widget/${key}`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/E-mail/).fill(`${name.split(" ")[0].toLowerCase()}@example.com`);
  return { page, call: () => page.getByTestId("call-us").click().then(() => performance.now()) };
}

/** The offer rings on the agent's page: milliseconds since `clickedAt`. */
async function rings(agentPage: Page, clickedAt: () => Promise<number>) {
  const t0 = await clickedAt();
  await expect(agentPage.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
  return performance.now() - t0;
}

test("calls survive a web node's and the worker's death, end as MEDIA_FAILED with the media node, and nothing sticks after restarts", async ({ browser, factory }) => {
  const db = factory.db.prisma;
  const phoneAgent = await factory.user("AGENT", "Pia Phone");
  const webAgent = await factory.user("AGENT", "Wes Web");
  const supervisor = await factory.user("SUPERVISOR", "Sue Super");
  await factory.team("Cluster", [{ userId: supervisor.id, lead: true }, { userId: phoneAgent.id }, { userId: webAgent.id }]);
  const line = await phoneLine(browser, factory, [phoneAgent]);
  const { queue: webQueue, widget } = await chatQueue(factory, [webAgent], { name: "Web calls", widget: { calls: true } });
  await db.queue.update({ where: { id: webQueue.id }, data: { channels: ["VOICE"], recordingPolicy: "ALL" } });
  await db.queue.update({ where: { id: line.queue.id }, data: { recordingPolicy: "ALL" } });
  const mediaNode = (pid: number) => expect.stringContaining(`-${pid}-`);

  // Agents through the load balancer: web node 2 while it lives.
  const phonePage = await readyAgent(browser, phoneAgent);
  const webPage = await readyAgent(browser, webAgent);

  // On the line (echoing what it hears) until the media node dies with the call: no BYE comes then.
  const caller = sipp("caller-echo.xml", { target: line.target, keys: { caller: "+48601239001" }, fill: { byeTimeoutMs: "600000" }, args: ["-s", line.did, "-rtp_echo"] });
  await expect(phonePage.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
  await phonePage.getByTestId("accept-offer").click();
  await expect(phonePage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 45_000 });
  const phoneCall = await db.call.findFirstOrThrow({ where: { remoteNumber: "+48601239001" }, include: { parties: true } });
  const phoneParty = phoneCall.parties.find((p) => p.phone)!.id;
  expect(phoneCall.mediaNodeId).toEqual(mediaNode(cluster.pid("media")));
  await expect.poll(() => heardFrom(phonePage, phoneParty), { timeout: 30_000 }).toBeGreaterThan(4000);

  const visitor = await widgetCaller(browser, widget.key, "Vera Visitor");
  const webSetupMs = await rings(webPage, visitor.call);
  await webPage.getByTestId("accept-offer").click();
  await expect(webPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 45_000 });
  const webCall = await db.call.findFirstOrThrow({ where: { parties: { some: { userId: webAgent.id } } }, include: { parties: true } });
  const visitorParty = webCall.parties.find((p) => p.role === "CALLER")!.id;
  expect(webCall.mediaNodeId).toEqual(mediaNode(cluster.pid("media")));
  await expect.poll(() => heardFrom(webPage, visitorParty), { timeout: 30_000 }).toBeGreaterThan(2000);

  // Both recorded, on the media node.
  for (const page of [phonePage, webPage]) await expect(page.getByTestId("recording-state")).toContainText("● Recording", { timeout: 15_000 });
  expect((await db.recording.findMany({ where: { callId: { in: [phoneCall.id, webCall.id] } } })).map((r) => r.state)).toEqual(["RECORDING", "RECORDING"]);

  // The supervisor on web node 1 sees both calls and listens to the phone call.
  const supPage = await (await browser.newContext({ baseURL: WEB1_URL })).newPage();
  await signIn(supPage, supervisor.username);
  await supPage.goto("/supervisor");
  await expect(supPage.getByTestId("live-call")).toHaveCount(2);
  const row = supPage.getByTestId("live-call").filter({ hasText: "+48601239001" });
  await row.getByRole("button", { name: "Listen" }).click();
  await expect(supPage.getByTestId("call-timer")).toContainText("audio connected", { timeout: 45_000 });
  await expect.poll(() => heardFrom(supPage, phoneParty), { timeout: 30_000 }).toBeGreaterThan(2000);

  await test.step("web node 2 dies: both calls go on, the agents' pages carry on through web node 1", async () => {
    await cluster.kill("web2");
    const [phoneBefore, webBefore] = [await heardFrom(phonePage, phoneParty), await heardFrom(webPage, visitorParty)];
    await expect.poll(() => heardFrom(phonePage, phoneParty), { timeout: 10_000 }).toBeGreaterThan(phoneBefore + 4000);
    await expect.poll(() => heardFrom(webPage, visitorParty), { timeout: 10_000 }).toBeGreaterThan(webBefore + 2000);
    // A request from the page now reaches web node 1: the agent mutes and unmutes.
    await webPage.getByRole("button", { name: "Mute" }).click();
    await expect(webPage.getByRole("button", { name: "Unmute" })).toBeVisible({ timeout: 15_000 });
    await webPage.getByRole("button", { name: "Unmute" }).click();
    expect(await db.call.count({ where: { id: { in: [phoneCall.id, webCall.id] }, state: "ACTIVE" } })).toBe(2);
  });

  await test.step("the worker dies: its job leases move to web node 1 within 15 s", async () => {
    const workerPid = cluster.pid("worker");
    const web1Pid = cluster.pid("web1");
    // Exclusive jobs are claimed run by run (a lease is in force only while a run lasts): wait until
    // the worker has been the last to run one of them.
    await expect.poll(async () => db.job.count({ where: { holder: { contains: `:${workerPid}:` } } }), { timeout: 30_000 }).toBeGreaterThan(0);
    const held = (await db.job.findMany({ where: { holder: { contains: `:${workerPid}:` } } })).map((j) => j.name);
    const frequent = (await db.job.findMany({ where: { name: { in: held } } })).filter((j) => j.nextRunAt && j.nextRunAt.getTime() - (j.lastStartedAt?.getTime() ?? 0) <= 5_000).map((j) => j.name);
    await cluster.kill("worker");
    const killedAt = Date.now();
    // Each job the worker ran every few seconds is next run by web node 1; no lease of the dead worker is in force.
    await expect
      .poll(async () => (await db.job.findMany({ where: { name: { in: frequent } } })).filter((j) => !j.holder?.includes(`:${web1Pid}:`)).map((j) => j.name), { timeout: 15_000 })
      .toEqual([]);
    await expect.poll(async () => db.job.count({ where: { holder: { contains: `:${workerPid}:` }, leaseUntil: { gt: new Date() } } }), { timeout: 15_000 - (Date.now() - killedAt) }).toBe(0);
    console.log(`worker killed: ${frequent.length} job(s) it ran (${frequent.join(", ")}) moved to web node 1 in ${Date.now() - killedAt} ms`);
  });

  let mediaKilledAt = 0;
  const registrarNode = async () => (await db.trunkRegistrar.findUnique({ where: { trunkId: line.trunkId } }))?.nodeId;
  await test.step("a second media node starts: the trunk stays registered from the first alone", async () => {
    await cluster.start("media2");
    // Three of the second node's lease rounds (every 2 s) go by: it never registers the account.
    await new Promise((r) => setTimeout(r, 6000));
    expect(await registrarNode()).toEqual(mediaNode(cluster.pid("media")));
    expect([...line.registrar.registeredFrom.get(line.account)!.keys()]).toEqual(["127.0.0.1"]);
  });

  await test.step("the media node dies: its calls end as MEDIA_FAILED, none left live, the pages hear it through web node 1", async () => {
    await cluster.kill("media");
    const killedAt = (mediaKilledAt = Date.now());
    await expect
      .poll(async () => (await db.call.findMany({ where: { id: { in: [phoneCall.id, webCall.id] } } })).map((c) => `${c.state} ${c.endReason}`), { timeout: 30_000 })
      .toEqual(["ENDED MEDIA_FAILED", "ENDED MEDIA_FAILED"]);
    console.log(`media node killed: its 2 calls ended as MEDIA_FAILED after ${Date.now() - killedAt} ms`);
    expect(await db.call.count({ where: { state: { in: [...LIVE] } } })).toBe(0);
    // The call's end reached the agents' pages over their reconnected subscriptions (web node 1).
    for (const page of [phonePage, webPage]) await expect(page.getByTestId("call-panel")).toHaveCount(0, { timeout: 15_000 });
    await expect(supPage.getByTestId("live-call")).toHaveCount(0, { timeout: 15_000 });
    caller.stop();
  });

  await test.step("the trunk's registration moves to the second media node, and its calls come in there", async () => {
    await expect.poll(() => line.registrar.registeredFrom.get(line.account)?.has("127.0.0.3"), { timeout: 30_000 }).toBe(true);
    await expect.poll(registrarNode, { timeout: 5000 }).toEqual(mediaNode(cluster.pid("media2")));
    await expect.poll(async () => (await db.sipTrunk.findUniqueOrThrow({ where: { id: line.trunkId } })).status, { timeout: 15_000 }).toBe("REGISTERED");
    const movedAt = line.registrar.registeredFrom.get(line.account)!.get("127.0.0.3")!;
    console.log(`media node killed: the trunk registered from the second media node ${movedAt - mediaKilledAt} ms later`);
    const contact = line.registrar.contacts.get(line.account)!;
    const next = sipp("caller-hangs-up.xml", { target: `${contact.host}:${contact.port}`, keys: { caller: "+48601239002" }, args: ["-s", line.did, "-d", "6000"] });
    await expect(phonePage.getByTestId("offer")).toBeVisible({ timeout: 20_000 });
    const call = await db.call.findFirstOrThrow({ where: { remoteNumber: "+48601239002" } });
    expect(call.mediaNodeId).toEqual(mediaNode(cluster.pid("media2")));
    expect(await next.done).toBe(0);
    await expect.poll(async () => (await db.call.findUniqueOrThrow({ where: { id: call.id } })).state, { timeout: 15_000 }).toBe("ENDED");
    await expect(phonePage.getByTestId("offer")).toHaveCount(0, { timeout: 15_000 });
  });

  await test.step("restarted nodes: no live call, offer or lease left behind, and calls ring again", async () => {
    await Promise.all([cluster.start("web2"), cluster.start("worker"), cluster.start("media")]);
    const live = { web1: cluster.pid("web1"), worker: cluster.pid("worker") };
    // The trunk stays with the second media node: the restarted first takes nothing from a live holder.
    expect(await registrarNode()).toEqual(mediaNode(cluster.pid("media2")));
    expect(await db.call.count({ where: { state: { in: [...LIVE] } } })).toBe(0);
    expect(await db.queueItem.count({ where: { state: "OFFERED" } })).toBe(0);
    expect(await db.recording.count({ where: { callId: { in: [phoneCall.id, webCall.id] }, state: { in: ["RECORDING", "PROCESSING"] } } })).toBe(0);
    const foreign = async () => {
      const now = new Date();
      const jobs = await db.job.findMany({ where: { leaseUntil: { gt: now } } });
      const routers = await db.routerLease.findMany({ where: { expiresAt: { gt: now } } });
      return [...jobs.map((j) => j.holder ?? ""), ...routers.map((r) => r.holder)].filter((h) => !Object.values(live).some((pid) => h.includes(`${pid}`)));
    };
    await expect.poll(foreign, { timeout: 15_000 }).toEqual([]);
    // The trunk registers again from the new media node.
    await expect.poll(async () => (await db.sipTrunk.findUniqueOrThrow({ where: { id: line.trunkId } })).status, { timeout: 30_000 }).toBe("REGISTERED");

    // Call set-up through the cluster (click → the agent's offer rings), remote media: visitors
    // on web node 1, the agent's page on web node 1 or 2, the call's media on the media node.
    const samples = [webSetupMs];
    for (let i = 0; i < Number(process.env.CLUSTER_SETUP_SAMPLES ?? 9); i++) {
      const v = await widgetCaller(browser, widget.key, `Sam Sample${i}`);
      samples.push(await rings(webPage, v.call));
      await v.page.getByRole("button", { name: "Hang up" }).click();
      await expect(webPage.getByTestId("offer")).toHaveCount(0, { timeout: 15_000 });
      await v.page.context().close();
    }
    const s = summary(samples);
    console.log(`call set-up (click → ringing), remote media, n=${s.n}: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`);
    expect(await db.call.count({ where: { state: { in: [...LIVE] } } })).toBe(0);
    expect(await db.queueItem.count({ where: { state: "OFFERED" } })).toBe(0);
  });
  line.close();
});
