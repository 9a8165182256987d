// The HTTP layer against what an outside penetration test tried: reading and changing a signed-in
// user's data from another origin (CORS, CSRF), operations built to be expensive (aliases, cost),
// bodies streamed without end, NUL characters, what anonymous callers learn of the schema, pages
// without a session, and the Content-Security-Policy of pages.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser, makeWidget } from "../factories/index.ts";
import { type GraphQLResult, type TestServer, TestSession, startTestServer, subscribe } from "../support/test-server.ts";

const TRUSTED = "http://trusted.test";
// Another port of the same host: same site for the browser, so SameSite=Lax cookies ride along.
const FOREIGN = "http://127.0.0.1:1";

let server: TestServer;
let org: TestOrg;
let agent: TestSession;
let agentId: string;
let admin: TestSession;
let widgetKey: string;

beforeAll(async () => {
  server = await startTestServer({ TRUSTED_ORIGINS: TRUSTED, ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "AGENT");
  agentId = a.id;
  agent = new TestSession(server.url);
  await agent.signIn(a.username, PASSWORD);
  const ad = await makeUser(server.app, org, "ADMIN");
  admin = new TestSession(server.url);
  await admin.signIn(ad.username, PASSWORD);
  widgetKey = (await makeWidget(server.app, org, (await makeQueue(server.app, org, [{ userId: a.id }])).id)).key;
});
afterAll(() => server?.close());

const db = () => server.app.db.prisma;
const code = (r: GraphQLResult) => r.errors?.[0]?.extensions?.code;
const SET_READY = JSON.stringify({ query: `mutation { setMyAgentState(state: READY) { state } }` });
const state = async () => (await db().agentPresence.findUnique({ where: { userId: agentId } }))?.state ?? "OFFLINE";

/** A raw request as a browser (or a script) would send it; the answer's status, headers and JSON. */
async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit }) {
  const res = await fetch(server.url + path, { method: init.method ?? "POST", headers: init.headers, body: init.body, redirect: "manual" });
  const text = await res.text();
  let json: Record<string, any> | null = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body: json };
}

describe("CORS on /api/graphql", () => {
  it("gives another origin's page nothing to read with the user's cookie, preflight included", async () => {
    const query = `/api/graphql?query=${encodeURIComponent("{ me { user { name } } }")}`;
    const read = await send(query, { method: "GET", headers: { origin: FOREIGN, cookie: agent.cookie } });
    const preflight = await send("/api/graphql", {
      method: "OPTIONS",
      headers: { origin: FOREIGN, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    for (const r of [read, preflight]) {
      expect(r.headers.get("access-control-allow-origin")).toBeNull();
      expect(r.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("lets PUBLIC_URL's origin and TRUSTED_ORIGINS read answers", async () => {
    const r = await send("/api/graphql", {
      method: "OPTIONS",
      headers: { origin: TRUSTED, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(r.headers.get("access-control-allow-origin")).toBe(TRUSTED);
    expect(r.headers.get("access-control-allow-credentials")).toBe("true");
    const own = server.app.config.trustedOrigins[0]; // PUBLIC_URL's
    const read = await send("/api/graphql", {
      headers: { origin: own, cookie: agent.cookie, "content-type": "application/json" },
      body: `{"query":"{ me { permissions } }"}`,
    });
    expect(read.headers.get("access-control-allow-origin")).toBe(own);
  });
});

describe("writes with the session cookie come only from Centrala's own pages", () => {
  it("takes GraphQL over POST only as JSON: forms and text/plain are refused with 415 and not run", async () => {
    const form = new URLSearchParams({ query: "mutation { setMyAgentState(state: READY) { state } }" });
    const multipart = new FormData();
    multipart.append("query", "mutation { setMyAgentState(state: READY) { state } }");
    const bodies: [string | undefined, BodyInit][] = [
      ["application/x-www-form-urlencoded", form.toString()],
      [undefined, multipart],
      ["text/plain", SET_READY],
      ["application/graphql", "mutation { setMyAgentState(state: READY) { state } }"],
    ];
    for (const [type, body] of bodies) {
      const r = await send("/api/graphql", { headers: { origin: server.url, cookie: agent.cookie, ...(type ? { "content-type": type } : {}) }, body });
      expect(r.status, type).toBe(415);
      expect(r.body?.errors[0]).toMatchObject({
        message: "Send GraphQL requests as application/json",
        extensions: { code: "INVALID_INPUT", reason: "CONTENT_TYPE" },
      });
    }
    expect(await state()).toBe("OFFLINE");
  });

  it("refuses JSON from another origin, an opaque origin, or a browser that says it is cross-site", async () => {
    const refused: Record<string, string>[] = [{ origin: FOREIGN }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
    for (const headers of refused) {
      const r = await send("/api/graphql", { headers: { cookie: agent.cookie, "content-type": "application/json", ...headers }, body: SET_READY });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body?.errors[0].extensions).toEqual({ code: "FORBIDDEN", reason: "ORIGIN" });
    }
    expect(await state()).toBe("OFFLINE");
  });

  it("accepts our own pages, trusted origins, and tools that send no Origin at all", async () => {
    const accepted: Record<string, string>[] = [
      { origin: server.url },
      { origin: TRUSTED },
      { "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "none" },
      {},
    ];
    for (const headers of accepted) {
      const r = await send("/api/graphql", { headers: { cookie: agent.cookie, "content-type": "application/json", ...headers }, body: SET_READY });
      expect(r.status, JSON.stringify(headers)).toBe(200);
      expect(r.body?.data.setMyAgentState.state).toBe("READY");
    }
  });

  it("guards every cookie write the same way: uploads, sounds, sign-out", async () => {
    const kase = await createCase(db(), { organizationId: org.id, channel: "CHAT", subject: "Files", contactId: null, queueId: null, now: new Date() });
    const file = () => {
      const f = new FormData();
      f.append("file", new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])]), "photo.png");
      return f;
    };
    const upload = (origin: string) => send(`/api/attachments?caseId=${kase.id}`, { headers: { origin, cookie: admin.cookie }, body: file() });
    const refused = await upload(FOREIGN);
    expect(refused).toMatchObject({ status: 403, body: { code: "FORBIDDEN", reason: "ORIGIN" } });
    expect(await db().attachment.count({ where: { caseId: kase.id } })).toBe(0);
    expect((await upload(server.url)).status).toBe(200);

    const sound = await send("/api/audio-files?name=x&kind=PROMPT", { headers: { origin: FOREIGN, cookie: admin.cookie }, body: file() });
    expect(sound).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });

    const out = await send("/api/auth/sign-out", { headers: { origin: FOREIGN, cookie: admin.cookie, "content-type": "application/json" }, body: "{}" });
    expect(out.status).toBe(403);
    expect((await admin.ok(`{ me { permissions } }`)).me.permissions.length).toBeGreaterThan(0); // still signed in
  });

  it("leaves requests without the cookie, and the visitors' own APIs, to their own rules", async () => {
    const anonymous = await send("/api/graphql", {
      headers: { origin: FOREIGN, "content-type": "application/json" },
      body: `{"query":"{ me { permissions } }"}`,
    });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body?.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    // A site allowed by the widget posts its call-back form; a staff cookie in the same browser changes nothing.
    const form = await send(`/api/widgets/${widgetKey}/callback`, {
      headers: { origin: "http://shop.test", cookie: agent.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "phone=nonsense",
    });
    expect(form.status).toBe(422);
    expect(form.headers.get("access-control-allow-origin")).toBe("http://shop.test");
  });
});

describe("operation limits, over HTTP and WebSocket", () => {
  const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
  const inboxes = `{ ${Array.from({ length: 200 }, (_, i) => `i${i}: inbox(scope: ALL, limit: 200) { id subject status { name } contact { firstName lastName } messages { body } }`).join(" ")} }`;
  // Ten levels (the depth limit's most), each list multiplying the next.
  const nested = `{ teams { members { user { queues { queue { members { user { teams { team { name } } } } } } } } } }`;

  it("refuses 1,000 aliases, 200 aliased inboxes and lists nested in lists, with a readable message", async () => {
    const many = await admin.gql(aliases);
    expect(many).toMatchObject({ errors: [{ message: "The query uses 1000 aliases; at most 30 are allowed", extensions: { code: "LIMIT_EXCEEDED" } }] });
    expect(many.data).toBeUndefined();
    const heavy = await admin.gql(inboxes);
    expect(heavy.errors?.map((e) => e.extensions?.code)).toEqual(["LIMIT_EXCEEDED", "LIMIT_EXCEEDED"]);
    expect(heavy.errors?.[1].message).toMatch(/^The query would cost \d+ .*; at most 30000 is allowed$/);
    const deep = await admin.gql(nested);
    expect(code(deep)).toBe("LIMIT_EXCEEDED");
    expect(deep.errors?.[0].message).toMatch(/would cost/);
  });

  it("refuses them over the WebSocket too", async () => {
    const ws = admin.ws();
    try {
      for (const query of [aliases, inboxes]) {
        const sub = subscribe(ws, query);
        await expect(sub.next()).rejects.toThrow(/LIMIT_EXCEEDED|at most/);
        sub.dispose();
      }
    } finally {
      await ws.dispose();
    }
  });
});

/** POSTs `total` bytes as a chunked stream (no Content-Length), as fast as the server takes them. */
function streamPost(path: string, total: number) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const url = new URL(path, server.url);
    let sent = 0;
    const req = request({ host: url.hostname, port: url.port, path, method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body, sent }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    req.write("{");
    pump();
  });
}

describe("bodies read before any session are bounded as they stream in", () => {
  it("answers a chunked 5 MB body with 413 and stays healthy", async () => {
    for (const path of ["/api/graphql", "/api/auth/sign-in/username"]) {
      const r = await streamPost(path, 5 * 1024 * 1024);
      expect(r.status, path).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject(
        path === "/api/graphql"
          ? { errors: [{ extensions: { code: "LIMIT_EXCEEDED", reason: "BODY_TOO_LARGE" } }] }
          : { code: "LIMIT_EXCEEDED", reason: "BODY_TOO_LARGE" },
      );
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await admin.ok(`{ me { permissions } }`)).me).toBeTruthy();
  });

  it("stops reading: an endless body is answered long before it could have been taken in", async () => {
    const r = await streamPost("/api/graphql", 1024 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("answers a widget body over its limit with 413, not 429", async () => {
    const r = await send(`/api/widget/${widgetKey}/start`, {
      headers: { origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(100_000) }),
    });
    expect(r).toMatchObject({ status: 413, body: { code: "LIMIT_EXCEEDED", reason: "BODY_TOO_LARGE" } });
  });
});

describe("NUL characters are refused clearly, not with a server error", () => {
  it("in sign-in", async () => {
    for (const body of [
      { username: "ad\u0000min", password: PASSWORD },
      { username: "admin", password: "x\u0000y" },
    ]) {
      const r = await new TestSession(server.url).post("/api/auth/sign-in/username", body);
      expect(r.status).toBe(422);
      expect(await r.json()).toMatchObject({ code: "INVALID_INPUT", reason: "NUL_CHARACTER", message: expect.stringContaining("NUL") });
    }
  });

  it("in the widget's start", async () => {
    const r = await send(`/api/widget/${widgetKey}/start`, {
      headers: { origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ name: "Ala\u0000", email: "ala@example.com", message: "hi", language: "en" }),
    });
    expect(r).toMatchObject({ status: 422, body: { code: "INVALID_INPUT", reason: "NUL_CHARACTER" } });
  });

  it("in GraphQL variables and string literals, over HTTP and WebSocket", async () => {
    const search = `query($s: String) { users(search: $s) { id } }`;
    expect(await admin.gql(search, { s: "a\u0000" })).toMatchObject({ errors: [{ extensions: { code: "INVALID_INPUT", reason: "NUL_CHARACTER" } }] });
    expect(code(await admin.gql(`{ users(search: "a\\u0000") { id } }`))).toBe("INVALID_INPUT");
    expect((await admin.gql(search, { s: "a" })).errors).toBeUndefined();
    const ws = admin.ws();
    try {
      const sub = subscribe(ws, search, { s: "\u0000" });
      expect(code(await sub.next())).toBe("INVALID_INPUT");
    } finally {
      await ws.dispose();
    }
  });
});

describe("what anonymous callers learn of the schema", () => {
  const anonymous = () => new TestSession(server.url);

  it("refuses them introspection and suggests no names", async () => {
    for (const q of [`{ __schema { types { name } } }`, `{ __type(name: "Query") { fields { name } } }`]) {
      const r = await anonymous().gql(q);
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]).toMatchObject({ message: "Sign in to read the API's schema", extensions: { code: "UNAUTHENTICATED" } });
    }
    const typo = await anonymous().gql(`{ mee { permissions } }`);
    expect(typo.errors?.[0].message).toBe(`Cannot query field "mee" on type "Query".`);
    const badEnum = await anonymous().gql(`query($s: InboxScope!) { inbox(scope: $s) { id } }`, { s: "MIN" });
    expect(badEnum.errors?.[0].message).not.toMatch(/Did you mean/);
    expect((await anonymous().gql(`{ __typename }`)).data).toEqual({ __typename: "Query" });
  });

  it("keeps both for signed-in users", async () => {
    expect((await admin.ok(`{ __schema { queryType { name } } }`)).__schema.queryType.name).toBe("Query");
    expect((await admin.gql(`{ mee { permissions } }`)).errors?.[0].message).toMatch(/Did you mean "me"\?/);
  });

  it("keeps both in development", async () => {
    const dev = await startTestServer({ NODE_ENV: "development" });
    try {
      expect((await new TestSession(dev.url).ok(`{ __schema { queryType { name } } }`)).__schema.queryType.name).toBe("Query");
    } finally {
      await dev.close();
    }
  });
});

describe("pages", () => {
  const page = (path: string, cookie = "") => fetch(server.url + path, { redirect: "manual", headers: cookie ? { cookie } : {} });

  it("need a session unless they are on the public list, reports and areas to come included", async () => {
    for (const [path, next] of [
      ["/reports", "%2Freports"],
      ["/reports/ivr?from=2026-01-01", "%2Freports%2Fivr%3Ffrom%3D2026-01-01"],
      ["/some-area-of-next-year", "%2Fsome-area-of-next-year"],
    ]) {
      const r = await page(path);
      expect(r.status, path).toBe(302);
      expect(r.headers.get("location")).toBe(`/login?next=${next}`);
    }
    for (const path of ["/login", "/demo", "/widget.js", "/icon.svg", "/_next/static/chunks/x.js", `/widget/${widgetKey}`]) {
      expect((await page(path)).status, path).not.toBe(302);
    }
    expect((await page("/api/nothing-here")).status).toBe(404);
  });

  it("never carry a ?next= that would leave the site", async () => {
    for (const path of ["/%09/evil.com", "/%5Cevil.com", "/%2F/evil.com"]) {
      const r = await page(path);
      expect(r.headers.get("location"), path).toBe("/login");
    }
  });

  it("carry a Content-Security-Policy with a fresh nonce, framed by nobody but the widget's sites", async () => {
    const policies = await Promise.all([page("/agent", agent.cookie), page("/agent", agent.cookie), page("/login")]).then((rs) =>
      rs.map((r) => r.headers.get("content-security-policy") ?? ""),
    );
    const nonces = policies.map((p) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(p)?.[1]);
    expect(new Set(nonces).size).toBe(3);
    expect(policies[0]).toContain("script-src 'self' 'nonce-");
    expect(policies[0]).toContain("'strict-dynamic'");
    expect(policies[0]).toContain("frame-ancestors 'none'");
    expect(policies[0]).toContain("object-src 'none'");
    expect(policies[0]).not.toContain("unsafe-eval");
    const widget = (await page(`/widget/${widgetKey}`)).headers.get("content-security-policy");
    expect(widget).toContain("frame-ancestors 'self' http://shop.test");
    expect(widget).toContain("'nonce-");
  });
});
