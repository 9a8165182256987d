// Subscriptions re-check authorization on every event (not only at subscribe time): the viewer is
// re-resolved, and `check` decides per event. When the right is gone the stream delivers one
// coded error and ends, so a supervisor removed from a team stops seeing it now. A stream may
// open with a `live` event: the moment from which nothing is missed (see myWorkChanged).
import { Repeater } from "graphql-yoga";
import type { Viewer } from "../domain/access/viewer.ts";
import { DomainError } from "../domain/shared/errors.ts";
import type { GraphQLContext } from "./context.ts";

export type Verdict = "deliver" | "skip" | DomainError;
export interface Revoked {
  revoked: DomainError;
}
export const isRevoked = (p: unknown): p is Revoked => typeof p === "object" && p !== null && "revoked" in p;

export function authorizedStream<T, L = never>(
  ctx: GraphQLContext,
  source: AsyncIterable<T>,
  check: (viewer: Viewer, event: T) => Verdict | Promise<Verdict>,
  options: { live?: L } = {},
): AsyncIterable<T | L | Revoked> {
  return new Repeater<T | L | Revoked>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    let done = false;
    stop.then(() => {
      done = true;
      void iterator.return?.();
    });
    // Asking for the first event is what puts the listener in place (pub/sub streams are lazy);
    // `live` goes out only after that, so a client that reads the current state when it hears
    // `live` misses nothing published in between.
    let pending = iterator.next();
    if ("live" in options) await push(options.live as L);
    while (!done) {
      const next = await pending;
      if (next.done || done) break;
      const viewer = await ctx.currentViewer();
      const verdict: Verdict = viewer ? await check(viewer, next.value) : new DomainError("UNAUTHENTICATED", "Your session has ended");
      if (verdict instanceof DomainError) {
        await push({ revoked: verdict });
        break;
      }
      if (verdict === "deliver") await push(next.value);
      pending = iterator.next();
    }
    stop();
  });
}

/** For resolvers: turns the end-of-stream marker into the coded error the client sees. */
export function unlessRevoked<T>(payload: T | Revoked): T {
  if (isRevoked(payload)) throw payload.revoked;
  return payload;
}
