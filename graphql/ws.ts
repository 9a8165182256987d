// GraphQL subscriptions (and queries) over WebSocket, graphql-ws protocol, on the HTTP port.
// The upgrade is refused unless it comes from our own origin and carries a valid session.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { fromOwnPages } from "../lib/origin.ts";
import type { AppServices } from "../lib/services.ts";
import { toHeaders, type GraphQLServer } from "./yoga.ts";

type Enveloped = ReturnType<GraphQLServer["getEnveloped"]>;
type RootValue = { execute: Enveloped["execute"]; subscribe: Enveloped["subscribe"] };

export interface SocketTracker {
  connected(userId: string, socket: object): void;
  disconnected(socket: object): void;
}

export function createGraphQLWebSocket(app: AppServices, yoga: GraphQLServer, tracker: SocketTracker) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const disposer = useServer<Record<string, unknown>, { request: IncomingMessage; userId?: string }>(
    {
      execute: (args) => (args.rootValue as RootValue).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as RootValue).subscribe(args as ExecutionArgs),
      onConnect: async (ctx) => {
        const viewer = await app.viewers.fromHeaders(toHeaders(ctx.extra.request));
        if (!viewer) return false; // closes with 4403 Forbidden: the client goes to sign-in
        ctx.extra.userId = viewer.userId;
        tracker.connected(viewer.userId, ctx.extra.socket);
        return true;
      },
      onClose: (ctx) => tracker.disconnected(ctx.extra.socket),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          // Known before validation, which depends on it (graphql/guards.ts); the short cache, as before.
          viewer: await app.viewers.fromHeaders(toHeaders(ctx.extra.request)),
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    wss,
  );

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      // Cross-site WebSocket hijacking guard: the page must come from us.
      if (!fromOwnPages(req, app.config.trustedOrigins)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    async close() {
      await disposer.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
