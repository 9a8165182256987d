// One HTTP port for everything: Next.js pages, GraphQL over HTTP and WebSocket, better-auth.
// Here, in one place: auth endpoints are an allow-list; writes that carry the session cookie must
// come from our own pages (CSRF); bodies read before any session are bounded as they stream in;
// pages other than a short public list redirect to /login without a session; and every page gets
// its Content-Security-Policy with a fresh nonce.
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "better-auth/node";
import { can, type Viewer } from "../domain/access/viewer.ts";
import { createGraphQLWebSocket } from "../graphql/ws.ts";
import { GRAPHQL_PATH, createGraphQLServer, toHeaders } from "../graphql/yoga.ts";
import { CLIENT_IP_HEADER, PUBLIC_AUTH_PATHS } from "./auth/auth.ts";
import { widgetApi } from "../channels/chat/widget-http.ts";
import { callbackApi } from "../channels/chat/callback-http.ts";
import { SURFACE_HEADER } from "./surface.ts";
import { widgetByKey } from "../domain/chat/public-config.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { attachmentsApi } from "./attachments-http.ts";
import { audioFilesApi } from "./audio-files-http.ts";
import { faxDocumentsApi } from "./fax-documents-http.ts";
import { campaignResultsApi } from "./campaign-results-http.ts";
import { contactListsApi } from "./contact-lists-http.ts";
import { recordingsApi } from "./recordings-http.ts";
import { wallboardFeedApi } from "./wallboard-feed-http.ts";
import { smsWebhookApi } from "./sms/sms-webhook-http.ts";
import { reportExportsApi } from "./report-exports-http.ts";
import { readBody, sendError, sendJson } from "./http-helpers.ts";
import { containsNul, NUL_MESSAGE } from "./nul.ts";
import { isForgedWrite } from "./origin.ts";
import { WIDGET_PAGE, newNonce, pagePolicy, publicPages } from "./page-policy.ts";
import { startHeartbeat } from "./presence-heartbeat.ts";
import { safeNext } from "./safe-next.ts";
import type { AppServices } from "./services.ts";

const MAX_GRAPHQL_BYTES = 1024 * 1024;
// Sign-in, sign-out and get-session carry a few fields at most.
const MAX_AUTH_BYTES = 64 * 1024;
/** The visitors' APIs: Bearer tokens and origin rules of their own (channels/chat), never the staff cookie. */
const VISITOR_APIS = ["/api/widget/", "/api/widgets/"];

export interface NextHandle {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  upgrade?(req: IncomingMessage, socket: import("node:stream").Duplex, head: Buffer): Promise<void> | void;
  close(): Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Where a signed-in user lands: the first area their role can use. */
export function homeFor(viewer: Viewer): string {
  if (can(viewer, "agents.work")) return "/agent";
  if (can(viewer, "agents.monitor_all") || can(viewer, "agents.monitor_team")) return "/supervisor";
  if (can(viewer, "users.manage") || can(viewer, "users.read")) return "/admin/users";
  return "/account";
}

export async function startHttpServer(app: AppServices, next: NextHandle | null): Promise<RunningServer> {
  const { config, log } = app;
  const web = config.roles.includes("web");
  const yoga = createGraphQLServer(app);
  const heartbeat = startHeartbeat(app);
  const ws = createGraphQLWebSocket(app, yoga, heartbeat);
  const authHandler = toNodeHandler(app.auth);
  const widget = widgetApi(app);
  const callbacks = callbackApi(app);
  const attachments = attachmentsApi(app);
  const recordings = recordingsApi(app);
  const reportExports = reportExportsApi(app);
  const audioFiles = audioFilesApi(app);
  const faxDocuments = faxDocumentsApi(app);
  const contactListFiles = contactListsApi(app);
  const campaignResultFiles = campaignResultsApi(app);
  const wallboardFeed = wallboardFeedApi(app);
  const smsWebhooks = smsWebhookApi(app);

  const isPublicPage = publicPages();

  /** GraphQL over HTTP: JSON only (a form or text/plain body is how other sites' pages post), at most 1 MB. */
  async function graphql(req: IncomingMessage, res: ServerResponse) {
    if (req.method === "POST" && !/^application\/json\s*(;|$)/i.test(String(req.headers["content-type"] ?? ""))) {
      return refuse(res, GRAPHQL_PATH, 415, new DomainError("INVALID_INPUT", "Send GraphQL requests as application/json", { reason: "CONTENT_TYPE" }));
    }
    if (req.method === "POST") {
      const body = await readBody(req, MAX_GRAPHQL_BYTES).catch((e) => e as Error);
      if (body instanceof DomainError) return refuse(res, GRAPHQL_PATH, 413, body);
      if (body instanceof Error) throw body;
      // yoga takes a body already read, as from a body-parser (@whatwg-node/server: normalizeNodeRequest).
      Object.assign(req, { body: body.toString("utf8") });
    }
    // Resolved before yoga: validation, which is synchronous, depends on it (graphql/guards.ts).
    const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
    await yoga(req, res, { viewer });
  }

  /** better-auth reads its body before any session exists: bounded here, NUL refused (it would reach SQL). */
  async function auth(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "GET" && req.method !== "HEAD") {
      try {
        const body = (await readBody(req, MAX_AUTH_BYTES)).toString("utf8");
        if (containsNul(body) || containsNul(parsedForm(body, String(req.headers["content-type"] ?? "")))) {
          throw new DomainError("INVALID_INPUT", NUL_MESSAGE, { reason: "NUL_CHARACTER" });
        }
        // better-call takes a body already read, as from a body-parser (its node adapter: getRequest).
        Object.assign(req, { body });
      } catch (err) {
        return sendError(res, err, log);
      }
    }
    await authHandler(req, res);
  }

  const server = createServer(async (req, res) => {
    try {
      // Never trust a client's claim about its address unless a proxy we trust put it there.
      const forwarded = config.auth.trustProxy
        ? String(req.headers["x-forwarded-for"] ?? "")
            .split(",")[0]
            ?.trim()
        : "";
      req.headers[CLIENT_IP_HEADER] = forwarded || req.socket.remoteAddress || "";
      const url = new URL(req.url ?? "/", "http://internal");
      const path = url.pathname;

      if (path === "/api/health") return health(app, res);
      if (!web) return sendJson(res, 404, { code: "NOT_FOUND", message: "This process does not serve the web role" });
      // An SMS provider's calls: signed with the account's key, never the staff cookie.
      if (await smsWebhooks(req, res, path)) return;
      if (!VISITOR_APIS.some((p) => path.startsWith(p)) && isForgedWrite(req, config.trustedOrigins)) {
        return refuse(res, path, 403, new DomainError("FORBIDDEN", "Changes are accepted only from Centrala's own pages", { reason: "ORIGIN" }));
      }
      if (path === GRAPHQL_PATH) return await graphql(req, res);
      // Before the widget API: /api/widget/<key>/callback is a call-back request (so is /api/widgets/<key>/callback).
      if (await callbacks(req, res, path)) return;
      if (await widget(req, res, path)) return;
      if (await attachments(req, res, url)) return;
      if (await recordings(req, res, url)) return;
      if (await reportExports(req, res, url)) return;
      if (await audioFiles(req, res, url)) return;
      if (await faxDocuments(req, res, url)) return;
      if (await contactListFiles(req, res, url)) return;
      if (await campaignResultFiles(req, res, url)) return;
      // A TV's wall-board: its link's token, never the staff cookie.
      if (await wallboardFeed(req, res, path)) return;
      if (path.startsWith("/api/auth/")) {
        const sub = path.slice("/api/auth".length);
        if (!(PUBLIC_AUTH_PATHS as readonly string[]).includes(sub)) return sendJson(res, 404, { code: "NOT_FOUND", message: "Not found" });
        return await auth(req, res);
      }
      if (path.startsWith("/api/")) return sendJson(res, 404, { code: "NOT_FOUND", message: "Not found" });
      if (!isPublicPage(path)) {
        const viewer = await app.viewers.fromHeaders(toHeaders(req));
        if (!viewer) {
          const next = safeNext(path + url.search);
          return redirect(res, next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
        }
        if (path === "/") return redirect(res, homeFor(viewer));
      }
      const widgetPage = WIDGET_PAGE.exec(path);
      // Tells the root layout which messages the page needs (the widget brings its own); set here
      // on every request, so a client cannot pick it.
      req.headers[SURFACE_HEADER] = widgetPage ? "widget" : "app";
      let frameAncestors = "'none'";
      if (widgetPage) {
        // The browser itself refuses to show the widget inside pages outside its allowed origins.
        const ep = await widgetByKey(widgetPage[1], app.deps).catch(() => null);
        if (!ep) return sendJson(res, 404, { code: "NOT_FOUND", message: "No such chat" });
        // Centrala's own pages (the /demo shop, the admin's preview) may always show it.
        // (CSP cannot name IPv6 literals such as http://[::1]:3000; browsers would only warn.)
        frameAncestors = ["'self'", ...ep.settings.allowedOrigins.filter((o) => !o.includes("["))].join(" ");
      }
      // Next reads the nonce from the request's policy and puts it on its script tags; a policy the
      // client sent is never what Next sees.
      delete req.headers["content-security-policy"];
      delete req.headers["content-security-policy-report-only"];
      if (!path.startsWith("/_next/")) {
        const policy = pagePolicy({ nonce: newNonce(), dev: config.dev, host: req.headers.host, frameAncestors });
        req.headers["content-security-policy"] = policy;
        res.setHeader("content-security-policy", policy);
      }
      if (!next) return sendJson(res, 404, { code: "NOT_FOUND", message: "Not found" });
      await next.handle(req, res);
    } catch (err) {
      log.error({ err, url: req.url }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { code: "INTERNAL", message: "Something went wrong on the server" });
      else res.end();
    }
  });

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (web && new URL(req.url ?? "/", "http://internal").pathname === GRAPHQL_PATH) return ws.handleUpgrade(req, socket, head);
    if (next?.upgrade) return void next.upgrade(req, socket, head);
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    port,
    async close() {
      heartbeat.stop();
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await next?.close();
    },
  };
}

async function health(app: AppServices, res: ServerResponse) {
  try {
    await app.db.rawQuery("select 1");
    sendJson(res, 200, { status: "ok", database: app.db.kind, roles: app.config.roles });
  } catch {
    sendJson(res, 503, { status: "unavailable", database: "unreachable" });
  }
}

/**
 * A request refused before its handler, in the shape its clients read (GraphQL's on /api/graphql).
 * sendJson settles the body left unread.
 */
function refuse(res: ServerResponse, path: string, status: number, err: DomainError) {
  if (path !== GRAPHQL_PATH) return sendJson(res, status, { code: err.code, message: err.message, ...err.details });
  sendJson(res, status, { errors: [{ message: err.message, extensions: { code: err.code, ...err.details } }] });
}

/** The fields of a JSON or urlencoded body, to look into (the handler parses it again for itself). */
function parsedForm(body: string, contentType: string): unknown {
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return [...new URLSearchParams(body)];
  try {
    return JSON.parse(body);
  } catch {
    return null; // not JSON: the handler answers that
  }
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { location, "cache-control": "no-store" });
  res.end();
}
