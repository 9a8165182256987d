// What a provider receives when we call out: the chosen caller ID in From (phones show From) as
// well as in P-Asserted-Identity, unless the trunk says otherwise; and an SDP of plain RTP, with
// none of the WebRTC side's leftovers (a=ice-lite, a=mid) a strict provider would refuse.
import { afterAll, beforeAll, expect, it } from "vitest";
import { dialOut } from "../../domain/phone/dial-out.ts";
import { asViewer, makeUser } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";

const DID = "+48221230003";
let line: PhoneLine;
const db = () => line.server.app.db.prisma;

beforeAll(async () => {
  line = await startPhoneLine(DID);
}, 60_000);
afterAll(() => line?.close());

/** Places a call on a trunk played by SIPp (answering 486) and returns the INVITE it received. */
async function inviteSeen(trunkData: Record<string, unknown> = {}) {
  const trunkSide = sipp("trunk-refuses.xml", { fill: { code: "486", reason: "Busy Here" } });
  const trunk = await db().sipTrunk.create({
    data: { organizationId: line.org.id, name: `Out ${trunkSide.port}`, host: `127.0.0.1:${trunkSide.port}`, username: "centrala-login", register: false, callerIds: [DID], maxCalls: 2, ...trunkData },
  });
  line.server.app.deps.events.publish("trunk.changed", { organizationId: line.org.id, trunkId: trunk.id });
  await new Promise((r) => setTimeout(r, 500));
  const agent = await makeUser(line.server.app, line.org, "AGENT");
  const call = await dialOut(await asViewer(line.server.app, agent.id), { number: "+48227650001", trunkId: trunk.id }, line.server.app.deps);
  await until("the 486", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "ENDED");
  expect(await trunkSide.done).toBe(0);
  const log = trunkSide.messages();
  const invite = /INVITE sip:[^\n]*SIP\/2\.0[\s\S]*?(?=\n-{20,}|$)/.exec(log)?.[0] ?? "";
  expect(invite).toMatch(/^INVITE/);
  return invite;
}

const header = (msg: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(msg)?.[1] ?? "";

it("shows the caller ID in From as well as in P-Asserted-Identity", async () => {
  const invite = await inviteSeen();
  expect(header(invite, "P-Asserted-Identity")).toContain(`sip:${DID}@`);
  expect(header(invite, "From")).toContain(`sip:${DID}@`);
  expect(invite.match(/^From:/gim)).toHaveLength(1);
}, 30_000);

it("leaves From to the account when the trunk says so", async () => {
  const invite = await inviteSeen({ callerIdInFrom: false });
  expect(header(invite, "P-Asserted-Identity")).toContain(`sip:${DID}@`);
  expect(header(invite, "From")).toContain("sip:centrala-login@");
}, 30_000);
