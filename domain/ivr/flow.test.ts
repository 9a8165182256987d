// The flow schema against its fixtures: every good flow is accepted, every bad one refused with
// the message an admin would read.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flowSchema } from "./flow.ts";

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
