// The widget's live feed: server-sent events over a plain HTTP response (the iframe reads it with
// fetch, so the token travels in a header, not in a URL). Agent messages, typing, read receipts and
// state changes; never a note (the audience is computed in graphql/realtime.ts, and each message
// is re-read here through visitorMessage, which admits only the visitor's own customer-visible ones).
import type { IncomingMessage, ServerResponse } from "node:http";
import { visitorMessage } from "../../domain/chat/conversation.ts";
import type { VisitorContext } from "../../domain/chat/visitor-context.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import type { AppServices } from "../../lib/services.ts";

const MAX_STREAMS_PER_VISITOR = 5;
const open = new Map<string, number>();

export async function visitorEvents(app: AppServices, v: VisitorContext, req: IncomingMessage, res: ServerResponse) {
  const count = open.get(v.visitorId) ?? 0;
  if (count >= MAX_STREAMS_PER_VISITOR) throw new DomainError("LIMIT_EXCEEDED", "Too many open chat windows", { reason: "TOO_MANY_STREAMS" });
  open.set(v.visitorId, count + 1);

  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
  const send = (event: unknown) => res.write(`data: ${JSON.stringify(event)}\n\n`);
  send({ kind: "hello" });

  const seen = () => app.db.prisma.visitor.update({ where: { id: v.visitorId }, data: { lastSeenAt: new Date() } }).catch(() => {});
  void seen();
  // Comments keep proxies from closing an idle stream; the visitor counts as present meanwhile.
  const keepAlive = setInterval(() => {
    res.write(": ping\n\n");
    void seen();
  }, 15_000);

  const feed = app.pubsub.subscribe("visitor", v.visitorId);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    void feed.return?.();
    open.set(v.visitorId, (open.get(v.visitorId) ?? 1) - 1);
    if (!open.get(v.visitorId)) open.delete(v.visitorId);
  };
  req.on("close", close);
  try {
    for await (const event of feed) {
      if (event.kind === "message") {
        const message = await visitorMessage(v, event.messageId, app.deps);
        if (message) send({ kind: "message", message });
      } else send(event);
    }
  } finally {
    close();
    res.end();
  }
}
