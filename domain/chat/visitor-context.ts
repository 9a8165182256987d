import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";

/** A visitor's token lasts this long: the conversation survives reloads, tabs and days. */
export const VISITOR_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface VisitorContext {
  visitorId: string;
  organizationId: string;
  entryPointId: string;
}

export const visitorToken = (visitorId: string, deps: Pick<Deps, "tokens">) => deps.tokens.sign(`visitor:${visitorId}`, VISITOR_TOKEN_TTL_SECONDS);

/** Who the token belongs to; the only way into a conversation (ids alone open nothing). */
export async function visitorFromToken(token: string | null | undefined, deps: Pick<Deps, "db" | "tokens">): Promise<VisitorContext> {
  const subject = token ? deps.tokens.verify(token) : null;
  const visitorId = subject?.startsWith("visitor:") ? subject.slice("visitor:".length) : null;
  const visitor = visitorId
    ? await deps.db.visitor.findUnique({ where: { id: visitorId }, select: { id: true, organizationId: true, entryPointId: true } })
    : null;
  if (!visitor) throw new DomainError("UNAUTHENTICATED", "This conversation has ended or the link is not valid; start a new one");
  return { visitorId: visitor.id, organizationId: visitor.organizationId, entryPointId: visitor.entryPointId };
}

/** The visitor's current conversation: the newest one, unless it ended. */
export async function currentInteraction(v: VisitorContext, deps: Pick<Deps, "db">) {
  return deps.db.interaction.findFirst({ where: { visitorId: v.visitorId }, orderBy: { arrivedAt: "desc" } });
}
