// Sign-in, sessions and sign-out through better-auth (username + password, httpOnly cookies).
// Around it: our lockout (domain/auth), refusal of deactivated users, the audit trail, the
// agent going OFFLINE at sign-out, and the user's language cookie.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { username } from "better-auth/plugins";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Deps } from "../../domain/ports.ts";
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess, recordSignOut } from "../../domain/auth/sign-in-events.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { LOCALE_COOKIE } from "../i18n-cookie.ts";

/** Set by server.ts from the socket (or a trusted proxy), never taken from the client as is. */
export const CLIENT_IP_HEADER = "x-centrala-client-ip";
export const SESSION_COOKIE = "centrala.session_token";
/** The only better-auth endpoints reachable from outside (server.ts refuses the rest). */
export const PUBLIC_AUTH_PATHS = ["/sign-in/username", "/sign-out", "/get-session"] as const;

const INVALID_CREDENTIALS = { code: "INVALID_CREDENTIALS", message: "Invalid login or password" } as const;

export function createAuth(config: Config, secret: string, deps: Deps, log: Logger) {
  const lockout = config.auth.lockout;
  const ipOf = (headers?: Headers | null) => headers?.get(CLIENT_IP_HEADER) ?? undefined;

  return betterAuth({
    appName: "Centrala",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret,
    database: prismaAdapter(deps.db, { provider: "postgresql" }),
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      log: (level, message, ...args) => log[level]({ args }, `auth: ${message}`),
    },
    // Refusals (wrong password, locked, rate-limited) are the client's business; only failures are errors.
    onAPIError: {
      onError: (e) => {
        const status = (e as { statusCode?: number }).statusCode ?? 500;
        if (status >= 500) log.error({ err: e }, "auth endpoint failed");
        else log.debug({ status, message: (e as Error).message }, "auth refused a request");
      },
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      password: { hash: deps.passwords.hash, verify: deps.passwords.verify },
    },
    plugins: [
      // Any string may be tried as a login: a malformed one fails like an unknown one.
      username({ minUsernameLength: 1, maxUsernameLength: 200, usernameValidator: () => true }),
    ],
    session: {
      expiresIn: config.auth.sessionTtlHours * 3600,
      updateAge: Math.max(300, Math.floor((config.auth.sessionTtlHours * 3600) / 4)),
      cookieCache: { enabled: false }, // a revoked session must stop working at once
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 600,
      customRules: { "/sign-in/username": { window: 60, max: config.auth.signInRateLimitPerMinute } },
    },
    trustedOrigins: config.trustedOrigins,
    advanced: {
      cookiePrefix: "centrala",
      useSecureCookies: config.publicUrl.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      database: { generateId: "uuid" },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    databaseHooks: {
      session: {
        create: {
          // Runs after the password matched: a deactivated user gets the same answer as a wrong password.
          async before(session) {
            const user = await deps.db.user.findUnique({ where: { id: session.userId }, select: { active: true } });
            if (!user?.active) throw new APIError("UNAUTHORIZED", INVALID_CREDENTIALS);
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/username") {
          try {
            await assertSignInAllowed(String(ctx.body?.username ?? ""), deps);
          } catch (e) {
            if (e instanceof DomainError) {
              throw new APIError("TOO_MANY_REQUESTS", { code: e.code, message: e.message, retryAfterSeconds: e.details.retryAfterSeconds });
            }
            throw e;
          }
        }
        if (ctx.path === "/sign-out") {
          const current = await getSessionFromCtx(ctx).catch(() => null);
          const user = current && (await deps.db.user.findUnique({ where: { id: current.user.id }, select: { id: true, name: true, organizationId: true } }));
          if (user) await recordSignOut(user, deps, ipOf(ctx.headers));
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/username") return;
        const returned = ctx.context.returned;
        const login = String(ctx.body?.username ?? "");
        if (returned instanceof APIError) {
          if (returned.statusCode === 401) {
            await recordSignInFailure(login, lockout, deps, ipOf(ctx.headers));
            // One answer for unknown login, wrong password and deactivated account.
            throw new APIError("UNAUTHORIZED", INVALID_CREDENTIALS);
          }
          return;
        }
        const session = ctx.context.newSession;
        if (!session) return;
        const user = await deps.db.user.findUnique({
          where: { id: session.user.id },
          select: { id: true, username: true, name: true, organizationId: true, locale: true },
        });
        if (!user) return;
        await recordSignInSuccess(user, deps, ipOf(ctx.headers));
        ctx.setCookie(LOCALE_COOKIE, user.locale, { path: "/", sameSite: "lax", httpOnly: false, maxAge: 365 * 24 * 3600 });
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
