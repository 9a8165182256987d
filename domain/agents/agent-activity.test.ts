import { describe, expect, it } from "vitest";
import { PRODUCT_DEFAULT_CAPACITY } from "../routing/capacity.ts";
import { agentActivity } from "./agent-activity.ts";

const cap = { ...PRODUCT_DEFAULT_CAPACITY, CHAT: 4 };

describe("agentActivity", () => {
  it("says an agent in chats is in chats, with occupancy against their chat capacity", () => {
    expect(agentActivity("READY", { CHAT: 2 }, cap)).toEqual({ doing: "CHATS", calls: 0, chats: 2, emails: 0, occupancy: 50 });
  });
  it("puts a call before chats, and counts the fullest channel", () => {
    expect(agentActivity("READY", { VOICE: 1, CHAT: 1 }, cap)).toMatchObject({ doing: "CALL", occupancy: 100 });
  });
  it("shows wrap-up when nothing live is open, and idle when nothing at all", () => {
    expect(agentActivity("WRAP_UP", {}, cap)).toMatchObject({ doing: "WRAP_UP", occupancy: 0 });
    expect(agentActivity("READY", {}, cap)).toMatchObject({ doing: "IDLE", occupancy: 0 });
  });
  it("never divides by a zero capacity", () => {
    expect(agentActivity("READY", { EMAIL: 1 }, { ...cap, EMAIL: 0 })).toMatchObject({ doing: "EMAILS", occupancy: 100 });
  });
});
