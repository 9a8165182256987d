import type { IncomingMessage } from "node:http";

/**
 * Whether a browser request comes from Centrala's own pages: its Origin is trusted, or is the very
 * host the request was sent to (the page and the API share it). Requests without an Origin are not
 * from a browser's cross-site script and pass; rate limits cover those.
 */
export function fromOwnPages(req: IncomingMessage, trustedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (trustedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
