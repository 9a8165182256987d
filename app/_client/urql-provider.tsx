"use client";
// One GraphQL client per tab: queries and mutations over HTTP, subscriptions over one WebSocket.
// Whenever the API says the session is gone, the tab goes to the sign-in page.
import { createClient as createWsClient } from "graphql-ws";
import { type ReactNode, useEffect, useState } from "react";
import { type Client, Provider, cacheExchange, createClient, fetchExchange, mapExchange, subscriptionExchange } from "urql";

function toSignIn() {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith("/login")) window.location.assign(`/login?expired=1&next=${encodeURIComponent(here)}`);
}

function createGraphQLClient(): Client {
  const ws = createWsClient({
    url: `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/api/graphql`,
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (e) => !(e instanceof CloseEvent && e.code === 4403),
    on: { closed: (e) => e instanceof CloseEvent && e.code === 4403 && toSignIn() },
  });
  return createClient({
    url: "/api/graphql",
    fetchOptions: { credentials: "same-origin" },
    requestPolicy: "cache-and-network",
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) toSignIn();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? "" }, sink) }),
        }),
      }),
    ],
  });
}

/** Signed-in screens render in the browser only: they need the session and the WebSocket. */
export function UrqlProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [client, setClient] = useState<Client | null>(null);
  useEffect(() => {
    setClient(createGraphQLClient());
  }, []);
  return client ? <Provider value={client}>{children}</Provider> : fallback;
}
