// The visitor's API, used by the widget's iframe (app/widget) and, for its public settings, by the
// loader on the customer's site. Everything past /start needs the visitor's token (Bearer): ids
// alone open nothing. Only Centrala's own pages may call it from a browser (the iframe is ours).
import type { IncomingMessage, ServerResponse } from "node:http";
import { storeAttachment } from "../../domain/cases/attachments.ts";
import { visitorAttachment, visitorConversation } from "../../domain/chat/conversation.ts";
import { publicWidgetConfig, widgetByKey } from "../../domain/chat/public-config.ts";
import { startChat } from "../../domain/chat/start-chat.ts";
import { type VisitorContext, currentInteraction, visitorFromToken } from "../../domain/chat/visitor-context.ts";
import { emailTranscript, endChatByVisitor, leaveMessage, rateChat, sendVisitorMessage, visitorSaw, visitorTyping } from "../../domain/chat/visitor-actions.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { CLIENT_IP_HEADER } from "../../lib/auth/auth.ts";
import { bearerToken, readJson, readUpload, sendError, sendFile, sendJson } from "../../lib/http-helpers.ts";
import { fromOwnPages } from "../../lib/origin.ts";
import type { AppServices } from "../../lib/services.ts";
import { visitorCallRoutes } from "./visitor-call-routes.ts";
import { visitorEvents } from "./visitor-events.ts";

type Handler = (v: VisitorContext, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

export function widgetApi(app: AppServices) {
  const { deps, log, config } = app;
  const ok = () => ({ ok: true });

  const visitorRoutes: Record<string, Handler> = {
    "GET /api/widget/conversation": (v) => visitorConversation(v, deps),
    "POST /api/widget/messages": async (v, b) => {
      const m = await sendVisitorMessage(
        v,
        { body: String(b.body ?? ""), attachmentIds: Array.isArray(b.attachmentIds) ? (b.attachmentIds as string[]) : [] },
        deps,
      );
      return { id: m.id, at: m.createdAt.toISOString() };
    },
    "POST /api/widget/typing": (v, b) => visitorTyping(v, b.typing === true, deps).then(ok),
    "POST /api/widget/seen": (v, b) => visitorSaw(v, b.what === "read" ? "read" : "delivered", deps).then(ok),
    "POST /api/widget/end": (v) => endChatByVisitor(v, deps).then(ok),
    "POST /api/widget/rating": (v, b) => rateChat(v, { rating: Number(b.rating), comment: String(b.comment ?? "") }, deps).then(ok),
    "POST /api/widget/leave-message": (v, b) => leaveMessage(v, { body: String(b.body ?? "") }, deps),
    "POST /api/widget/transcript": (v, b) => emailTranscript(v, { email: String(b.email ?? "") }, deps).then(ok),
    ...visitorCallRoutes(app),
  };

  async function upload(v: VisitorContext, req: IncomingMessage) {
    const entryPoint = await deps.db.entryPoint.findUniqueOrThrow({ where: { id: v.entryPointId } });
    const settings = (await widgetByKey(entryPoint.key, deps)).settings;
    if (!settings.attachments) throw new DomainError("FORBIDDEN", "This chat does not take files", { reason: "ATTACHMENTS_OFF" });
    if (!deps.limiter.take(`visitor-upload:${v.visitorId}`, 10))
      throw new DomainError("LIMIT_EXCEEDED", "Too many files at once; wait a moment", { reason: "TOO_FAST" });
    const interaction = await currentInteraction(v, deps);
    if (!interaction || !["QUEUED", "ACTIVE"].includes(interaction.state))
      throw new DomainError("CONFLICT", "Start a conversation before sending files", { reason: "CONVERSATION_ENDED" });
    const maxBytes = settings.maxFileMegabytes * 1024 * 1024;
    const file = await readUpload(req, maxBytes);
    return storeAttachment({ organizationId: v.organizationId, caseId: interaction.caseId, fileName: file.fileName, bytes: file.bytes, maxBytes }, deps);
  }

  async function download(v: VisitorContext, id: string, res: ServerResponse) {
    const a = await visitorAttachment(v, id, deps);
    if (!a) throw new DomainError("NOT_FOUND", "File not found");
    sendFile(res, await deps.files.read(a.storageKey), a);
  }

  /** Returns false when the path is not the widget API's. */
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (!path.startsWith("/api/widget/")) return false;
    const ip = String(req.headers[CLIENT_IP_HEADER] ?? "");
    try {
      const configMatch = /^\/api\/widget\/([A-Za-z0-9_-]+)\/config$/.exec(path);
      if (configMatch && (req.method === "GET" || req.method === "OPTIONS")) {
        await publicConfig(configMatch[1], req, res, ip);
        return true;
      }
      // A browser may call the visitor API only from Centrala's own pages (the widget's iframe).
      if (!fromOwnPages(req, config.trustedOrigins)) throw new DomainError("FORBIDDEN", "The chat can only be used from its own window", { reason: "ORIGIN" });
      const startMatch = /^\/api\/widget\/([A-Za-z0-9_-]+)\/start$/.exec(path);
      if (startMatch && req.method === "POST") {
        if (!deps.limiter.take(`widget-start:${ip}`, config.widgetStartsPerMinute))
          throw new DomainError("LIMIT_EXCEEDED", "Too many conversations started from your address; wait a minute", { reason: "TOO_FAST" });
        const b = await readJson(req);
        sendJson(res, 200, await startChat(startMatch[1], b as never, deps));
        return true;
      }
      const visitor = await visitorFromToken(bearerToken(req), deps);
      if (path === "/api/widget/events" && req.method === "GET") {
        await visitorEvents(app, visitor, req, res);
        return true;
      }
      if (path === "/api/widget/attachments" && req.method === "POST") {
        sendJson(res, 200, await upload(visitor, req));
        return true;
      }
      const fileMatch = /^\/api\/widget\/attachments\/([0-9a-f-]{36})$/.exec(path);
      if (fileMatch && req.method === "GET") {
        await download(visitor, fileMatch[1], res);
        return true;
      }
      const route = visitorRoutes[`${req.method} ${path}`];
      if (!route) throw new DomainError("NOT_FOUND", "Not found");
      const body = req.method === "POST" ? await readJson(req) : {};
      sendJson(res, 200, (await route(visitor, body, req, res)) ?? { ok: true });
    } catch (err) {
      if (!res.headersSent) sendError(res, err, log);
      else res.end();
    }
    return true;
  };

  /** For the loader on the customer's site: readable cross-origin only by the allowed origins. */
  async function publicConfig(key: string, req: IncomingMessage, res: ServerResponse, ip: string) {
    if (!deps.limiter.take(`widget-config:${ip}`, 120)) throw new DomainError("LIMIT_EXCEEDED", "Too many requests", { reason: "TOO_FAST" });
    const ep = await widgetByKey(key, deps);
    const origin = req.headers.origin;
    const allowed = fromOwnPages(req, config.trustedOrigins) || (!!origin && ep.settings.allowedOrigins.includes(origin));
    const cors: Record<string, string> = origin && allowed ? { "access-control-allow-origin": origin, vary: "Origin" } : { vary: "Origin" };
    if (!allowed) throw new DomainError("FORBIDDEN", "This site may not show this chat", { reason: "ORIGIN" });
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors, "access-control-allow-methods": "GET", "access-control-max-age": "600" });
      res.end();
      return;
    }
    sendJson(res, 200, await publicWidgetConfig(key, deps), cors);
  }
}
