// What a provider receives from us: the chosen caller ID in From (phones show From) as
// well as in P-Asserted-Identity, unless the trunk says otherwise; and an SDP of plain RTP, with
// none of the WebRTC side's leftovers (a=ice-lite, a=mid) a strict provider would refuse.
import { afterAll, beforeAll, expect, it } from "vitest";
import { dialOut } from "../../domain/phone/dial-out.ts";
import { asViewer, makeUser, ready } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";
import { TestPhone, noise } from "../support/phone/test-phone.ts";
import { endCall } from "../../domain/voice/calls.ts";

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

/** Attributes only a WebRTC peer knows (ICE, bundling): a plain RTP provider may refuse them. */
const WEBRTC_LEFTOVERS = /^a=(ice-lite|ice-ufrag|ice-pwd|mid|group|msid-semantic|fingerprint|setup|candidate|rtcp-mux)\b/m;

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

it("offers plain RTP without WebRTC leftovers on a call out", async () => {
  const invite = await inviteSeen();
  expect(invite).toMatch(/^m=audio \d+ RTP\/AVP /m);
  expect(invite.match(WEBRTC_LEFTOVERS)?.[0] ?? "none").toBe("none");
}, 30_000);

it("answers a call coming in with plain RTP without WebRTC leftovers", async () => {
  const agent = await makeUser(line.server.app, line.org, "AGENT");
  await db().queueMember.create({ data: { queueId: line.queueId, userId: agent.id } });
  await ready(line.server.app, line.org, agent.id);
  const answered = sipp("caller.xml", { target: line.target(), keys: { caller: "+48601000202" }, args: ["-s", DID, "-d", "500"] });
  expect(await answered.done).toBe(0);
  const ok = /SIP\/2\.0 200 OK[\s\S]*?CSeq: 1 INVITE[\s\S]*?(?=\n-{20,}|$)/.exec(answered.messages())?.[0] ?? "";
  expect(ok).toMatch(/^m=audio \d+ RTP\/AVP /m);
  expect(ok.match(WEBRTC_LEFTOVERS)?.[0] ?? "none").toBe("none");
}, 30_000);

/** Bytes the media engine received from the call's telephone. */
async function bytesFromPhone(callId: string) {
  const rooms = (line.server.app.media as unknown as { rooms: Map<string, { parties: Map<string, { producer: { getStats(): Promise<{ byteCount: number }[]> } | null; phone?: unknown }> }> })
    .rooms;
  const party = [...(rooms.get(callId)?.parties.values() ?? [])].find((p) => p.phone);
  return ((await party?.producer?.getStats()) ?? []).reduce((n, st) => n + st.byteCount, 0);
}

// Janus's SIP plugin connects its RTP socket to the address in the provider's SDP and takes nothing
// from anywhere else (no latching, no comedia): a provider whose media leaves from another host is
// not heard. This records that behaviour (docs/architecture.md), next to the same call sending
// from its SDP's address.
it("hears a caller whose media comes from its SDP's address, and nothing from another address (Janus does not latch)", async () => {
  const agent = await makeUser(line.server.app, line.org, "AGENT");
  await db().queueMember.create({ data: { queueId: line.queueId, userId: agent.id } });
  await ready(line.server.app, line.org, agent.id);
  const heard: Record<string, number> = {};
  for (const [from, number] of [
    ["127.0.0.1", "+48601000301"],
    ["127.0.0.3", "+48601000302"],
  ] as const) {
    const p = await TestPhone.open(from === "127.0.0.1" ? {} : { sendFrom: from });
    const caller = sipp("caller-echo.xml", { target: line.target(), keys: { caller: number }, audio: { codecs: ["PCMA"], port: p.port }, args: ["-s", DID] });
    const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: number } }));
    p.talk("alaw", noise("alaw", 2));
    await until("Janus's audio to the phone", async () => p.mark() > 20);
    await new Promise((r) => setTimeout(r, 1500));
    heard[from] = await bytesFromPhone(call.id);
    await endCall(call.id, "HANGUP", null, line.server.app.deps);
    expect(await caller.done).toBe(0);
    p.close();
  }
  expect(heard["127.0.0.1"]).toBeGreaterThan(4000);
  expect(heard["127.0.0.3"]).toBe(0);
}, 60_000);
