import { describe, expect, it } from "vitest";
import { MUSIC, PROMPT, audioPlan, ringingPlan, type PartyAudio } from "./audio-plan.ts";

const caller: PartyAudio = { id: "customer", role: "CALLER", staff: false };
const agent: PartyAudio = { id: "agent", role: "CALLEE", staff: true };
const hears = (plan: Map<string, Set<string>>, id: string) => [...(plan.get(id) ?? [])].sort();

describe("audioPlan", () => {
  it("two parties hear each other", () => {
    const plan = audioPlan([caller, agent]);
    expect(hears(plan, "customer")).toEqual(["agent"]);
    expect(hears(plan, "agent")).toEqual(["customer"]);
  });
  it("a listening supervisor hears both and is heard by nobody", () => {
    const plan = audioPlan([caller, agent, { id: "sup", role: "MONITOR", staff: true, mode: "LISTEN" }]);
    expect(hears(plan, "sup")).toEqual(["agent", "customer"]);
    expect(hears(plan, "customer")).toEqual(["agent"]);
    expect(hears(plan, "agent")).toEqual(["customer"]);
  });
  it("a whisper reaches the agent only; a barge reaches both", () => {
    const whisper = audioPlan([caller, agent, { id: "sup", role: "MONITOR", staff: true, mode: "WHISPER" }]);
    expect(hears(whisper, "agent")).toEqual(["customer", "sup"]);
    expect(hears(whisper, "customer")).toEqual(["agent"]);
    const barge = audioPlan([caller, agent, { id: "sup", role: "MONITOR", staff: true, mode: "BARGE" }]);
    expect(hears(barge, "customer")).toEqual(["agent", "sup"]);
  });
  it("on hold the talking parties do not hear each other and the customer hears music; a party who left hears and is heard by nobody", () => {
    const held = audioPlan([caller, agent], true);
    expect(hears(held, "customer")).toEqual(["music"]);
    expect(hears(held, "agent")).toEqual([]);
    const left = audioPlan([caller, { ...agent, left: true }]);
    expect(hears(left, "customer")).toEqual([]);
    expect(hears(left, "agent")).toEqual([]);
  });
  it("consulting a colleague: the customer on hold hears music, the agent and the colleague hear each other", () => {
    const colleague: PartyAudio = { id: "colleague", role: "CONSULTED", staff: true };
    const plan = audioPlan([caller, agent, colleague], true);
    expect(hears(plan, "customer")).toEqual(["music"]);
    expect(hears(plan, "agent")).toEqual(["colleague"]);
    expect(hears(plan, "colleague")).toEqual(["agent"]);
  });
  it("consulting an outside number: the agent hears its ringing tone, then talks with it while the customer waits; lifting the hold makes a conference", () => {
    const phoneCaller: PartyAudio = { ...caller, phone: true };
    const expert: PartyAudio = { id: "expert", role: "CONSULTED", staff: false, phone: true };
    const ringing = audioPlan([phoneCaller, agent, { ...expert, ringing: true }], true);
    expect(hears(ringing, "agent")).toEqual(["expert"]);
    expect(hears(ringing, "customer")).toEqual(["music"]);
    expect(hears(ringing, "expert")).toEqual([]);
    const talking = audioPlan([phoneCaller, agent, expert], true);
    expect(hears(talking, "expert")).toEqual(["agent"]);
    expect(hears(talking, "customer")).toEqual(["music"]);
    const conference = audioPlan([phoneCaller, agent, expert, { id: "sup", role: "MONITOR", staff: true, mode: "WHISPER" }], false);
    expect(hears(conference, "customer")).toEqual(["agent", "expert"]);
    expect(hears(conference, "expert")).toEqual(["agent", "customer"]);
    // A supervisor's whisper is for the staff, not for the outside number.
    expect(hears(conference, "agent")).toEqual(["customer", "expert", "sup"]);
    const handedOver = audioPlan([phoneCaller, { ...agent, left: true }, expert], false);
    expect(hears(handedOver, "customer")).toEqual(["expert"]);
    expect(hears(handedOver, "expert")).toEqual(["customer"]);
  });
});

describe("ringingPlan", () => {
  it("a phone caller waiting hears music; an agent dialling out hears the network; a web caller hears nothing", () => {
    const waiting = ringingPlan([{ id: "phone", role: "CALLER", staff: false, phone: true }]);
    expect([...waiting.get("phone")!]).toEqual([MUSIC]);
    const web = ringingPlan([{ id: "visitor", role: "CALLER", staff: false }]);
    expect(web.get("visitor")!.size).toBe(0);
    const out = ringingPlan([
      { id: "agent", role: "CALLER", staff: true },
      { id: "phone", role: "CALLEE", staff: false, phone: true, left: true },
    ]);
    expect([...out.get("agent")!]).toEqual(["phone"]);
    expect(out.get("phone")!.size).toBe(0);
  });

  it("in an IVR flow a web caller hears the prompts (PROMPT) and a phone caller neither music nor PROMPT (prompts are in its mix)", () => {
    const web = ringingPlan([{ id: "visitor", role: "CALLER", staff: false }], true);
    expect([...web.get("visitor")!]).toEqual([PROMPT]);
    const phone = ringingPlan([{ id: "phone", role: "CALLER", staff: false, phone: true }], true);
    expect(phone.get("phone")!.size).toBe(0);
  });
});
