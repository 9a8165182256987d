// Call-back requests over HTTP, two doors to one use-case (domain/phone/web-callback.ts):
//   POST /api/widget/<key>/callback  — the chat widget's iframe (Centrala's own pages only), JSON,
//                                      with the visitor's token when they have one;
//   POST /api/widgets/<key>/callback — a form on the organisation's own site: JSON, urlencoded or
//                                      multipart fields phone, name, topic, at; readable
//                                      cross-origin by the widget's allowed origins.
// Answers {ok: true, id, phone, at} or {ok: false, error, code, reason, fields}.
import type { IncomingMessage, ServerResponse } from "node:http";
import { widgetByKey } from "../../domain/chat/public-config.ts";
import { visitorFromToken } from "../../domain/chat/visitor-context.ts";
import { requestWebCallback, type WebCallbackInput } from "../../domain/phone/web-callback.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { CLIENT_IP_HEADER } from "../../lib/auth/auth.ts";
import { statusOf } from "../../lib/client-error.ts";
import { assertNoNul, bearerToken, readBody, readJson, sendError, sendJson } from "../../lib/http-helpers.ts";
import { fromOwnPages } from "../../lib/origin.ts";
import type { AppServices } from "../../lib/services.ts";

const WIDGET_PATH = /^\/api\/widget\/([A-Za-z0-9_-]+)\/callback$/;
const FORM_PATH = /^\/api\/widgets\/([A-Za-z0-9_-]+)\/callback$/;
const MAX_FORM_BYTES = 16 * 1024;
const FIELDS = ["phone", "name", "topic", "at", "language"] as const;

export function callbackApi(app: AppServices) {
  const { deps, log, config } = app;

  /** Returns false when the path is not a call-back request's. */
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const widget = WIDGET_PATH.exec(path);
    const form = widget ? null : FORM_PATH.exec(path);
    if (!widget && !form) return false;
    const ip = String(req.headers[CLIENT_IP_HEADER] ?? "");
    if (widget) {
      try {
        if (req.method !== "POST") throw new DomainError("NOT_FOUND", "Not found");
        if (!fromOwnPages(req, config.trustedOrigins))
          throw new DomainError("FORBIDDEN", "The chat can only be used from its own window", { reason: "ORIGIN" });
        const token = bearerToken(req);
        const visitor = token ? await visitorFromToken(token, deps).catch(() => null) : null;
        const body = await readJson(req);
        const done = await requestWebCallback(widget[1], pick(body), { via: "WEB", ip, visitorId: visitor?.visitorId ?? null }, deps);
        sendJson(res, 200, { ok: true, ...done });
      } catch (err) {
        if (!res.headersSent) sendError(res, err, log);
        else res.end();
      }
      return true;
    }
    await fromSiteForm(form![1], req, res, ip);
    return true;
  };

  async function fromSiteForm(key: string, req: IncomingMessage, res: ServerResponse, ip: string) {
    let cors: Record<string, string> = { vary: "Origin" };
    try {
      const ep = await widgetByKey(key, deps);
      const origin = req.headers.origin;
      // A browser on another site may send a form anywhere; only the widget's sites may read the answer.
      const allowed = fromOwnPages(req, config.trustedOrigins) || (!!origin && ep.settings.allowedOrigins.includes(origin));
      if (origin && allowed) cors = { ...cors, "access-control-allow-origin": origin };
      if (!allowed) throw new DomainError("FORBIDDEN", "This site may not ask for call-backs here", { reason: "ORIGIN" });
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          ...cors,
          "access-control-allow-methods": "POST",
          "access-control-allow-headers": "content-type",
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
      if (req.method !== "POST") throw new DomainError("NOT_FOUND", "Send the form with POST");
      const done = await requestWebCallback(key, pick(await readForm(req)), { via: "FORM", ip }, deps);
      sendJson(res, 200, { ok: true, ...done }, cors);
    } catch (err) {
      if (res.headersSent) return void res.end();
      if (!(err instanceof DomainError)) return void sendError(res, err, log, cors);
      const d = err.details;
      const headers = d.retryAfterSeconds ? { ...cors, "retry-after": String(d.retryAfterSeconds) } : cors;
      sendJson(res, statusOf(err), { ok: false, error: err.message, code: err.code, reason: d.reason ?? null, fields: d.fields ?? [], ...rest(d) }, headers);
    }
  }
}

/** The fields we take, as strings (anything else a form sends is ignored). */
function pick(body: Record<string, unknown>): WebCallbackInput {
  const out: Record<string, string | null> = {};
  for (const f of FIELDS) {
    const v = body[f];
    if (typeof v === "string") out[f] = v;
    else if (v === null) out[f] = null;
    else if (v !== undefined) out[f] = String(v);
  }
  return out as WebCallbackInput;
}

/** A form's fields, however the site sends them: JSON, urlencoded or multipart. */
async function readForm(req: IncomingMessage): Promise<Record<string, unknown>> {
  const fields = await formFields(req);
  assertNoNul(fields);
  return fields;
}

async function formFields(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/json")) return readJson(req, MAX_FORM_BYTES);
  const body = await readBody(req, MAX_FORM_BYTES);
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
  if (type.startsWith("multipart/form-data")) {
    try {
      // The boundary is case-sensitive: the header as sent.
      const form = await new Request("http://form", {
        method: "POST",
        headers: { "content-type": String(req.headers["content-type"]) },
        body: new Uint8Array(body),
      }).formData();
      return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
    } catch {
      // fall through to the refusal
    }
  }
  throw new DomainError("INVALID_INPUT", "Send the form as JSON, application/x-www-form-urlencoded or multipart/form-data", { reason: "BAD_FORM" });
}

/** Details worth passing on (the pending call-back's time, when to try again). */
function rest(details: DomainError["details"]) {
  const { fields: _f, reason: _r, ...others } = details;
  return others;
}
