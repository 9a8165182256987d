// Subscriptions re-check authorization on every event (not only at subscribe time): the viewer is
// re-resolved, and `check` decides per event. When the right is gone the stream delivers one
// coded error and ends, so a supervisor removed from a team stops seeing it now.
import { Repeater } from "graphql-yoga";
import type { Viewer } from "../domain/access/viewer.ts";
import { DomainError } from "../domain/shared/errors.ts";
import type { GraphQLContext } from "./context.ts";

export type Verdict = "deliver" | "skip" | DomainError;
export interface Revoked {
  revoked: DomainError;
}
export const isRevoked = (p: unknown): p is Revoked => typeof p === "object" && p !== null && "revoked" in p;

export function authorizedStream<T>(
  ctx: GraphQLContext,
  source: AsyncIterable<T>,
  check: (viewer: Viewer, event: T) => Verdict | Promise<Verdict>,
): AsyncIterable<T | Revoked> {
  return new Repeater<T | Revoked>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    let done = false;
    stop.then(() => {
      done = true;
      void iterator.return?.();
    });
    while (!done) {
      const next = await iterator.next();
      if (next.done || done) break;
      const viewer = await ctx.currentViewer();
      const verdict: Verdict = viewer ? await check(viewer, next.value) : new DomainError("UNAUTHENTICATED", "Your session has ended");
      if (verdict === "skip") continue;
      if (verdict instanceof DomainError) {
        await push({ revoked: verdict });
        break;
      }
      await push(next.value);
    }
    stop();
  });
}

/** For resolvers: turns the end-of-stream marker into the coded error the client sees. */
export function unlessRevoked<T>(payload: T | Revoked): T {
  if (isRevoked(payload)) throw payload.revoked;
  return payload;
}
