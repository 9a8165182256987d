// Callers walking the fixture flows: menus two levels deep, the operator key, retries, a PIN-like
// entry checked by a lookup, hours, who is calling; and the log a report reads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type IvrContext, type IvrEvent, type IvrStep, onEvent, startFlow } from "./engine.ts";
import { type IvrFlow, flowSchema } from "./flow.ts";

const fixture = (name: string): IvrFlow => flowSchema.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/good", name), "utf8")));
const menus = fixture("two-level-menu.json");
const vip = fixture("vip-and-transfer.json");
// Monday 10:00 in Warsaw: open. Christmas: closed.
const open: IvrContext = { now: new Date("2026-11-23T09:00:00Z"), timezone: "Europe/Warsaw", caller: { number: "+48601000000", vip: false, known: true } };

/** Feeds events one by one; the last step. */
function walk(flow: IvrFlow, ctx: IvrContext, events: IvrEvent[]): { last: IvrStep; log: IvrStep["log"] } {
  let step = startFlow(flow, ctx);
  const log = [...step.log];
  for (const e of events) {
    step = onEvent(flow, step.state, e, ctx);
    log.push(...step.log);
  }
  return { last: step, log };
}
const keys = (s: string): IvrEvent[] => [...s].map((digit) => ({ type: "digit", digit }));

describe("the IVR engine", () => {
  it("asks for a language first when open, then walks two menus to a queue", () => {
    const first = startFlow(menus, open);
    expect(first.state.node).toBe("language");
    expect(first.actions).toEqual([expect.objectContaining({ kind: "say", language: "pl", listen: { timeoutSeconds: 5 } })]);
    const { last } = walk(menus, open, keys("22" + "2"));
    expect(last.state.language).toBe("en");
    expect(last.done).toBe(true);
    expect(last.actions).toEqual([{ kind: "queue", queueId: "0190f3a4-0000-7000-8000-000000000002", priority: 10 }]);
  });

  it("star goes back a level; the operator key works at any menu", () => {
    expect(walk(menus, open, keys("12*")).last.state.node).toBe("main");
    expect(walk(menus, open, keys("120")).last.actions).toEqual([expect.objectContaining({ kind: "queue", queueId: "0190f3a4-0000-7000-8000-000000000002" })]);
  });

  it("asks again after a wrong key or silence, then gives up to the fallback; the log says so", () => {
    // support-menu: one retry.
    const { last, log } = walk(menus, open, [...keys("12"), { type: "digit", digit: "9" }, { type: "timeout" }]);
    expect(last.actions[0]).toMatchObject({ kind: "queue" });
    expect(log.filter((l) => l.node === "support-menu").map((l) => l.what)).toEqual(["entered", "invalid", "timeout", "gave_up"]);
  });

  it("collects digits to the terminator, has them checked, and keeps them for the agent", () => {
    const asked = walk(menus, open, keys("121" + "4412#"));
    expect(asked.last.actions).toEqual([{ kind: "verify", verify: { kind: "contact_field", field: "customerNumber" }, digits: "4412" }]);
    const ok = onEvent(menus, asked.last.state, { type: "verified", ok: true }, open);
    expect(ok.state.fields).toEqual({ customerNumber: "4412" });
    expect(ok.actions[0]).toMatchObject({ kind: "say", vars: { account: "4412" } });
    // Wrong: asked again; too short counts as wrong too.
    const wrong = onEvent(menus, asked.last.state, { type: "verified", ok: false }, open);
    expect(wrong.state).toMatchObject({ node: "account", attempts: 1, digits: "" });
    const short = walk(menus, open, keys("121" + "12#"));
    expect(short.last.state).toMatchObject({ node: "account", attempts: 1 });
    // The CRM does not answer: no point asking again, the fallback at once.
    const down = onEvent(menus, asked.last.state, { type: "verified", ok: false, unavailable: true }, open);
    expect(down.state.node).toBe("support");
    expect(down.log).toContainEqual({ node: "account", type: "collect", what: "not_verified", value: "unavailable" });
  });

  it("forgets digits checked against a secret field (a PIN): not a variable, not a case field, not in the log", () => {
    const asked = walk(menus, open, keys("121" + "4412#"));
    const ok = onEvent(menus, asked.last.state, { type: "verified", ok: true, secret: true }, open);
    expect(ok.state.node).not.toBe("account");
    expect(ok.state.fields).toEqual({});
    expect(JSON.stringify([ok.state.vars, ok.actions, asked.log, ok.log])).not.toContain("4412");
  });

  it("after hours (a holiday) the caller may leave a message, mailed to the office", () => {
    const christmas = { ...open, now: new Date("2026-12-25T10:00:00Z") };
    const step = startFlow(menus, christmas);
    expect(step.done).toBe(true);
    expect(step.actions.map((a) => a.kind)).toEqual(["say", "voicemail"]);
    expect(step.actions[1]).toEqual({ kind: "voicemail", maxSeconds: 120, queueId: null, email: "office@example.com" });
    expect(step.log).toContainEqual({ node: "hours", type: "hours", what: "chose", value: "closed" });
  });

  it("branches on who is calling: VIPs first, a country's prefix sets a field, withheld numbers are turned away; a key passes the caller to a number", () => {
    expect(startFlow(vip, { ...open, caller: { number: "+48601", vip: true, known: true } }).actions).toEqual([expect.objectContaining({ kind: "queue", priority: 50 })]);
    const russian = startFlow(vip, { ...open, caller: { number: "+74951234567", vip: false, known: false } });
    expect(russian.state).toMatchObject({ node: "offer", fields: { language: "ru" } });
    expect(startFlow(vip, { ...open, caller: { number: null, vip: false, known: false } }).actions.map((a) => a.kind)).toEqual(["say", "hangup"]);
    const branch = onEvent(vip, russian.state, { type: "digit", digit: "1" }, open);
    expect(branch.actions).toEqual([{ kind: "transfer", number: "+48227000000" }]);
    const later = onEvent(vip, russian.state, { type: "digit", digit: "3" }, open);
    expect(later.actions.map((a) => a.kind)).toEqual(["say", "callback"]);
  });

  it("a fax step says its prompt, then faxes its document on the call, which ends there", () => {
    const documentId = "0190f3a4-0000-7000-8000-0000000000fd";
    const flow = flowSchema.parse({
      language: "en",
      start: "menu",
      nodes: {
        menu: { type: "menu", prompt: { text: { en: "Press 1 for the price list by fax" } }, options: { "1": "fax" }, onFail: "bye" },
        fax: { type: "fax", prompt: { text: { en: "Press Start on your fax machine now" } }, documentId },
        bye: { type: "hangup" },
      },
    });
    const { last, log } = walk(flow, open, keys("1"));
    expect(last.done).toBe(true);
    expect(last.actions).toEqual([expect.objectContaining({ kind: "say", language: "en" }), { kind: "fax", documentId, callBack: false }]);
    expect(log.at(-1)).toEqual({ node: "fax", type: "fax", what: "entered" });
    // or faxed to the caller's number once they hang up
    const later = flowSchema.parse({ ...flow, nodes: { ...flow.nodes, fax: { ...flow.nodes.fax, delivery: "call_back" } } });
    expect(walk(later, open, keys("1")).last.actions.at(-1)).toEqual({ kind: "fax", documentId, callBack: true });
    // a fax step names a document
    expect(flowSchema.safeParse({ start: "fax", nodes: { fax: { type: "fax", prompt: { text: { en: "x" } }, documentId: "" } } }).success).toBe(false);
  });

  it("a fax step may call back the fax number the caller keyed in at a collect step", () => {
    const documentId = "0190f3a4-0000-7000-8000-0000000000fd";
    const fax = { type: "fax", prompt: { text: { en: "Hang up: it is on its way" } }, documentId, delivery: "keyed_number", numberVariable: "faxNo", nationalPrefix: "+48" };
    const flow = flowSchema.parse({
      language: "en",
      start: "number",
      nodes: {
        number: { type: "collect", prompt: { text: { en: "Key in your fax number, then hash" } }, variable: "faxNo", minDigits: 9, maxDigits: 16, next: "fax", onFail: "fax" },
        fax,
      },
    });
    expect(walk(flow, open, keys("221234567#")).last.actions.at(-1)).toEqual({
      kind: "fax",
      documentId,
      callBack: true,
      keyed: { digits: "221234567", nationalPrefix: "+48" },
    });
    // The number must come from a step that collects it; a prefix is a country code.
    const without = flowSchema.safeParse({ start: "fax", nodes: { fax } });
    expect(without.success || without.error.issues.map((i) => [i.path.join("."), (i as { params?: { code?: string } }).params?.code])).toEqual([
      ["nodes.fax.numberVariable", "ivr_no_variable"],
    ]);
    expect(flowSchema.safeParse({ ...flow, nodes: { ...flow.nodes, fax: { ...fax, nationalPrefix: "48" } } }).success).toBe(false);
  });
});
