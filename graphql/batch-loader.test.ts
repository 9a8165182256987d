import { describe, expect, it, vi } from "vitest";
import { loadBatched } from "./batch-loader.ts";

const names = (ids: string[]) => Promise.resolve(new Map(ids.filter((id) => id !== "gone").map((id) => [id, `name of ${id}`])));

describe("loadBatched", () => {
  it("fetches the ids asked for together in one call, each once per request", async () => {
    const ctx = {};
    const load = vi.fn(names);
    const got = await Promise.all(["a", "b", "a", "gone"].map((id) => loadBatched(ctx, "queue", load, id)));
    expect(got).toEqual(["name of a", "name of b", "name of a", undefined]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0][0].sort()).toEqual(["a", "b", "gone"]);
    expect(await loadBatched(ctx, "queue", load, "b")).toBe("name of b");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("batches ids asked for a few promise turns apart; keeps requests and names apart", async () => {
    const ctx = {};
    const load = vi.fn(names);
    const late = (async () => {
      await Promise.resolve();
      await Promise.resolve();
      return loadBatched(ctx, "queue", load, "c");
    })();
    const results = await Promise.all([loadBatched(ctx, "queue", load, "a"), late, loadBatched({}, "queue", load, "a"), loadBatched(ctx, "agent", load, "a")]);
    expect(results).toEqual(["name of a", "name of c", "name of a", "name of a"]);
    expect(load).toHaveBeenCalledTimes(3); // ctx/queue (a and c together), the other request, ctx/agent
  });

  it("a failed lookup fails its waiters and is tried again next time", async () => {
    const ctx = {};
    const load = vi.fn().mockRejectedValueOnce(new Error("db down")).mockImplementation(names);
    await expect(loadBatched(ctx, "queue", load, "a")).rejects.toThrow("db down");
    expect(await loadBatched(ctx, "queue", load, "a")).toBe("name of a");
  });
});
