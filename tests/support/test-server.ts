// A real Centrala server (GraphQL over HTTP and WebSocket, better-auth, the chosen database)
// started in-process on a free port, without Next.js pages.
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { loadConfig } from "../../lib/config.ts";
import { type RunningServer, startHttpServer } from "../../lib/http-server.ts";
import { createLogger } from "../../lib/logger.ts";
import { type AppServices, createServices } from "../../lib/services.ts";
import { type Workers, startWorkers } from "../../lib/workers.ts";
import { type TestDatabase, createTestDatabase } from "./test-database.ts";

export interface TestServer {
  url: string;
  app: AppServices;
  workers: Workers;
  close(): Promise<void>;
}

/**
 * With `shared`, several servers use one database (a cluster); the caller drops it. Otherwise the
 * server gets a database of its own, dropped when it closes.
 */
export async function startTestServer(env: Record<string, string> = {}, shared?: TestDatabase): Promise<TestServer> {
  const db = shared ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    SEED: "none",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    AUTH_SECRET: "test-secret-test-secret-test-secret-000",
    SIGNIN_RATE_LIMIT_PER_MINUTE: "1000",
    WIDGET_STARTS_PER_MINUTE: "1000",
    MEDIA_WORKERS: "1",
    MEDIA_LISTEN_IP: "127.0.0.1",
    // Janus only where a test asks for it (tests/phone, in their network namespace).
    PHONE_GATEWAY: "0",
    ...(process.env.MEDIASOUP_WORKER_BIN ? { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN } : {}),
    ...db.env,
    ...env,
  });
  const app = await createServices(config, createLogger(config.logLevel, false));
  let server: RunningServer;
  try {
    server = await startHttpServer(app, null);
  } catch (e) {
    await app.close();
    throw e;
  }
  const workers = startWorkers(app);
  return {
    url: server.url,
    app,
    workers,
    async close() {
      await workers.stop();
      await server.close();
      await app.close();
      if (!shared) await db.drop();
    },
  };
}

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** A signed-in browser, as far as the API can tell: a cookie jar plus GraphQL over HTTP and WS. */
export class TestSession {
  cookie = "";
  constructor(readonly baseUrl: string) {}

  async signIn(username: string, password: string) {
    const res = await this.post("/api/auth/sign-in/username", { username, password });
    return { status: res.status, body: (await res.json()) as Record<string, any>, setCookie: res.headers.getSetCookie() };
  }

  async signOut() {
    return this.post("/api/auth/sign-out", {});
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.baseUrl, cookie: this.cookie, ...headers },
      body: JSON.stringify(body),
      redirect: "manual",
    });
    this.absorb(res.headers.getSetCookie());
    return res;
  }

  async gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
    const res = await this.post("/api/graphql", { query, variables });
    return (await res.json()) as GraphQLResult<T>;
  }

  /** gql() that fails the test on errors and returns data. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const r = await this.gql<T>(query, variables);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  }

  ws(origin = this.baseUrl): Client {
    const cookie = this.cookie;
    return createClient({
      url: `${this.baseUrl.replace(/^http/, "ws")}/api/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie, origin } });
        }
      },
      retryAttempts: 0,
      lazy: true,
    });
  }

  private absorb(setCookies: string[]) {
    const jar = new Map(
      this.cookie
        ? this.cookie
            .split("; ")
            .map((c) => c.split("=") as [string, string])
            .map(([k, ...v]) => [k, v.join("=")])
        : [],
    );
    for (const sc of setCookies) {
      const [pair, ...attrs] = sc.split(";");
      const [name, ...v] = pair.split("=");
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || v.join("=") === "") jar.delete(name.trim());
      else jar.set(name.trim(), v.join("="));
    }
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Collects events of one subscription; `next(ms)` waits for the next one. */
export function subscribe<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>) {
  const events: GraphQLResult<T>[] = [];
  const waiters: (() => void)[] = [];
  let completed = false;
  let error: unknown = null;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        events.push(v as GraphQLResult<T>);
        waiters.splice(0).forEach((w) => w());
      },
      error: (e) => {
        error = e;
        completed = true;
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => {
        completed = true;
        waiters.splice(0).forEach((w) => w());
      },
    },
  );
  let read = 0;
  return {
    events,
    get completed() {
      return completed;
    },
    get error() {
      return error;
    },
    async next(ms = 3000): Promise<GraphQLResult<T>> {
      const deadline = Date.now() + ms;
      while (read >= events.length) {
        if (completed) throw new Error(`subscription ended: ${JSON.stringify(error)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no subscription event in time");
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return events[read++];
    },
    /** Resolves when nothing arrives for `ms` (to assert that an event was NOT delivered). */
    async quiet(ms = 700) {
      const before = events.length;
      await new Promise((r) => setTimeout(r, ms));
      return events.length === before;
    },
    dispose,
  };
}
