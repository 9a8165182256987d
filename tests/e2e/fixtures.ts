// Each test makes its own organisation and people, straight in the server's database.
import { type Browser, type BrowserContext, type Page, test as base, expect } from "@playwright/test";
import type { BuiltInRole } from "../../domain/access/permissions.ts";
import { argon2Passwords } from "../../lib/auth/passwords.ts";
import { type Database, openDatabase } from "../../lib/db/database.ts";
import { createOrganization, createUserWithPassword } from "../../prisma/seed/seed.ts";

export const PASSWORD = "e2e password 1";
const unique = () => Math.random().toString(36).slice(2, 8);

export interface Person {
  id: string;
  username: string;
  name: string;
}

export class Factory {
  constructor(readonly db: Database) {}
  org!: Awaited<ReturnType<typeof createOrganization>>;

  async organization() {
    this.org = await createOrganization(this.db.prisma, `E2E ${unique()}`, `e2e-${unique()}`, "en");
    return this.org;
  }

  async user(role: BuiltInRole, name: string, locale: "en" | "pl" | "ru" = "en"): Promise<Person> {
    const username = `${role.toLowerCase()}-${unique()}`;
    const u = await createUserWithPassword(
      this.db.prisma,
      this.org.org.id,
      this.org.roles[role],
      { username, name, email: `${username}@e2e.example`, locale },
      await argon2Passwords.hash(PASSWORD),
    );
    return { id: u.id, username, name };
  }

  async team(name: string, members: { userId: string; lead?: boolean }[]) {
    return this.db.prisma.team.create({
      data: { organizationId: this.org.org.id, name, members: { create: members.map((m) => ({ userId: m.userId, lead: m.lead ?? false })) } },
    });
  }
}

const watched = new WeakSet<BrowserContext>();

/** Collects the Content-Security-Policy violations browsers report on a context's pages and frames. */
function watchCsp(context: BrowserContext, violations: string[]) {
  // The default context is made through browser.newContext too: watch each once.
  if (watched.has(context)) return;
  watched.add(context);
  context.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(`${m.page()?.url() ?? "?"}: ${m.text()}`);
  });
}

export const test = base.extend<{ factory: Factory; closeContexts: void; cspViolations: string[] }, { database: Database }>({
  // In every browser a test opens, a script, style, frame or connection that the pages' policy
  // (lib/page-policy.ts) blocks fails the test, whatever the test was about.
  cspViolations: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const violations: string[] = [];
      await use(violations);
      expect(violations, "Content-Security-Policy violations in the browser's console").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, cspViolations }, use) => {
    watchCsp(context, cspViolations);
    await use(context);
  },
  // Tests open extra browsers (agent, visitor, supervisor) with browser.newContext(); the browser
  // outlives the test, so without this their pages would go on polling and streaming in the
  // background and slow every later test in the worker.
  closeContexts: [
    async ({ browser, cspViolations }, use) => {
      const opened: BrowserContext[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        watchCsp(context, cspViolations);
        opened.push(context);
        return context;
      };
      await use();
      browser.newContext = newContext;
      await Promise.all(opened.map((c) => c.close().catch(() => {})));
    },
    { auto: true },
  ],
  database: [
    // Playwright reads fixture dependencies from the destructuring pattern, so it must be there even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const db = await openDatabase({ databaseUrl: process.env.E2E_DATABASE_URL, dataDir: "/tmp" });
      await use(db);
      await db.close();
    },
    { scope: "worker" },
  ],
  factory: async ({ database }, use) => {
    const f = new Factory(database);
    await f.organization();
    await use(f);
  },
});

export { expect };

/** Fills the sign-in form and submits it, without waiting for the outcome. */
export async function attemptSignIn(page: Page, username: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/login|логин/i).fill(username);
  await page.getByLabel(/password|hasło|пароль/i).fill(password);
  await page.getByRole("button", { name: /sign in|zaloguj|войти/i }).click();
}

/** Signs in and waits until the signed-in home page has loaded. */
export async function signIn(page: Page, username: string, password = PASSWORD) {
  await attemptSignIn(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.getByTestId("user-menu").waitFor();
}

/** A GraphQL call from the signed-in page (its own origin and cookie), as the app makes them. */
export const gql = (page: Page, query: string, variables: Record<string, unknown> = {}) =>
  page.evaluate(
    async ([q, v]) =>
      (
        await fetch("/api/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: q, variables: v }) })
      ).json(),
    [query, variables] as const,
  );

/** The form's own message, not Next's route announcer (also role=alert). */
export const formAlert = (page: Page) => page.locator("main").getByRole("alert");

/** An agent signed in in a browser of their own, Ready for work. */
export async function readyAgent(browser: Browser, agent: Person) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, agent.username);
  await page.getByTestId("state-READY").click();
  await expect(page.getByTestId("my-state")).toContainText("Ready");
  return page;
}
