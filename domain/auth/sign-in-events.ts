// What happens around a sign-in attempt; the credential check itself is better-auth's (lib/auth).
import { changeAgentState } from "../agents/set-agent-state.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { type LockoutPolicy, LoginThrottleRepository, lockedForSeconds, normalizeLogin } from "./login-throttle.ts";

export async function assertSignInAllowed(login: string, deps: Pick<Deps, "db" | "now">) {
  const record = await new LoginThrottleRepository(deps.db).get(normalizeLogin(login));
  const seconds = lockedForSeconds(record, deps.now());
  if (seconds > 0) {
    throw new DomainError("ACCOUNT_LOCKED", `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} min.`, { retryAfterSeconds: seconds });
  }
}

/**
 * One more wrong password for this login — at sign-in, or as the current password when changing it
 * (`via`): both count towards the same lock, so a stolen session cannot guess the password either.
 */
export async function recordSignInFailure(login: string, policy: LockoutPolicy, deps: Deps, ip?: string, via: "sign_in" | "password_change" = "sign_in") {
  const name = normalizeLogin(login);
  const { justLocked, lockedUntil } = await deps.db.$transaction((tx) => new LoginThrottleRepository(tx).recordFailure(name, deps.now(), policy));
  if (!justLocked) return;
  deps.log.warn({ login: name, ip, lockedUntil, via }, "sign-in locked after repeated failures");
  const user = await deps.db.user.findUnique({ where: { username: name }, select: { id: true, organizationId: true, name: true } });
  if (user) {
    await recordAudit(deps.db, {
      organizationId: user.organizationId,
      actorId: null,
      action: "auth.locked",
      targetType: "User",
      targetId: user.id,
      targetLabel: user.name,
      data: { lockedUntil: lockedUntil?.toISOString() ?? null, via },
      ip,
    });
  }
}

export async function recordSignInSuccess(user: { id: string; username: string; name: string; organizationId: string }, deps: Deps, ip?: string) {
  await new LoginThrottleRepository(deps.db).clear(normalizeLogin(user.username));
  await recordAudit(deps.db, {
    organizationId: user.organizationId,
    actorId: user.id,
    action: "auth.signed_in",
    targetType: "User",
    targetId: user.id,
    targetLabel: user.name,
    ip,
  });
}

/** Signing out ends the working day's presence: the agent goes OFFLINE. */
export async function recordSignOut(user: { id: string; name: string; organizationId: string }, deps: Deps, ip?: string) {
  await changeAgentState({ userId: user.id, organizationId: user.organizationId, state: "OFFLINE", source: "SIGN_OUT", changedById: null, seen: false }, deps);
  await recordAudit(deps.db, {
    organizationId: user.organizationId,
    actorId: user.id,
    action: "auth.signed_out",
    targetType: "User",
    targetId: user.id,
    targetLabel: user.name,
    ip,
  });
}
