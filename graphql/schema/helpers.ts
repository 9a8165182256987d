import type { Viewer } from "../../domain/access/viewer.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import type { GraphQLContext } from "../context.ts";

/** For resolvers whose authScopes already required a viewer. */
export function viewerOf(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
  return ctx.viewer;
}
