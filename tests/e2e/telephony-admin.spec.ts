// An administrator sets up the phone network: a SIP trunk, a number on it, the rules for calls out
// and a blocked number; a failed registration shows as an alarm; the screens read in Polish and Russian.
import { expect, signIn, test } from "./fixtures.ts";

test("an admin sets up a trunk, a number, the rules for calls out and a blocked number", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ann Admin");
  const orgId = factory.org.org.id;
  await factory.db.prisma.queue.create({ data: { organizationId: orgId, name: "Infolinia", channels: ["VOICE", "CHAT"] } });
  await signIn(page, admin.username);

  // A trunk: mistakes are shown field by field, then it saves; the password is never shown again.
  await page.goto("/admin");
  await page.getByRole("link", { name: "Telephony" }).click();
  await page.getByRole("button", { name: "New SIP trunk" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill("Operator PL");
  await dialog.getByLabel("Server").fill("sip:sip.operator.test");
  await dialog.getByLabel("Caller IDs").fill("+48 22 100 20 30\n123");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Check the marked fields.")).toBeVisible();
  await expect(dialog.getByText("A host or host:port without sip:, e.g. sip.provider.com:5060.")).toBeVisible();
  await expect(dialog.getByText("Not phone numbers with a country code: 123")).toBeVisible();
  await expect(dialog.getByText("Required.")).toBeVisible();
  await dialog.getByLabel("Server").fill("sip.operator.test:5060");
  await dialog.getByLabel("User name (account)").fill("48221002030");
  await dialog.getByLabel("Password").fill("trunk secret 1");
  await dialog.getByLabel("Caller IDs").fill("+48 22 100 20 30");
  await dialog.getByLabel("Calls at once").fill("8");
  await dialog.getByRole("button", { name: "Save" }).click();
  const row = page.getByTestId("trunk-Operator PL");
  await expect(row).toContainText("sip.operator.test:5060");
  await expect(row.getByTestId("trunk-status")).toContainText("Off");
  const trunk = await factory.db.prisma.sipTrunk.findFirstOrThrow({ where: { organizationId: orgId, name: "Operator PL" } });
  expect(trunk).toMatchObject({ callerIds: ["+48221002030"], maxCalls: 8 });
  expect(trunk.secret).not.toContain("trunk secret 1");
  await row.getByRole("button", { name: "Edit" }).click();
  await expect(dialog.getByLabel("Password")).toHaveValue("");
  await expect(dialog.getByText("Leave empty to keep the saved one")).toBeVisible();
  await dialog.getByLabel("Calls out per minute").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/telephony-trunk-dialog.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The media role reports it registered, then refused: the badge follows, and the alarm appears.
  await factory.db.prisma.sipTrunk.update({ where: { id: trunk.id }, data: { status: "REGISTERED", statusAt: new Date() } });
  await expect(row.getByTestId("trunk-status")).toHaveAttribute("data-status", "REGISTERED", { timeout: 15_000 });
  await expect(row.getByTestId("trunk-status")).toContainText("Registered");
  await factory.db.prisma.sipTrunk.update({ where: { id: trunk.id }, data: { status: "FAILED", statusDetail: "403 Forbidden (bad credentials)", statusAt: new Date() } });
  await expect(row.getByTestId("trunk-status")).toContainText("403 Forbidden (bad credentials)", { timeout: 15_000 });
  const alarm = page.getByTestId("telephony-alarm");
  await expect(alarm).toContainText("A phone line is not registered");
  await expect(alarm).toContainText("Operator PL: 403 Forbidden (bad credentials)");
  await page.screenshot({ path: "test-results/telephony-trunks.png", fullPage: true });

  // A number on that trunk, answered by the queue.
  await page.getByRole("link", { name: "Numbers", exact: true }).click();
  await page.getByRole("button", { name: "New number" }).click();
  await dialog.getByLabel("Number", { exact: true }).fill("22 100 20 30");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("A phone number with its country code, e.g. +48 22 123 45 67.")).toBeVisible();
  await dialog.getByLabel("Number", { exact: true }).fill("0048 22 100 20 30");
  await dialog.getByLabel("Name", { exact: true }).fill("Infolinia główna");
  await expect(dialog.getByLabel("SIP trunk")).toHaveValue(trunk.id);
  await dialog.getByLabel("Queue").selectOption({ label: "Infolinia" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("number-+48221002030")).toContainText("Operator PL");
  await expect(page.getByTestId("number-+48221002030")).toContainText("Infolinia główna");
  await page.screenshot({ path: "test-results/telephony-numbers.png", fullPage: true });

  // A second number shared by callers and fax machines: listening (in the flow or the queue) needs
  // a queue that takes faxes too.
  await factory.db.prisma.queue.create({ data: { organizationId: orgId, name: "Biuro", channels: ["VOICE", "FAX"] } });
  await factory.db.prisma.ivrFlow.create({ data: { organizationId: orgId, name: "Powitanie", draft: {}, publishedVersion: 1 } });
  await page.reload();
  await page.getByRole("button", { name: "New number" }).click();
  await dialog.getByLabel("Number", { exact: true }).fill("+48 22 100 20 31");
  await dialog.getByLabel("IVR flow").selectOption({ label: "Powitanie" });
  await dialog.getByTestId("number-fax-detect").check();
  await expect(dialog.getByText("in the IVR flow or waiting in the queue", { exact: false })).toBeVisible();
  // Only the queue that takes calls and faxes is offered now.
  await expect(dialog.getByLabel("Queue").locator("option")).toHaveText(["Biuro"]);
  await page.screenshot({ path: "test-results/telephony-number-fax-detect.png", fullPage: true });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("number-+48221002031").getByTestId("fax-detect")).toHaveText("Hears faxes");

  // Rules for calls out.
  await page.getByRole("link", { name: "Calls out" }).click();
  await expect(page.getByLabel("Allowed prefixes")).toHaveValue("+48");
  await page.getByLabel("Allowed prefixes").fill("+48\n0044 20\nabc");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Not number prefixes with a country code: abc")).toBeVisible();
  await page.getByLabel("Allowed prefixes").fill("+48\n0044 20");
  await page.getByLabel("Blocked prefixes").fill("+48 700\n+48701");
  await page.getByLabel("Calls out only at these hours").check();
  await page.getByRole("row", { name: /Monday/ }).getByRole("button", { name: "Add hours" }).click();
  await page.getByLabel("Calls per agent per hour").fill("12");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Allowed prefixes")).toHaveValue("+48\n+4420");
  const org = await factory.db.prisma.organization.findUniqueOrThrow({ where: { id: orgId } });
  expect(org.outboundCalls).toMatchObject({
    allowedPrefixes: ["+48", "+4420"],
    blockedPrefixes: ["+48700", "+48701"],
    perAgentPerHour: 12,
    hours: { enabled: true, days: { mon: [{ from: "08:00", to: "16:00" }] } },
  });
  await page.screenshot({ path: "test-results/telephony-outbound.png", fullPage: true });

  // A blocked number, for two hours; then unblocked.
  await page.getByRole("link", { name: "Blocked numbers" }).click();
  await page.getByRole("button", { name: "Block a number" }).click();
  await dialog.getByLabel("Number").fill("+48 600 100 200");
  await dialog.getByLabel("Reason").fill("Nuisance calls");
  await dialog.getByLabel("For how many hours").fill("2");
  await dialog.getByRole("button", { name: "Block" }).click();
  const blocked = page.getByTestId("blocked-+48600100200");
  await expect(blocked).toContainText("Nuisance calls");
  await expect(blocked).toContainText("Ann Admin");
  await page.getByRole("button", { name: "Block a number" }).click();
  await dialog.getByLabel("Number").fill("+48 600 100 300");
  await dialog.getByRole("button", { name: "Block" }).click();
  await expect(page.getByTestId("blocked-+48600100300")).toContainText("Until removed");
  await page.screenshot({ path: "test-results/telephony-blocked.png", fullPage: true });
  await page.getByTestId("blocked-+48600100300").getByRole("button", { name: "Unblock" }).click();
  await expect(page.getByTestId("blocked-+48600100300")).toHaveCount(0);
  expect(await factory.db.prisma.blockedNumber.count({ where: { organizationId: orgId } })).toBe(1);

  // The audit log has it all, without the password.
  const audit = await factory.db.prisma.auditLog.findMany({ where: { organizationId: orgId } });
  expect(audit.map((a) => a.action)).toEqual(
    expect.arrayContaining(["sip_trunk.created", "phone_number.created", "outbound_rules.updated", "blocked_number.added", "blocked_number.removed"]),
  );
  expect(JSON.stringify(audit)).not.toContain("trunk secret 1");
});

test("the telephony screens read in Polish and Russian", async ({ page, factory }) => {
  const orgId = factory.org.org.id;
  const trunk = await factory.db.prisma.sipTrunk.create({
    data: { organizationId: orgId, name: "Operator", host: "sip.operator.test", username: "4822", status: "FAILED", statusDetail: "408 Request Timeout", statusAt: new Date() },
  });
  const queue = await factory.db.prisma.queue.create({ data: { organizationId: orgId, name: "Infolinia", channels: ["VOICE"] } });
  await factory.db.prisma.entryPoint.create({
    data: { organizationId: orgId, kind: "PHONE", key: `+4822${Math.floor(1e7 + Math.random() * 9e7)}`, name: "Infolinia", trunkId: trunk.id, queueId: queue.id },
  });
  for (const [locale, texts] of [
    ["pl", { trunks: "Trunki SIP", failed: "Błąd rejestracji", alarm: "Linia telefoniczna nie jest zarejestrowana", outbound: "Dozwolone prefiksy", blocked: "Zablokuj numer" }],
    ["ru", { trunks: "SIP-транки", failed: "Ошибка регистрации", alarm: "1 телефонная линия не зарегистрирована", outbound: "Разрешённые префиксы", blocked: "Заблокировать номер" }],
  ] as const) {
    const admin = await factory.user("ADMIN", `Admin ${locale}`, locale);
    const context = await page.context().browser()!.newContext();
    const p = await context.newPage();
    await signIn(p, admin.username);
    await p.goto("/admin/telephony");
    await expect(p.getByRole("heading", { name: texts.trunks })).toBeVisible();
    await expect(p.getByTestId("trunk-status")).toContainText(texts.failed);
    await expect(p.getByTestId("telephony-alarm")).toContainText(texts.alarm);
    await p.getByTestId("trunk-Operator").getByRole("button").click();
    await expect(p.getByRole("dialog")).toBeVisible();
    await p.screenshot({ path: `test-results/telephony-trunk-dialog-${locale}.png`, fullPage: true });
    await p.keyboard.press("Escape");
    await p.screenshot({ path: `test-results/telephony-trunks-${locale}.png`, fullPage: true });
    await p.goto("/admin/telephony/numbers");
    await expect(p.getByText("Operator").first()).toBeVisible();
    await p.screenshot({ path: `test-results/telephony-numbers-${locale}.png`, fullPage: true });
    await p.goto("/admin/telephony/outbound");
    await expect(p.getByLabel(texts.outbound)).toBeVisible();
    await p.screenshot({ path: `test-results/telephony-outbound-${locale}.png`, fullPage: true });
    await p.goto("/admin/blocked-numbers");
    await p.getByRole("button", { name: texts.blocked }).click();
    await p.screenshot({ path: `test-results/telephony-blocked-${locale}.png`, fullPage: true });
    await context.close();
  }
});

test("a supervisor keeps the blocklist but sees no telephony settings", async ({ page, factory }) => {
  const supervisor = await factory.user("SUPERVISOR", "Sam Supervisor");
  await signIn(page, supervisor.username);
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("link", { name: "Blocked numbers" }).click();
  await expect(page.getByRole("heading", { name: "Blocked numbers" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Block a number" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Telephony" })).toHaveCount(0);
  await page.goto("/admin/telephony");
  await expect(page.getByText("Your role does not give access to this page.", { exact: false })).toBeVisible();
});
