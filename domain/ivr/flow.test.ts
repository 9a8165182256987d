// The flow schema against its fixtures: every good flow is accepted, every bad one refused with
// the message an admin would read.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flowAudio, flowSchema } from "./flow.ts";

const dir = (kind: string) => path.join(import.meta.dirname, "fixtures", kind);
const read = (kind: string, file: string) => JSON.parse(readFileSync(path.join(dir(kind), file), "utf8"));

describe("flowSchema", () => {
  it.each(readdirSync(dir("good")))("accepts %s", (file) => {
    const result = flowSchema.safeParse(read("good", file));
    expect(result.error?.issues ?? []).toEqual([]);
  });
  it.each(readdirSync(dir("bad")))("refuses %s", (file) => {
    const { expect: message, flow } = read("bad", file);
    const result = flowSchema.safeParse(flow);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join("\n")).toContain(message);
  });
});

describe("prompts from recordings", () => {
  it("keep flows with text only valid, and text optional beside a recording", () => {
    const flow = flowSchema.parse(read("good", "recorded-prompts.json"));
    expect(flow.nodes.welcome).toMatchObject({ prompt: { text: {}, audioId: "0192f5a0-7b1c-7d2e-8f3a-4b5c6d7e8f90" } });
    const spoken = flowSchema.parse(read("good", "two-level-menu.json"));
    expect(flowAudio(spoken)).toEqual([]);
  });

  it("lists every recording a flow plays, with its step", () => {
    const flow = flowSchema.parse(read("good", "recorded-prompts.json"));
    expect(flowAudio(flow)).toEqual([
      { step: "welcome", field: "prompt", audioId: "0192f5a0-7b1c-7d2e-8f3a-4b5c6d7e8f90" },
      { step: "menu", field: "prompt", audioId: "0192f5a0-7b1c-7d2e-8f3a-4b5c6d7e8f91" },
      { step: "menu", field: "invalidPrompt", audioId: "0192f5a0-7b1c-7d2e-8f3a-4b5c6d7e8f92" },
    ]);
  });
});
