import { describe, expect, it } from "vitest";
import type { FactEvent } from "./call-facts.ts";
import { type ConversationInput, type FactMessage, conversationFact } from "./conversation-facts.ts";

const T0 = Date.parse("2026-12-01T10:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);
const ev = (type: FactEvent["type"], s: number, queueId: string | null = null, agentId: string | null = null, data: Record<string, unknown> = {}): FactEvent => ({
  type,
  at: at(s),
  queueId,
  agentId,
  data,
});
const msg = (authorType: FactMessage["authorType"], s: number, authorUserId: string | null = null, kind: FactMessage["kind"] = "MESSAGE"): FactMessage => ({
  authorType,
  kind,
  authorUserId,
  createdAt: at(s),
});
const chat = (endS: number, over: Partial<ConversationInput> = {}): ConversationInput => ({
  channel: "CHAT",
  direction: "INBOUND",
  arrivedAt: at(0),
  endedAt: at(endS),
  queueId: "q1",
  fromWebVisitor: true,
  rating: null,
  resolution: null,
  ...over,
});
const target = (minutes: number | null) => () => minutes;

describe("what a chat or e-mail counts for", () => {
  it("an agent accepted but never wrote: answered, no first response, handling to the end", () => {
    const f = conversationFact(
      chat(300),
      [ev("queued", 0, "q1"), ev("offered", 5, "q1", "a1"), ev("accepted", 10, "q1", "a1"), ev("ended", 300, null, "a1")],
      [msg("CONTACT", 1), msg("CONTACT", 60), msg("AGENT", 100, "a1", "NOTE")],
      target(2),
    );
    expect(f).toMatchObject({
      queueId: "q1",
      agentId: "a1",
      answered: true,
      firstResponseSeconds: null,
      firstResponseTargetSeconds: 120,
      firstResponseInTarget: false,
      handlingSeconds: 290,
      messagesFromContact: 2,
      messagesFromAgents: 0,
      rating: null,
    });
  });

  it("an e-mail answered by a reply: first response to the reply, within the queue's target", () => {
    const f = conversationFact(
      chat(7200, { channel: "EMAIL", fromWebVisitor: false, resolution: { createdAt: at(0), resolvedAt: at(9000) } }),
      [ev("queued", 0, "q2"), ev("accepted", 600, "q2", "a2"), ev("ended", 7200, null, "a2")],
      [msg("CONTACT", 0), msg("AGENT", 3000, "a2"), msg("SYSTEM", 3001)],
      (q) => (q === "q2" ? 60 : null),
    );
    expect(f).toMatchObject({
      queueId: "q2",
      agentId: "a2",
      answered: true,
      firstResponseSeconds: 3000,
      firstResponseTargetSeconds: 3600,
      firstResponseInTarget: true,
      handlingSeconds: 6600,
      resolutionSeconds: 9000,
      messagesFromContact: 1,
      messagesFromAgents: 1,
    });
  });

  it("an e-mail replied to without anyone accepting it is answered too; no target: never within it", () => {
    const f = conversationFact(chat(500, { channel: "EMAIL" }), [ev("queued", 0, "q1")], [msg("AGENT", 400, "a3")], target(null));
    expect(f).toMatchObject({ answered: true, agentId: "a3", firstResponseSeconds: 400, firstResponseTargetSeconds: null, firstResponseInTarget: false, handlingSeconds: 0 });
  });

  it("re-queued when its agent went offline, finished by another queue's agent: their queue, handling of both, first response by whoever wrote first", () => {
    const f = conversationFact(
      chat(400),
      [
        ev("queued", 0, "q1"),
        ev("accepted", 20, "q1", "a1"),
        ev("requeued", 100, "q1", "a1", { reason: "AGENT_OFFLINE" }),
        ev("transfer_requested", 110, "q3", null, { toQueueId: "q3" }),
        ev("accepted", 150, "q3", "a2"),
        ev("ended", 400, null, "a2"),
      ],
      [msg("CONTACT", 2), msg("AGENT", 50, "a1"), msg("AGENT", 160, "a2"), msg("CONTACT", 170)],
      (q) => (q === "q3" ? 1 : 5),
    );
    expect(f).toMatchObject({
      queueId: "q3",
      agentId: "a1",
      firstResponseSeconds: 50,
      firstResponseTargetSeconds: 60,
      firstResponseInTarget: true,
      handlingSeconds: 80 + 250,
      messagesFromContact: 2,
      messagesFromAgents: 2,
    });
  });

  it("a colleague taking it over ends the first agent's handling at their accept", () => {
    const f = conversationFact(chat(200), [ev("accepted", 0, "q1", "a1"), ev("accepted", 50, "q1", "a2"), ev("ended", 200)], [], target(null));
    expect(f).toMatchObject({ handlingSeconds: 200, agentId: "a2" });
  });

  it("the rating: the last `rated` event, else the interaction's stored rating", () => {
    const events = [ev("accepted", 0, "q1", "a1"), ev("ended", 60), ev("rated", 70, null, null, { rating: 2, comment: "" }), ev("rated", 80, null, null, { rating: 4, comment: "ok" })];
    expect(conversationFact(chat(60), events, [], target(null))?.rating).toBe(4);
    expect(conversationFact(chat(60, { rating: 5 }), [ev("accepted", 0, "q1", "a1")], [], target(null))?.rating).toBe(5);
    expect(conversationFact(chat(60, { rating: 9 }), [], [], target(null))).toMatchObject({ rating: null, answered: false, agentId: null });
  });

  it("outbound e-mails count for nothing; an unresolved case has no resolution time", () => {
    expect(conversationFact(chat(60, { direction: "OUTBOUND" }), [], [], target(null))).toBeNull();
    expect(conversationFact(chat(60, { resolution: { createdAt: at(0), resolvedAt: null } }), [], [], target(null))?.resolutionSeconds).toBeNull();
  });
});
