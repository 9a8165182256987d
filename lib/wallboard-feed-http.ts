// A TV's wall-board: GET /api/wallboard/feed with the link's token as a Bearer token answers a
// stream of server-sent events — the whole board at once, then again at once after a change
// (changes arriving while it is read make one more read, not one each), and {kind: "revoked"} the moment the link is revoked, which ends it. The token is
// checked again on every event and every keep-alive: a revoked link shows nothing more. Nothing
// but the board is ever sent, and tries per address are limited (the tokens cannot be guessed,
// and guessing is not let to try).
import type { IncomingMessage, ServerResponse } from "node:http";
import { agentsWhere } from "../domain/agents/agent-visibility.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { takeFromWindow } from "../domain/shared/request-window.ts";
import { readWallboard } from "../domain/wallboard/read-wallboard.ts";
import { linkFromToken } from "../domain/wallboard/wallboard-links.ts";
import { CLIENT_IP_HEADER } from "./auth/auth.ts";
import { coalesced } from "./coalesced.ts";
import { bearerToken, sendError } from "./http-helpers.ts";
import type { AppServices } from "./services.ts";

export const WALLBOARD_FEED_PATH = "/api/wallboard/feed";
/** Opening a feed, per address and minute: a TV reconnecting now and then needs a few. */
const OPENS_PER_MINUTE = 20;
const KEEP_ALIVE_MS = 15_000;

export function wallboardFeedApi(app: AppServices) {
  const { deps, log } = app;

  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path !== WALLBOARD_FEED_PATH) return false;
    try {
      if (req.method !== "GET") throw new DomainError("NOT_FOUND", "Not found");
      const ip = String(req.headers[CLIENT_IP_HEADER] ?? "");
      const window = await takeFromWindow(deps.db, `wallboard-feed:${ip}`, OPENS_PER_MINUTE, 60, deps.now());
      if (!window.allowed)
        throw new DomainError("LIMIT_EXCEEDED", "Too many tries: wait a minute", { reason: "TOO_MANY_TRIES", retryAfterSeconds: window.retryAfterSeconds });
      const token = bearerToken(req) ?? "";
      const link = await linkFromToken(token, deps);
      if (!link) throw new DomainError("NOT_FOUND", "No such wall-board link");
      if (link.revokedAt) throw new DomainError("FORBIDDEN", "This wall-board link was revoked", { reason: "LINK_REVOKED" });
      await deps.db.wallboardLink.update({ where: { id: link.id }, data: { lastSeenAt: deps.now() } });
      await stream(req, res, token, link.organizationId);
    } catch (err) {
      if (!res.headersSent) sendError(res, err, log);
      else res.end();
    }
    return true;
  };

  async function stream(req: IncomingMessage, res: ServerResponse, token: string, organizationId: string) {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    const feed = app.pubsub.subscribe("wallboard", organizationId);
    let closed = false;
    const send = (event: unknown) => !closed && res.write(`data: ${JSON.stringify(event)}\n\n`);
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      void feed.return?.();
      res.end();
    };
    /** The link still stands; otherwise the TV is told and the feed ends. */
    const stillValid = async () => {
      const link = await linkFromToken(token, deps);
      if (link && !link.revokedAt) return true;
      send({ kind: "revoked" });
      close();
      return false;
    };
    const board = coalesced(
      async () => {
        if (closed || !(await stillValid())) return;
        send({ kind: "board", board: await readWallboard(organizationId, agentsWhere(organizationId), deps) });
      },
      () => closed,
    );
    const later = () => void board().catch((err) => log.error({ err }, "wall-board feed failed"));
    const keepAlive = setInterval(() => {
      res.write(": ping\n\n");
      void stillValid().catch(() => {});
    }, KEEP_ALIVE_MS);
    req.on("close", close);
    // Listening before the first board is read: nothing that happens meanwhile is missed.
    const events = feed[Symbol.asyncIterator]();
    let next = events.next();
    await board();
    while (!closed) {
      const e = await next;
      if (e.done || closed) break;
      if (e.value.reason === "link_revoked") {
        if (!(await stillValid())) break;
      } else later();
      next = events.next();
    }
    close();
  }
}
