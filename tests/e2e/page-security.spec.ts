// The pages' Content-Security-Policy in a real browser: Next's scripts run by their nonce (every
// test's console is also watched for violations, tests/e2e/fixtures.ts), the demo shop loads the
// widget, and a ?next= crafted to leave the site after sign-in stays on it.
import { chatQueue } from "./chat-setup.ts";
import { expect, signIn, test } from "./fixtures.ts";

test("the agent desktop runs under a nonce policy: every script carries this response's nonce", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Nina Nonce");
  await signIn(page, agent.username);
  const response = await page.goto("/agent");
  const policy = response!.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).toContain("frame-ancestors 'none'");
  await expect(page.getByTestId("my-state")).toBeVisible();
  // The nonce attribute reads as "" from the DOM once applied; the property keeps it.
  const scripts = await page.locator("script").evaluateAll((all) => all.map((s) => (s as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set([nonce]));
});

test("the demo shop shows the chat widget, whose page allows only its own scripts", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Demo Agent");
  const { widget } = await chatQueue(factory, [agent], { name: "Demo chat" });
  // /demo embeds the demo organisation's widget; give this run's widget that key for the visit.
  await factory.db.prisma.entryPoint.deleteMany({ where: { key: "demo-website-chat" } });
  await factory.db.prisma.entryPoint.update({ where: { id: widget.id }, data: { key: "demo-website-chat" } });
  try {
    const framed = page.waitForResponse((r) => new URL(r.url()).pathname === "/widget/demo-website-chat");
    const shop = await page.goto("/demo");
    expect(shop!.headers()["content-security-policy"]).toContain("frame-src 'self'");
    await page.locator('[data-centrala="launcher"]').click();
    const policy = (await framed).headers()["content-security-policy"];
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'self'");
    await expect(page.frameLocator('iframe[data-centrala="frame"]').getByRole("button", { name: "Start the chat" })).toBeVisible();
  } finally {
    await factory.db.prisma.entryPoint.delete({ where: { id: widget.id } });
  }
});

test("a ?next= that a browser would read as another site lands on Centrala after sign-in", async ({ page, factory }) => {
  const agent = await factory.user("AGENT", "Rita Redirect");
  await page.goto("/login?next=/%09/example.com");
  await page.getByLabel("Login").fill(agent.username);
  await page.getByLabel("Password").fill("e2e password 1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
});
