import type { IncomingMessage } from "node:http";
import { createYoga } from "graphql-yoga";
import type { Viewer } from "../domain/access/viewer.ts";
import { CLIENT_IP_HEADER } from "../lib/auth/auth.ts";
import { corsOrigin } from "../lib/origin.ts";
import type { AppServices } from "../lib/services.ts";
import type { GraphQLContext } from "./context.ts";
import { maskError } from "./errors.ts";
import { anonymousPlugin, limitsPlugin, noNulPlugin } from "./guards.ts";
import { schema } from "./schema/index.ts";

export const GRAPHQL_PATH = "/api/graphql";

/** Node request headers as Fetch Headers (for better-auth and the viewer resolver). */
export function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * What the transport knows before yoga runs: the Node request and, when resolved already (always by
 * lib/http-server.ts and graphql/ws.ts), the viewer.
 */
export interface GraphQLServerContext {
  req?: IncomingMessage;
  viewer?: Viewer | null;
}

export function createGraphQLServer(app: AppServices) {
  return createYoga<GraphQLServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: app.config.dev ? { title: "Centrala GraphQL", subscriptionsProtocol: "WS" } : false,
    maskedErrors: { maskError: maskError(app.log) },
    // Only our own origins may read answers from another origin with the user's cookie; anyone else
    // gets no CORS headers at all, so the browser keeps the answer from their page (preflights too).
    cors: (request) => {
      const origin = corsOrigin(request.headers.get("origin"), app.config.trustedOrigins);
      return origin ? { origin: [origin], credentials: true, methods: ["GET", "POST"], allowedHeaders: ["content-type"], maxAge: 600 } : false;
    },
    // Over HTTP and WebSocket alike (graphql/ws.ts parses, validates and executes through the same envelop).
    plugins: [limitsPlugin(), anonymousPlugin(app.config.dev), noNulPlugin()],
    logging: {
      debug: (...args) => app.log.debug({ args }, "yoga"),
      info: (...args) => app.log.info({ args }, "yoga"),
      warn: (...args) => app.log.warn({ args }, "yoga"),
      // Unexpected errors are logged once, by maskError; the rest are the client's business.
      error: (...args) => app.log.debug({ args }, "yoga"),
    },
    context: async (initial): Promise<GraphQLContext> => {
      const headers = "request" in initial && initial.request ? initial.request.headers : initial.req ? toHeaders(initial.req) : new Headers();
      const ws = !("request" in initial && initial.request);
      return {
        app,
        // HTTP requests always read the session (a signed-out cookie stops working at once);
        // WebSocket operations use the short cache, which access changes clear on every node.
        viewer: "viewer" in initial && initial.viewer !== undefined ? initial.viewer : await app.viewers.fromHeaders(headers, !ws),
        ip: headers.get(CLIENT_IP_HEADER) ?? undefined,
        currentViewer: () => app.viewers.fromHeaders(headers),
      };
    },
  });
}

export type GraphQLServer = ReturnType<typeof createGraphQLServer>;
