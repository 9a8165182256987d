// Callers meeting an IVR flow through the real telephone path (Janus, SIPp callers pressing keys by
// RFC 2833 and SIP INFO, prompts spoken by espeak-ng into the call): two menus deep to the right
// queue with what they entered shown to the agent, a wrong customer number refused until the flow
// hangs up, and a caller who gives up in a menu recorded as abandoned there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeQueue, makeUser, ready } from "../factories/index.ts";
import { ivrCaller } from "../support/phone/ivr-caller.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";

const DID = "+48221239999";
let line: PhoneLine;
let support: { id: string };
let sales: { id: string };
const db = () => line.server.app.db.prisma;
const say = (pl: string, en: string) => ({ text: { pl, en } });

beforeAll(async () => {
  line = await startPhoneLine(DID);
  const { server, org } = line;
  const agent = await makeUser(server.app, org, "AGENT");
  support = await makeQueue(server.app, org, [{ userId: agent.id }]);
  sales = await makeQueue(server.app, org, [{ userId: agent.id }]);
  await ready(server.app, org, agent.id);
  const flow = {
    language: "pl",
    start: "language",
    operator: { key: "0", node: "support" },
    nodes: {
      language: { type: "language", prompt: say("Polski: jeden.", "English: two."), options: { "1": "pl", "2": "en" }, timeoutSeconds: 4, next: "main" },
      main: { type: "menu", prompt: say("Sprzedaż: jeden. Pomoc: dwa.", "Sales: one. Help: two."), options: { "1": "sales", "2": "help" }, timeoutSeconds: 4, onFail: "support" },
      help: { type: "menu", prompt: say("Konto: cztery. Powrót: gwiazdka.", "Your account: four. Back: star."), options: { "4": "account", "*": "main" }, timeoutSeconds: 4, onFail: "support" },
      account: {
        type: "collect",
        prompt: say("Podaj numer klienta i krzyżyk.", "Your customer number, then hash."),
        invalidPrompt: say("Nie znamy tego numeru.", "We do not know that number."),
        variable: "account",
        caseField: "customerNumber",
        minDigits: 4,
        maxDigits: 6,
        timeoutSeconds: 5,
        verify: { kind: "contact_field", field: "customerNumber" },
        next: "support",
        onFail: "goodbye",
      },
      goodbye: { type: "hangup", prompt: say("Do widzenia.", "Goodbye.") },
      sales: { type: "queue", queueId: sales.id },
      support: { type: "queue", queueId: support.id, priority: 5 },
    },
  };
  const saved = await db().ivrFlow.create({ data: { organizationId: org.id, name: "Hotline", draft: flow, publishedVersion: 1, versions: { create: { version: 1, definition: flow } } } });
  await db().entryPoint.update({ where: { id: line.entryPointId }, data: { ivrFlowId: saved.id } });
  const contact = await db().contact.create({ data: { organizationId: org.id, firstName: "Iga", lastName: "Ivr", fields: { customerNumber: "4412" } } });
  await db().contactIdentity.create({ data: { organizationId: org.id, contactId: contact.id, kind: "PHONE", value: "+48601239001" } });
}, 60_000);
afterAll(() => line?.close());

const callOf = (caller: string) => until("the call", () => db().call.findFirst({ where: { remoteNumber: caller } }));
const steps = async (interactionId: string) =>
  (await db().interactionEvent.findMany({ where: { interactionId, type: "ivr" }, orderBy: { at: "asc" } })).map((e) => e.data as { node: string; what: string; value?: string });

describe("an IVR flow on a number", () => {
  it("takes a caller two menus deep, checks their customer number, and queues them with it for the agent", async () => {
    const caller = ivrCaller(
      line.target(),
      DID,
      "+48601239001",
      [{ pause: 1500 }, { info: "2" }, { pause: 1200 }, { rfc2833: "2" }, { pause: 1200 }, { rfc2833: "4" }, { pause: 1200 }, ...[..."4412#"].map((k) => ({ info: k }))],
      { hangUpAfterMs: 4000 },
    );
    const call = await callOf("+48601239001");
    expect(call.ivr).toBe(true);
    const item = await until("the caller in the support queue", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, queueId: support.id } }), 30_000);
    expect(item.priority).toBeGreaterThanOrEqual(5);
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } });
    expect(interaction.data).toMatchObject({ ivrFields: { customerNumber: "4412" }, language: "en" });
    const log = await steps(interaction.id);
    expect(log.filter((s) => s.what === "chose").map((s) => `${s.node}:${s.value ?? ""}`)).toEqual(["language:2", "main:2", "help:4"]);
    expect(log.some((s) => s.node === "account" && s.what === "verified")).toBe(true);
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).ivr).toBe(false);
    expect(await caller.done).toBe(0);
  }, 60_000);

  it("refuses a wrong customer number, asks again, then says goodbye and hangs up", async () => {
    const wrong = [..."9999#"].map((k) => ({ info: k }));
    const caller = ivrCaller(
      line.target(),
      DID,
      "+48601239002",
      [{ pause: 1500 }, { info: "1" }, { pause: 1200 }, { info: "2" }, { pause: 1200 }, { info: "4" }, { pause: 1000 }, ...wrong, { pause: 2500 }, ...wrong, { pause: 2500 }, ...wrong],
      "waits for our BYE",
    );
    const call = await callOf("+48601239002");
    expect(await caller.done).toBe(0); // we hung up on it
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("IVR");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ENDED");
    const log = await steps(call.interactionId!);
    expect(log.filter((s) => s.node === "account").map((s) => s.what)).toEqual(["entered", "not_verified", "not_verified", "not_verified", "gave_up"]);
  }, 60_000);

  it("a caller who hangs up in a menu is abandoned there, after the choices they made", async () => {
    const caller = ivrCaller(line.target(), DID, "+48601239003", [{ pause: 1500 }, { info: "1" }], { hangUpAfterMs: 1500 });
    const call = await callOf("+48601239003");
    expect(await caller.done).toBe(0);
    await until("the end", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "ENDED");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ABANDONED");
    const log = await steps(call.interactionId!);
    expect(log.at(-1)).toMatchObject({ node: "main", what: "entered" });
    expect(log.filter((s) => s.what === "chose").map((s) => s.value)).toEqual(["1"]);
  }, 30_000);
});
