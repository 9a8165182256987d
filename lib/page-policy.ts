// The rules for pages (everything lib/http-server.ts hands to Next): which of them anyone may open.
import { readdirSync } from "node:fs";
import path from "node:path";

/** The chat widget's iframe page; its key names the widget. */
export const WIDGET_PAGE = /^\/widget\/([A-Za-z0-9_-]+)$/;

const PUBLIC_PAGES = ["/login", "/demo"];
// Next's own: built assets, the app's icon (app/icon.svg) and, in development, its overlay's endpoints.
const NEXT_PUBLIC = ["/icon.svg", "/favicon.ico"];
const NEXT_PUBLIC_PREFIXES = ["/_next/", "/__nextjs"];

/**
 * Whether a page may be opened without a session. Everything else needs one, so a new area is
 * behind sign-in from its first day. /api/* is not a page: those routes authenticate themselves.
 */
export function publicPages(publicDir = path.resolve(import.meta.dirname, "..", "public")) {
  // The files in public/ (the widget loader on customers' sites), as they are at start-up.
  const files = new Set(readdirSync(publicDir, { withFileTypes: true }).flatMap((f) => (f.isFile() ? [`/${f.name}`] : [])));
  return (pathname: string): boolean =>
    PUBLIC_PAGES.includes(pathname) ||
    NEXT_PUBLIC.includes(pathname) ||
    files.has(pathname) ||
    WIDGET_PAGE.test(pathname) ||
    NEXT_PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}
