// Which browser pages may use Centrala with the signed-in user's cookie. Browsers attach the
// session cookie to requests that other sites' pages start (a form posted to us, a fetch from another
// port of the same host: SameSite=Lax does not stop those), so the server checks where they come from.
import type { IncomingMessage } from "node:http";
import { sessionCookie } from "./auth/viewer-resolver.ts";

/**
 * Whether a browser request comes from Centrala's own pages: its Origin is trusted, or is the very
 * host the request was sent to (the page and the API share it). Requests without an Origin are not
 * from a browser's cross-site script and pass; rate limits cover those.
 */
export function fromOwnPages(req: IncomingMessage, trustedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  return isOwnOrigin(origin, req, trustedOrigins);
}

function isOwnOrigin(origin: string, req: IncomingMessage, trustedOrigins: string[]): boolean {
  if (trustedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // includes the opaque "null" of sandboxed frames, data: pages and some redirects
  }
}

/** Origins whose pages may read GraphQL answers cross-origin: PUBLIC_URL's and TRUSTED_ORIGINS. */
export function corsOrigin(origin: string | null, trustedOrigins: string[]): string | null {
  return origin && trustedOrigins.includes(origin) ? origin : null;
}

const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

/**
 * Cross-site request forgery guard for every write that carries the session cookie: the page
 * that sent it must be ours. A foreign or opaque ("null") Origin is refused; without an Origin the
 * request passes only if the browser says it is same-origin or typed by the user (Sec-Fetch-Site),
 * or says nothing at all (curl, scripts: no cookie of a victim rides along there).
 */
export function isForgedWrite(req: IncomingMessage, trustedOrigins: string[]): boolean {
  if (SAFE_METHODS.includes(req.method ?? "GET")) return false;
  if (!sessionCookie(req.headers.cookie)) return false;
  const origin = req.headers.origin;
  if (origin) return !isOwnOrigin(origin, req, trustedOrigins);
  const site = req.headers["sec-fetch-site"];
  return site !== undefined && site !== "same-origin" && site !== "none";
}
