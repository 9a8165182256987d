// Read-only wall-board links for TVs. The token is 32 random bytes, shown once at creation; only
// its SHA-256 is stored (a token that long needs no slow hash: it cannot be guessed, only stolen,
// and a stolen table of hashes gives no token back). Revoking a link ends its TVs' feeds at once.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** Tokens as we make them: 43 characters of base64url. Anything else is refused before any lookup. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function mayManage(viewer: Viewer) {
  if (!can(viewer, "wallboard.manage")) throw new DomainError("FORBIDDEN", "You may not manage wall-board links");
}

export async function createWallboardLink(viewer: Viewer, raw: { name: string }, deps: Pick<Deps, "db">, ip?: string) {
  mayManage(viewer);
  const { name } = parseInput(z.object({ name: z.string().trim().min(1, "required").max(80, "at most 80 characters") }), raw);
  const token = randomBytes(32).toString("base64url");
  const link = await deps.db.$transaction(async (tx) => {
    const link = await tx.wallboardLink.create({
      data: { organizationId: viewer.organizationId, name, tokenHash: hashToken(token), createdById: viewer.userId },
    });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "wallboard_link.created",
      targetType: "WallboardLink",
      targetId: link.id,
      targetLabel: name,
      ip,
    });
    return link;
  });
  return { link, token };
}

export async function revokeWallboardLink(viewer: Viewer, id: string, deps: Pick<Deps, "db" | "events" | "now">, ip?: string) {
  mayManage(viewer);
  const organizationId = viewer.organizationId;
  const link = await deps.db.$transaction(async (tx) => {
    const link = await tx.wallboardLink.findFirst({ where: { id, organizationId } });
    if (!link) throw notFound("Wall-board link");
    if (link.revokedAt) return link;
    const revoked = await tx.wallboardLink.update({ where: { id }, data: { revokedAt: deps.now() } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "wallboard_link.revoked",
      targetType: "WallboardLink",
      targetId: id,
      targetLabel: link.name,
      ip,
    });
    return revoked;
  });
  deps.events.publish("wallboard_link.revoked", { organizationId, linkId: id });
  return link;
}

export async function wallboardLinks(viewer: Viewer, deps: Pick<Deps, "db">) {
  mayManage(viewer);
  return deps.db.wallboardLink.findMany({ where: { organizationId: viewer.organizationId }, orderBy: { createdAt: "desc" } });
}

/** The link a token names (revoked or not: a TV says which); null for no link at all. */
export async function linkFromToken(token: string, deps: Pick<Deps, "db">) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return deps.db.wallboardLink.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, organizationId: true, name: true, revokedAt: true } });
}
