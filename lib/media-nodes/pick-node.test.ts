import { describe, expect, it } from "vitest";
import type { NodeInfo } from "../rpc/node-registry.ts";
import { clusterPhoneProblem, clusterVoice, pickMediaNode, withRecentClaims } from "./pick-node.ts";

const node = (id: string, load: number, on = true, phoneProblem: string | null = null): NodeInfo => ({
  id,
  roles: ["media"],
  load,
  voice: { enabled: on, reason: on ? null : "no worker" },
  phoneProblem,
  at: 0,
});

describe("choosing the media node for a new call", () => {
  it("takes the least loaded node with voice on, the same on every web node", () => {
    expect(pickMediaNode([node("b", 3), node("a", 5), node("c", 1, false)])?.id).toBe("b");
    expect(pickMediaNode([node("b", 2), node("a", 2)])?.id).toBe("a");
  });
  it("gives a telephone call to its trunk's registrar, else to a node whose gateway works", () => {
    const nodes = [node("a", 0, true, "Janus is down"), node("b", 4), node("c", 9), node("d", 1, false)];
    expect(pickMediaNode(nodes, { trunkId: "t", registrar: "c" })?.id).toBe("c");
    // No registrar (the trunk does not register, or its node is gone): the least loaded gateway.
    expect(pickMediaNode(nodes, { trunkId: "t", registrar: null })?.id).toBe("b");
    expect(pickMediaNode(nodes, { trunkId: "t", registrar: "gone" })?.id).toBe("b");
    // A registrar without voice carries nothing; no gateway anywhere: any node with voice (the call fails there).
    expect(pickMediaNode(nodes, { trunkId: "t", registrar: "d" })?.id).toBe("b");
    expect(pickMediaNode([node("a", 3, true, "down"), node("e", 1, true, "down")], { trunkId: "t", registrar: null })?.id).toBe("e");
    // A web call goes anywhere with voice.
    expect(pickMediaNode(nodes)?.id).toBe("a");
  });
  it("counts the calls given since a node's last heartbeat, so a burst spreads over the nodes", () => {
    const nodes = [{ ...node("a", 2), at: 1000 }, { ...node("b", 3), at: 1000 }];
    const claims = new Map<string, number[]>();
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const pick = pickMediaNode(withRecentClaims(nodes, claims))!.id;
      claims.set(pick, [...(claims.get(pick) ?? []), 1500]);
      picks.push(pick);
    }
    expect(picks).toEqual(["a", "a", "b", "a", "b", "a"]);
    // Claims from before a node's last beat are in the load it said.
    expect(withRecentClaims(nodes, new Map([["a", [900, 999]]]))[0].load).toBe(2);
  });
  it("finds none when no node can carry calls", () => {
    expect(pickMediaNode([])).toBeNull();
    expect(pickMediaNode([node("a", 0, false)])).toBeNull();
  });
});

describe("voice across the cluster", () => {
  it("is on when any node has it, else says why", () => {
    expect(clusterVoice([node("a", 0, false), node("b", 0)])).toEqual({ enabled: true, reason: null });
    expect(clusterVoice([node("a", 0, false)])).toEqual({ enabled: false, reason: "no worker" });
    expect(clusterVoice([])).toEqual({ enabled: false, reason: "no media node is running" });
  });
  it("has phones when any node's gateway works", () => {
    expect(clusterPhoneProblem([node("a", 0, true, "Janus is down"), node("b", 0)])).toBeNull();
    expect(clusterPhoneProblem([node("a", 0, true, "Janus is down")])).toBe("Janus is down");
    expect(clusterPhoneProblem([])).toBe("no media node is running");
  });
});
