// Dates and times follow the user's language and the organisation's time zone — not the
// browser's locale or clock — on screens and in the date picker.
import { formatDay } from "../../domain/shared/date-format.ts";
import { VisitorClient } from "../support/visitor-client.ts";
import { chatQueue } from "./chat-setup.ts";
import { PASSWORD, expect, signIn, test } from "./fixtures.ts";

const SHOTS = process.env.SHOTS_DIR;

test("an English user in a US browser gets day-first dates, a 24-hour clock and a picker in their language", async ({ browser, factory, baseURL }) => {
  test.setTimeout(SHOTS ? 150_000 : 60_000);
  const agent = await factory.user("AGENT", "Emma Clarke", "en");
  const { widget } = await chatQueue(factory, [agent], { name: "Dates chat" });
  // A browser in New York set to US English; the organisation is in Warsaw.
  const context = await browser.newContext({ locale: "en-US", timezoneId: "America/New_York", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(/login/i).fill(agent.username);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.getByTestId("state-READY").click(); // (signed in by hand: this browser's locale and zone are the point)
  // Ready on the server before the customer arrives: a chat started while nobody is Ready is told
  // so (NO_AGENTS) and never offered — the READY write and the visitor's start were milliseconds
  // apart, and on a loaded machine the visitor could win.
  await expect(page.getByTestId("my-state")).toContainText("Ready");

  const visitor = new VisitorClient(baseURL!);
  const started = await visitor.start(widget.key, { name: "Tom Time", email: "tom@example.com", message: "What time is it?", language: "en" });
  expect(started.body.state).toBe("QUEUED");
  await page.getByTestId("accept-offer").click();
  const bubble = page.getByTestId("customer-message").first();
  await expect(bubble).toContainText("What time is it?");
  // Warsaw's clock, 24-hour: "05:42", never "11:42 PM" (New York) nor AM/PM.
  const warsaw = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const shown = (await bubble.textContent()) ?? "";
  expect(shown).not.toMatch(/AM|PM/);
  const minutes = [warsaw.format(new Date(Date.now() - 60_000)), warsaw.format(new Date())];
  expect(
    minutes.some((m) => shown.includes(m)),
    `${shown} shows ${minutes.join(" or ")}`,
  ).toBe(true);

  // The deadline's picker: the user's language and format, whatever the browser says.
  const deadline = page.getByLabel("Deadline", { exact: true });
  await expect(deadline).toHaveAttribute("placeholder", "dd/mm/yyyy");
  await page.getByRole("button", { name: "Choose a date" }).click();
  const month = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "Europe/Warsaw" }).format(new Date());
  await expect(page.getByTestId("calendar-month")).toHaveText(month);
  await expect(page.getByTestId("calendar")).toContainText("Mon");
  const day20 = `${new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date()).slice(0, 8)}20`;
  await page
    .getByTestId("calendar")
    .getByRole("button", { name: formatDay(day20, "en") })
    .click();
  await expect(deadline).toHaveValue(formatDay(day20, "en")); // e.g. 20/12/2026
  expect(formatDay(day20, "en")).toMatch(/^20\/\d{2}\/\d{4}$/);

  // Typed in the user's order, day first.
  await deadline.fill(`21/${day20.slice(5, 7)}/${day20.slice(0, 4)}`);
  await deadline.blur();
  await page.reload();
  await expect(page.getByLabel("Deadline", { exact: true })).toHaveValue(formatDay(`${day20.slice(0, 8)}21`, "en"));

  for (const [locale, placeholder, weekday] of [
    ["pl", "dd.mm.rrrr", "pon"],
    ["ru", "дд.мм.гггг", "пн"],
  ] as const) {
    await page.getByTestId("language").selectOption(locale);
    await expect(page.getByPlaceholder(placeholder)).toHaveValue(formatDay(`${day20.slice(0, 8)}21`, locale));
    await page.getByPlaceholder(placeholder).locator("xpath=following-sibling::button").click();
    await expect(page.getByTestId("calendar")).toContainText(weekday);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/B-case-dates-${locale}.png` });
    await page.keyboard.press("Escape");
    await page.mouse.click(5, 300);
  }
  if (SHOTS) {
    await page.getByTestId("language").selectOption("en");
    await page.getByRole("button", { name: "Choose a date" }).click();
    await page.screenshot({ path: `${SHOTS}/B-case-dates-en.png` });
  }
});

test("an admin in a US browser sets opening hours on the 24-hour clock, typed as they like, in their language", async ({ browser, factory }) => {
  const admin = await factory.user("ADMIN", "Adam Hours", "en");
  const context = await browser.newContext({ locale: "en-US", timezoneId: "America/New_York", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, admin.username);
  await page.goto("/admin/telephony/outbound");
  await page.getByLabel("Calls out only at these hours").check();
  const monday = page.getByRole("row", { name: /Monday/ });
  await monday.getByRole("button", { name: "Add hours" }).click();
  const from = monday.getByLabel("From", { exact: true });
  const to = monday.getByLabel("To", { exact: true });
  // The browser's own time field would read "08:00 AM" here; ours keeps the user's clock.
  await expect(from).toHaveValue("08:00");
  await expect(to).toHaveValue("16:00");
  await expect(to).toHaveAttribute("placeholder", "hh:mm");
  await to.fill("17.30");
  await to.blur();
  await expect(to).toHaveValue("17:30");
  await from.fill("25:00");
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await from.fill("715");
  await from.blur();
  await expect(from).toHaveValue("07:15");
  await expect(from).not.toHaveAttribute("aria-invalid");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  const org = await factory.db.prisma.organization.findUniqueOrThrow({ where: { id: factory.org.org.id } });
  expect(org.outboundCalls).toMatchObject({ hours: { enabled: true, days: { mon: [{ from: "07:15", to: "17:30" }] } } });

  for (const [locale, placeholder] of [
    ["pl", "gg:mm"],
    ["ru", "чч:мм"],
    ["en", "hh:mm"],
  ] as const) {
    await page.getByTestId("language").selectOption(locale);
    await expect(page.getByPlaceholder(placeholder).first()).toHaveValue("07:15");
    if (!SHOTS) continue;
    for (const [width, height] of [
      [1440, 900],
      [1280, 720],
    ]) {
      await page.setViewportSize({ width, height });
      await page.getByPlaceholder(placeholder).first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/B-hours-${locale}-${width}x${height}.png` });
    }
  }
});
