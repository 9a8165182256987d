// A burst of callers at once: Janus carries one call per line, so the trunk's pool of helper lines
// must be there before the INVITEs are — a line missing when one arrives means 486 Busy from Janus
// although the trunk allows more. 50 INVITEs within a quarter of a second on a trunk that allows 80.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ready, makeUser } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";

const DID = "+48221230004";
let line: PhoneLine;
const db = () => line.server.app.db.prisma;

beforeAll(async () => {
  line = await startPhoneLine(DID);
}, 60_000);
afterAll(() => line?.close());

/** Each call's final answer to its INVITE, out of SIPp's message log. */
function finalAnswers(log: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const block of log.split(/\n-{20,}[^\n]*\n/)) {
    const body = block.replace(/^[^\n]*message (received|sent)[^\n]*\n/i, "").trimStart();
    const status = /^SIP\/2\.0 (\d{3})/.exec(body)?.[1];
    if (!status || Number(status) < 200 || !/^CSeq:\s*1 INVITE/im.test(body)) continue;
    const callId = /^Call-ID:\s*(\S+)/im.exec(body)?.[1];
    if (callId) out.set(callId, Number(status));
  }
  return out;
}

it("answers 50 callers arriving within a quarter of a second on a trunk that allows 80", async () => {
  await db().sipTrunk.update({ where: { id: line.trunk.id }, data: { maxCalls: 80 } });
  const before = line.registrar.registers;
  line.server.app.deps.events.publish("trunk.changed", { organizationId: line.org.id, trunkId: line.trunk.id });
  await until("the trunk to register again", async () => line.registrar.registers > before && (await db().sipTrunk.findUnique({ where: { id: line.trunk.id } }))?.status === "REGISTERED");
  await new Promise((r) => setTimeout(r, 1000)); // the idle pool is made
  const agent = await makeUser(line.server.app, line.org, "AGENT");
  await db().queueMember.create({ data: { queueId: line.queueId, userId: agent.id } });
  await ready(line.server.app, line.org, agent.id);

  const burst = sipp("caller-burst.xml", { target: line.target(), keys: { caller: "+48601000401" }, args: ["-s", DID, "-r", "50", "-rp", "250", "-m", "50", "-l", "50", "-d", "3000"] });
  await burst.done;
  const answers = finalAnswers(burst.messages());
  const answered = [...answers.values()].filter((c) => c === 200).length;
  const codes = [...answers.values()].reduce<Record<number, number>>((n, c) => ((n[c] = (n[c] ?? 0) + 1), n), {});
  console.log(`burst of 50 within 0.25 s on a trunk allowing 80: ${answered} answered`, codes);
  expect(answers.size).toBe(50);
  expect(answered).toBe(50);
}, 120_000);
