// Every telephone call reaches an end, whatever the network does: callers who give up while it
// rings, hang-ups racing the agent's answer, INVITEs we cannot take, calls out nobody answers.
// Real Janus, SIPp as the network (npm run test:phone).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { type TestOrg, asViewer, makeUser, ready } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";
import type { TestServer } from "../support/test-server.ts";

const DID = "+48221230000";
let line: PhoneLine;
let server: TestServer;
let org: TestOrg;
let queueId: string;
const db = () => server.app.db.prisma;
const target = () => line.target();

beforeAll(async () => {
  line = await startPhoneLine(DID, { PHONE_RING_SECONDS: "4" });
  ({ server, org, queueId } = line);
}, 60_000);
afterAll(() => line?.close());

async function agentOnQueue() {
  const agent = await makeUser(server.app, org, "AGENT");
  await db().queueMember.create({ data: { queueId, userId: agent.id } });
  await ready(server.app, org, agent.id);
  return agent;
}

/** Nobody of the organisation works now. */
const everyoneOff = () => db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "OFFLINE" } });

/** Nothing of the organisation's calls is live: no call, interaction or queue item, no agent on a call. */
async function nothingLive() {
  const [calls, interactions, items, parties] = await Promise.all([
    db().call.count({ where: { organizationId: org.id, state: { not: "ENDED" } } }),
    db().interaction.count({ where: { organizationId: org.id, channel: "VOICE", state: { in: ["QUEUED", "ACTIVE"] } } }),
    db().queueItem.count({ where: { organizationId: org.id, state: { not: "DONE" } } }),
    db().callParty.count({ where: { call: { organizationId: org.id }, userId: { not: null }, leftAt: null } }),
  ]);
  return { calls, interactions, items, parties };
}
const idle = { calls: 0, interactions: 0, items: 0, parties: 0 };

describe("a caller who gives up while it rings", () => {
  it("ends the call as abandoned: no ghost call is left for the next Ready agent", async () => {
    await everyoneOff();
    const agent = await agentOnQueue();
    const caller = sipp("caller-cancels.xml", { target: target(), keys: { caller: "+48601000001" }, args: ["-s", DID] });
    expect(await caller.done).toBe(0);
    const call = await until("the call to end", async () => {
      const c = await db().call.findFirst({ where: { remoteNumber: "+48601000001" } });
      return c?.state === "ENDED" && c;
    });
    expect(call.endReason).toBe("ABANDONED");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ABANDONED");
    await until("nothing live", async () => JSON.stringify(await nothingLive()) === JSON.stringify(idle));
    // The agent takes the next caller as usual (the trunk's line was freed).
    const next = sipp("caller-hangs-up.xml", { target: target(), keys: { caller: "+48601000002" }, args: ["-s", DID, "-d", "1500"] });
    const item = await until("the next offer", () => db().queueItem.findFirst({ where: { offeredToId: agent.id, interaction: { data: { path: ["phone"], equals: "+48601000002" } } } }));
    await acceptOffer(await asViewer(server.app, agent.id), item.id, server.app.deps);
    expect(await next.done).toBe(0);
    await until("nothing live after", async () => JSON.stringify(await nothingLive()) === JSON.stringify(idle));
  }, 40_000);
});
