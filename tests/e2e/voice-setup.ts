// Voice test helpers on top of the e2e fixtures: a web visitor calling from the widget, and what a
// page's call audio looks like (app/_client/call-media.ts stats).
import type { Browser, Page } from "@playwright/test";
export { readyAgent } from "./fixtures.ts";

/** A visitor who opens the widget and presses "Call us" with their name and e-mail. */
export async function callFromWidget(browser: Browser, widgetKey: string, name: string, email: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/widget/${widgetKey}`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/E-mail/).fill(email);
  await page.getByTestId("call-us").click();
  return page;
}

/** The page's call audio figures; none yet while its media is still being set up. */
export const callStats = (page: Page) =>
  page.evaluate(() => window.centralaCall?.stats() ?? { bytesSent: 0, bytesReceived: 0, audioLevel: 0, packetsLost: 0, bytesFrom: {} as Record<string, number> });
/** Bytes this page has received from one party of the call (or "music"). */
export const heardFrom = async (page: Page, partyId: string) => (await callStats(page)).bytesFrom[partyId] ?? 0;
/** The other side's audio is being played out (not just received). */
export const playing = (page: Page) => page.evaluate(() => !(document.querySelector('[data-testid="call-audio"]') as HTMLAudioElement).paused);
