// The wall-board's figures follow a scripted day of chats and state changes (on the product's own
// use-cases, with the clock set for each step); a supervisor's grid shows the teams they lead and a
// TV link's feed shows everyone, until the link is revoked — then at once "revoked", and never the
// board again; tokens cannot be tried without limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceNewDays } from "../../domain/wallboard/new-day.ts";
import { changeAgentState } from "../../domain/agents/set-agent-state.ts";
import { visibleAgentsWhere } from "../../domain/agents/agent-visibility.ts";
import { startChat } from "../../domain/chat/start-chat.ts";
import { endInteraction } from "../../domain/routing/end-interaction.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { readWallboard } from "../../domain/wallboard/read-wallboard.ts";
import { createWallboardLink, revokeWallboardLink } from "../../domain/wallboard/wallboard-links.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeTeam, makeUser, makeWidget } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const T0 = Date.parse("2026-12-01T09:00:00Z"); // 10:00 in Warsaw
const at = (s: number) => new Date(T0 + s * 1000);
const clock = (s: number) => ({ ...server.app.deps, now: () => at(s) });
const db = () => server.app.db.prisma;
let n = 0;

async function day() {
  await db().organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
  const lead = await makeUser(server.app, org, "SUPERVISOR");
  const ann = await makeUser(server.app, org, "AGENT", { name: "Ann Board" });
  const bob = await makeUser(server.app, org, "AGENT", { name: "Bob Board" });
  await makeTeam(server.app, org, [{ userId: lead.id, lead: true }, { userId: ann.id }]);
  const queue = await makeQueue(server.app, org, [{ userId: ann.id }, { userId: bob.id }]);
  await db().queue.update({
    where: { id: queue.id },
    data: { serviceLevelSeconds: 20, serviceLevelPercent: 80, shortAbandonSeconds: 5, wallboard: { waiting: { amber: 1, red: 5 } } },
  });
  const widget = await makeWidget(server.app, org, queue.id);
  for (const u of [ann, bob])
    await changeAgentState({ userId: u.id, organizationId: org.id, state: "READY", source: "AGENT", changedById: null, seen: true }, clock(0));

  const chat = async (s: number) => {
    const started = await startChat(widget.key, { name: `Visitor ${++n}`, email: `v${n}@example.com`, message: "Hello" }, clock(s));
    const visitorId = server.app.deps.tokens.verify(started.token)!.slice("visitor:".length);
    return (await db().interaction.findFirstOrThrow({ where: { visitorId } })).id;
  };
  /** Whoever the router offered it to takes it at second `s`. */
  const take = async (interactionId: string, s: number) => {
    await server.workers.router.pass();
    const item = await db().queueItem.findUniqueOrThrow({ where: { interactionId } });
    await acceptOffer(await asViewer(server.app, item.offeredToId!), item.id, clock(s));
    return item.offeredToId!;
  };

  const c1 = await chat(0);
  const c1Agent = await take(c1, 5); // answered in 5 s: within the target
  const c2 = await chat(10);
  await take(c2, 40); // answered after 30 s: late
  const c3 = await chat(20);
  await endInteraction(c3, "CONTACT", clock(25)); // abandoned after 5 s: not a short abandon (under 5 s), so against the level
  await endInteraction(c1, "AGENT", clock(65)); // 60 s of handling
  const c4 = await chat(30); // still waiting at the end
  return { lead, ann, bob, queue, c1Agent, c4 };
}

describe("the wall-board", () => {
  it("counts today's figures of a queue from a scripted sequence, and shows a supervisor only their team", async () => {
    const { lead, ann, queue, c1Agent } = await day();
    const admin = await makeUser(server.app, org, "ADMIN");
    const all = await readWallboard(org.id, visibleAgentsWhere(await asViewer(server.app, admin.id)), clock(100));
    const tile = all.queues.find((q) => q.queueId === queue.id)!;
    expect(tile.today).toMatchObject({ offered: 4, answered: 2, answeredInTarget: 1, abandoned: 1, overflowed: 0 });
    expect(tile.today.serviceLevel).toBe(25); // 1 of 4: the one still waiting is past the target
    expect(tile.today.abandonRate).toBeCloseTo(100 / 3);
    expect(tile.today.asaSeconds).toBe(17.5);
    expect(tile.today.ahtSeconds).toBe(60);
    expect(tile).toMatchObject({ waiting: 1, longestWaitingSince: at(30), agentsSignedIn: 2 });
    expect(tile.agentsBusy).toBe(1); // c2's agent still chats; c1's was freed
    expect(tile).toMatchObject({ serviceLevelSeconds: 20, serviceLevelPercent: 80, settings: { waiting: { amber: 1, red: 5 } } });
    expect(all.agents.map((a) => a.name).sort()).toEqual(["Ann Board", "Bob Board"]);
    const c1Taker = all.agents.find((a) => a.userId === c1Agent)!;
    expect(c1Taker.handledToday).toBeGreaterThanOrEqual(1);
    expect(all.agents.reduce((sum, a) => sum + a.handledToday, 0)).toBe(2);
    const busy = all.agents.find((a) => a.current)!;
    expect(busy.current).toMatchObject({ channel: "CHAT", queueName: queue.name });

    const mine = await readWallboard(org.id, visibleAgentsWhere(await asViewer(server.app, lead.id)), clock(100));
    expect(mine.agents.map((a) => a.userId)).toEqual([ann.id]);
    // The day begins at the organisation's midnight: tomorrow shows none of it.
    const tomorrow = await readWallboard(org.id, null, clock(86_400));
    expect(tomorrow.queues.find((q) => q.queueId === queue.id)!.today.offered).toBe(0);
  });

  it("sends a TV the board again at the organisation's midnight, though nothing happened", async () => {
    await db().organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const { token } = await createWallboardLink(admin, { name: "Night shift" }, server.app.deps);
    const res = await fetch(`${server.url}/api/wallboard/feed`, { headers: { authorization: `Bearer ${token}` } });
    const events = readEvents(res);
    expect(((await events.next()).value as { kind: string }).kind).toBe("board");
    // The job's look: from 23:59:50 to 00:00:20 in Warsaw (22:59:50–23:00:20 UTC).
    const night = { ...server.app.deps, now: () => new Date("2026-12-05T23:00:20Z") };
    expect(await announceNewDays(new Date("2026-12-05T22:59:50Z"), night)).toBeGreaterThanOrEqual(1);
    expect(((await events.next()).value as { kind: string }).kind).toBe("board");
    await events.return(undefined);
  });

  it("feeds a TV link the board, says revoked the moment it is revoked, and refuses it afterwards", async () => {
    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const { token, link } = await createWallboardLink(admin, { name: "Call room" }, server.app.deps);
    expect(await db().wallboardLink.findUniqueOrThrow({ where: { id: link.id } })).not.toHaveProperty("token");
    expect((await db().auditLog.findMany({ where: { targetId: link.id } })).map((a) => a.action)).toEqual(["wallboard_link.created"]);

    const res = await fetch(`${server.url}/api/wallboard/feed`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const events = readEvents(res);
    const first = (await events.next()).value as { kind: string; board: { organizationName: string; agents: unknown[] } };
    expect(first.kind).toBe("board");
    expect(first.board.organizationName).toBeTruthy();
    // A change on the floor sends the board again.
    const agent = await makeUser(server.app, org, "AGENT", { name: "Cid Board" });
    await changeAgentState({ userId: agent.id, organizationId: org.id, state: "READY", source: "AGENT", changedById: null, seen: true }, server.app.deps);
    const second = (await events.next()).value as { kind: string; board: { agents: { name: string }[] } };
    expect(second.board.agents.map((a) => a.name)).toContain("Cid Board");

    await revokeWallboardLink(admin, link.id, server.app.deps);
    let last = (await events.next()).value as { kind: string };
    while (last.kind === "board") last = (await events.next()).value as { kind: string };
    expect(last).toEqual({ kind: "revoked" });
    expect((await events.next()).done).toBe(true);
    expect((await db().auditLog.findMany({ where: { targetId: link.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action)).toEqual([
      "wallboard_link.created",
      "wallboard_link.revoked",
    ]);

    const again = await fetch(`${server.url}/api/wallboard/feed`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ reason: "LINK_REVOKED" });
    const guess = await fetch(`${server.url}/api/wallboard/feed`, { headers: { authorization: `Bearer ${"x".repeat(43)}` } });
    expect(guess.status).toBe(404);
    // Guessing is limited per address: 20 tries a minute.
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await fetch(`${server.url}/api/wallboard/feed`, { headers: { authorization: "Bearer nope" } })).status);
    expect(codes.at(-1)).toBe(429);
  });
});

/** The JSON of each server-sent event, in order; done when the server ends the stream. */
async function* readEvents(res: Response): AsyncGenerator<unknown> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (chunk.startsWith("data: ")) yield JSON.parse(chunk.slice(6));
      }
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
    }
  } finally {
    // Stopped early (return()): hang up, as a TV switched off would.
    await reader.cancel().catch(() => {});
  }
}
