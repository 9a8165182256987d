// Playing a call recording in the browser: the session cookie, recordings.listen and the agents the
// viewer may watch (domain/voice/recording-access.ts); byte ranges, so the player can seek. Each
// request that starts playback from the beginning is audit-logged.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { DomainError } from "../domain/shared/errors.ts";
import { recordingToPlay } from "../domain/voice/recording-access.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { CLIENT_IP_HEADER } from "./auth/auth.ts";
import { sendError } from "./http-helpers.ts";
import type { AppServices } from "./services.ts";

export function recordingsApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/api\/recordings\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (!m) return false;
    try {
      if (req.method !== "GET") throw new DomainError("NOT_FOUND", "Not found");
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ""));
      const first = !range || range[1] === "" || range[1] === "0";
      const rec = await recordingToPlay(viewer, m[1], app.deps, { ip: String(req.headers[CLIENT_IP_HEADER] ?? ""), audit: first });
      const file = path.join(app.config.recordingsDir, rec.storageKey);
      const size = (await stat(file).catch(() => null))?.size;
      if (size === undefined) throw new DomainError("NOT_FOUND", "The recording's file is missing", { reason: "FILE_MISSING" });
      const headers = {
        "content-type": "audio/ogg",
        "accept-ranges": "bytes",
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'",
        "content-disposition": `inline; filename="call-${rec.startedAt.toISOString().slice(0, 19).replace(/:/g, "-")}.ogg"`,
      };
      if (range) {
        const start = range[1] === "" ? Math.max(0, size - Number(range[2])) : Number(range[1]);
        const end = range[1] !== "" && range[2] !== "" ? Math.min(Number(range[2]), size - 1) : size - 1;
        if (start > end || start >= size) {
          res.writeHead(416, { "content-range": `bytes */${size}` });
          res.end();
          return true;
        }
        res.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${size}`, "content-length": String(end - start + 1) });
        createReadStream(file, { start, end }).pipe(res);
      } else {
        res.writeHead(200, { ...headers, "content-length": String(size) });
        createReadStream(file).pipe(res);
      }
    } catch (err) {
      if (!res.headersSent) sendError(res, err, app.log);
      else res.end();
    }
    return true;
  };
}
