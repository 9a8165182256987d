// npm run bench:chat-browser — what an agent actually waits for: from the visitor pressing Enter in
// the chat widget (Chromium) to the message's text on the agent's case page (another Chromium
// context), p50/p95 over MESSAGES messages (200). bench:chat measures the server to the agent's
// socket; this adds both browsers: the widget's POST, the page's subscription, urql and React.
// A real server process with its pages (`npm run build` first) on a database of its own; one
// agent Ready on one queue; the visitors come one after another (CHATS of them, the messages
// split between them: a visitor may send 20 messages a minute, a bucket that starts full) and
// send one message at a time, each after the last was on the agent's screen.
// Both times are read in the pages (Date.now(), one machine's clock): the visitor's at the Enter
// keydown, the agent's when a MutationObserver sees the text.
import { chromium } from "@playwright/test";
import { VISITOR_MESSAGES_PER_MINUTE } from "../domain/chat/visitor-actions.ts";
import { argon2Passwords } from "../lib/auth/passwords.ts";
import { openDatabase } from "../lib/db/database.ts";
import { createOrganization, createUserWithPassword } from "../prisma/seed/seed.ts";
import { spawnServer } from "../tests/support/spawn-server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { ms, summary, table } from "./stats.ts";

const MESSAGES = Number(process.env.MESSAGES ?? 200);
const PER_CHAT = Math.min(VISITOR_MESSAGES_PER_MINUTE - 1, Number(process.env.PER_CHAT ?? VISITOR_MESSAGES_PER_MINUTE - 1));
const PORT = process.env.BENCH_PORT ?? "43310";
const PASSWORD = "bench password 1";
const TIMEOUT_MS = 15_000;

const db = await createTestDatabase(process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres");
const server = spawnServer(
  {
    ...db.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT,
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    SEED: "none",
    LOG_LEVEL: "warn",
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
    SIGNIN_RATE_LIMIT_PER_MINUTE: "10000",
    WIDGET_STARTS_PER_MINUTE: "10000",
    PHONE_GATEWAY: "0",
  },
  { inheritEnv: true },
);
const base = `http://127.0.0.1:${PORT}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  await server.ready;
  const data = await openDatabase({ databaseUrl: db.env.DATABASE_URL, dataDir: db.env.DATA_DIR });
  const org = await createOrganization(data.prisma, "Bench", "bench", "en");
  const agent = await createUserWithPassword(
    data.prisma,
    org.org.id,
    org.roles.AGENT,
    { username: "bench-agent", name: "Bench Agent", email: "agent@bench.example", locale: "en" },
    await argon2Passwords.hash(PASSWORD),
  );
  const queue = await data.prisma.queue.create({
    data: { organizationId: org.org.id, name: "Bench chat", channels: ["CHAT"], members: { create: [{ userId: agent.id, skillLevel: 5 }] } },
  });
  const key = `bench_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  await data.prisma.entryPoint.create({
    data: { organizationId: org.org.id, kind: "CHAT_WIDGET", name: "Bench widget", key, queueId: queue.id, config: { languages: ["en"], allowedOrigins: [] } },
  });
  await data.close();

  // The agent: signed in, Ready, watching for the visitors' markers on their screen.
  const agentPage = await (await browser.newContext()).newPage();
  await agentPage.addInitScript(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const now = Date.now();
      for (const m of document.querySelectorAll('[data-testid="customer-message"]')) {
        const marker = /bench-\d+-end/.exec(m.textContent ?? "")?.[0];
        if (marker && !(marker in seen)) seen[marker] = now;
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await agentPage.goto(`${base}/login`);
  await agentPage.getByLabel(/login/i).fill("bench-agent");
  await agentPage.getByLabel(/password/i).fill(PASSWORD);
  await agentPage.getByRole("button", { name: /sign in/i }).click();
  await agentPage.getByTestId("state-READY").click();

  const latencies: number[] = [];
  let n = 0;
  for (let chat = 0; n < MESSAGES; chat++) {
    // A new visitor (a new browser context: no stored conversation) opens the widget.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.addInitScript(() => {
      const sent: Record<string, number> = {};
      (window as unknown as { sent: typeof sent }).sent = sent;
      document.addEventListener(
        "keydown",
        (e) => {
          const box = e.target as HTMLTextAreaElement;
          const marker = e.key === "Enter" && !e.shiftKey ? /bench-\d+-end/.exec(box.value ?? "")?.[0] : undefined;
          if (marker) sent[marker] = Date.now();
        },
        true,
      );
    });
    await visitor.goto(`${base}/widget/${key}`);
    await visitor.getByLabel("Your name").fill(`Visitor ${chat + 1}`);
    await visitor.getByLabel("E-mail", { exact: true }).fill(`visitor${chat + 1}@bench.example`);
    await visitor.getByLabel("How can we help?").fill("Hello");
    await visitor.getByRole("button", { name: "Start the chat" }).click();
    await agentPage.getByTestId("accept-offer").click({ timeout: TIMEOUT_MS });
    await agentPage.waitForURL(/\/agent\/cases\//);
    await agentPage.getByTestId("customer-message").first().waitFor();
    const box = visitor.getByTestId("composer");
    for (let i = 0; i < PER_CHAT && n < MESSAGES; i++, n++) {
      const marker = `bench-${n}-end`;
      await box.fill(`Message ${n + 1} about my order, ${marker}`);
      await box.press("Enter");
      await agentPage.waitForFunction((m) => m in (window as unknown as { seen: Record<string, number> }).seen, marker, { timeout: TIMEOUT_MS });
      const sentAt = await visitor.evaluate((m) => (window as unknown as { sent: Record<string, number> }).sent[m], marker);
      const seenAt = await agentPage.evaluate((m) => (window as unknown as { seen: Record<string, number> }).seen[m], marker);
      latencies.push(seenAt - sentAt);
    }
    await agentPage.getByRole("button", { name: "End chat" }).click();
    await agentPage.getByRole("button", { name: "End chat" }).waitFor({ state: "detached" });
    await visitorContext.close();
  }

  const s = summary(latencies);
  console.log(`\nChat message, visitor's Enter in the widget -> text on the agent's case page (both Chromium), ${s.n} messages, database ${db.env.DATABASE_URL ? "postgres" : "pglite"}:`);
  table([{ messages: s.n, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) }]);
} finally {
  await browser.close();
  await server.stop();
  await db.drop();
}
