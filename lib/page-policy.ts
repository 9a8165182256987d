// The rules for pages (everything lib/http-server.ts hands to Next): which of them anyone may open,
// and the Content-Security-Policy each is sent with.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";

/** The chat widget's iframe page; its key names the widget. */
export const WIDGET_PAGE = /^\/widget\/([A-Za-z0-9_-]+)$/;

// /tv: the wall-board on a TV, opened by a link whose token (in the address's #fragment) authorises its feed.
const PUBLIC_PAGES = ["/login", "/demo", "/tv"];
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

/** A fresh nonce per page: Next puts it on its own script tags (it reads it from the request's policy). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The policy of a page. Scripts run only with this response's nonce, or when loaded by one that did
 * ('strict-dynamic': Next's chunks, the widget's mediasoup-client, /demo's widget.js). Inline styles
 * stay allowed (React style props, Tailwind), as do data:/blob: pictures and blob: audio (the
 * widget's files). `frameAncestors`: who may show the page in a frame ('none' for staff pages).
 */
export function pagePolicy(opts: { nonce: string; dev: boolean; host: string | undefined; frameAncestors: string }): string {
  // The GraphQL WebSocket and Next's reloading in development, on this very host ('self' alone does
  // not cover ws: in every browser). A Host header that is not a plain host[:port] is left out.
  const sockets = opts.host && /^[A-Za-z0-9.:[\]-]+$/.test(opts.host) ? ` ws://${opts.host} wss://${opts.host}` : "";
  return [
    "default-src 'self'",
    // Next's development build evaluates code it sends; production never needs eval.
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self'${sockets}`,
    "frame-src 'self'",
    `frame-ancestors ${opts.frameAncestors}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}
