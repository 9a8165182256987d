import { describe, expect, it } from "vitest";
import { flowSchema } from "../../../../../domain/ivr/flow.ts";
import { branches, freeId, newStep, pruned, repoint, starterFlow } from "./flow-model.ts";

const queueId = "0190f3a4-0000-7000-8000-000000000001";

describe("the IVR editor's flow model", () => {
  it("starts from a flow the schema accepts once its prompt has words", () => {
    const flow = starterFlow(queueId);
    flow.nodes["menu-1"] = { ...flow.nodes["menu-1"], prompt: { text: { pl: "Naciśnij 1." } } };
    expect(flowSchema.safeParse(flow).error?.issues ?? []).toEqual([]);
  });
  it("adds a second level under a key, and drops what nothing leads to", () => {
    let flow = starterFlow(queueId);
    const id = freeId(flow, "menu");
    expect(id).toBe("menu-2");
    flow = { ...flow, nodes: { ...flow.nodes, [id]: newStep("menu", { queueId, fallback: "queue-1" }) } };
    flow.nodes["menu-1"] = repoint(flow.nodes["menu-1"], "key:2", id);
    expect(branches(flow.nodes["menu-1"]).map((b) => b.target)).toEqual(["queue-1", "menu-2", "queue-1"]);
    flow.nodes["menu-1"] = repoint(flow.nodes["menu-1"], "key:2", "queue-1");
    expect(Object.keys(pruned(flow).nodes).sort()).toEqual(["menu-1", "queue-1"]);
  });
});
