// Session cookie -> Viewer, for GraphQL over HTTP and WebSocket alike. Cached briefly per session
// and dropped on every access change (users, roles, teams), so a revoked right ends at once.
import { toPermissionSet } from "../../domain/access/permissions.ts";
import type { Viewer } from "../../domain/access/viewer.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Auth } from "./auth.ts";
import { SESSION_COOKIE } from "./auth.ts";

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export class ViewerResolver {
  private cache = new Map<string, { viewer: Viewer | null; at: number }>();
  /** Bumped on every access change; holders of derived data (visible agents) compare it. */
  generation = 0;

  constructor(
    private readonly auth: Auth,
    private readonly db: PrismaClient,
  ) {}

  async fromHeaders(headers: Headers, fresh = false): Promise<Viewer | null> {
    const cookie = sessionCookie(headers.get("cookie"));
    if (!cookie) return null;
    const hit = this.cache.get(cookie);
    const now = Date.now();
    if (!fresh && hit && now - hit.at < TTL_MS && (!hit.viewer || hit.viewer.sessionExpiresAt.getTime() > now)) return hit.viewer;
    const viewer = await this.load(headers);
    if (this.cache.size >= MAX_ENTRIES) this.prune(now);
    this.cache.set(cookie, { viewer, at: now });
    return viewer;
  }

  invalidateAll() {
    this.cache.clear();
    this.generation++;
  }

  private prune(now: number) {
    for (const [k, v] of this.cache) if (now - v.at >= TTL_MS) this.cache.delete(k);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
  }

  private async load(headers: Headers): Promise<Viewer | null> {
    const result = await this.auth.api.getSession({ headers, query: { disableRefresh: true } }).catch(() => null);
    if (!result) return null;
    const user = await this.db.user.findUnique({
      where: { id: result.user.id },
      select: { id: true, organizationId: true, name: true, username: true, active: true, locale: true, roleId: true, isOperator: true, role: { select: { permissions: true } } },
    });
    if (!user?.active) return null;
    return {
      userId: user.id,
      organizationId: user.organizationId,
      name: user.name,
      username: user.username,
      roleId: user.roleId,
      permissions: toPermissionSet(user.role.permissions, user.isOperator),
      locale: user.locale,
      sessionId: result.session.id,
      sessionExpiresAt: new Date(result.session.expiresAt),
    };
  }
}

/** The session token in a Cookie header, if there is one. */
export function sessionCookie(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE || name === `__Secure-${SESSION_COOKIE}`) return rest.join("=") || null;
  }
  return null;
}
