// The CRM lookup against a real HTTP server: yes, no (with variables for later prompts), and every
// way it can fail — an error status, a body that is not the answer, no answer in time.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookUpDigits } from "./verify-url.ts";

let server: http.Server;
let base = "";
const seen: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    seen.push(url.search);
    const digits = url.searchParams.get("digits");
    if (url.pathname === "/slow") return void setTimeout(() => res.end("{}"), 1000);
    if (url.pathname === "/down") return void res.writeHead(503).end();
    if (url.pathname === "/html") return void res.end("<html>");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(digits === "4412" ? { ok: true, vars: { debt: 125.5, "bad key": "x", name: "Iga" } } : { ok: false }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("lookUpDigits", () => {
  it("asks with the caller's number and digits; yes brings variables, no is no", async () => {
    expect(await lookUpDigits({ url: `${base}/check`, timeoutMs: 1000 }, { number: "+48601000000", digits: "4412" })).toEqual({ ok: true, vars: { debt: "125.5", name: "Iga" } });
    expect(seen.at(-1)).toBe("?number=%2B48601000000&digits=4412");
    expect(await lookUpDigits({ url: `${base}/check`, timeoutMs: 1000 }, { number: null, digits: "1" })).toMatchObject({ ok: false });
  });
  it("an error, a wrong answer or silence makes it unavailable (the flow takes its fallback)", async () => {
    for (const path of ["/down", "/html", "/slow"]) expect(await lookUpDigits({ url: `${base}${path}`, timeoutMs: 300 }, { number: null, digits: "1" })).toEqual({ ok: false, unavailable: true });
    expect(await lookUpDigits({ url: "http://127.0.0.1:1/none", timeoutMs: 300 }, { number: null, digits: "1" })).toEqual({ ok: false, unavailable: true });
  });
});
