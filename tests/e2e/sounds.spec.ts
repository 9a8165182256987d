// An administrator uploads a recording under Telephony → Sounds: it is converted, listed with its
// length, playable in place; a file that is not a sound is refused in words; an IVR menu plays it;
// a queue takes uploaded music as its music on hold, and that music cannot be deleted meanwhile.
import { toneFile } from "../support/audio-files.ts";
import { expect, signIn, test } from "./fixtures.ts";

/** A 3 s tone as a WAV (44.1 kHz stereo), as someone's recording program would save it. */
const wav = () => Buffer.from(toneFile("welcome.wav", 3));

test("an admin uploads a sound, sees it listed with its length, and gives a queue uploaded music", async ({ page, factory }) => {
  const admin = await factory.user("ADMIN", "Ann Admin");
  const orgId = factory.org.org.id;
  await factory.db.prisma.queue.create({ data: { organizationId: orgId, name: "Infolinia", channels: ["VOICE"] } });
  await signIn(page, admin.username);

  await page.goto("/admin/telephony");
  await page.getByRole("link", { name: "Sounds", exact: true }).click();
  await expect(page.getByText("No sounds uploaded yet.")).toBeVisible();

  // Not a sound: refused in words, nothing listed.
  await page.getByRole("button", { name: "Upload a sound" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("File").setInputFiles({ name: "song.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("la la la\n".repeat(50)) });
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByText("This is not a sound file we can read.", { exact: false })).toBeVisible();

  await dialog.getByLabel("File").setInputFiles({ name: "welcome.wav", mimeType: "audio/wav", buffer: wav() });
  await dialog.getByLabel("Name").fill("Welcome");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("sound-Welcome");
  await expect(row.getByTestId("sound-length")).toHaveText("0:03");
  await expect(row).toContainText("IVR prompt");
  await expect(row).toContainText("welcome.wav");
  await expect(row.getByLabel("Listen to Welcome")).toBeVisible();
  // What the player loads is there, as Ogg.
  const file = await factory.db.prisma.audioFile.findFirstOrThrow({ where: { organizationId: orgId, name: "Welcome" } });
  const played = await page.request.get(`/api/audio-files/${file.id}`);
  expect(played.headers()["content-type"]).toBe("audio/ogg");

  // An IVR menu that plays it instead of speaking text.
  await page.getByRole("link", { name: "IVR flows" }).click();
  await page.getByRole("button", { name: "New IVR flow" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Recorded hotline");
  const menu = page.getByTestId("step-menu-1");
  await menu.getByLabel("Play a recording").check();
  await menu.getByLabel("Recording", { exact: true }).selectOption({ label: "Welcome" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("ivr-status")).toHaveText("Not published: callers do not hear it yet.");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("ivr-status")).toHaveText("Callers hear this flow (version 1).");
  await page.screenshot({ path: "test-results/sounds-ivr.png", fullPage: true });
  const flow = await factory.db.prisma.ivrFlow.findFirstOrThrow({ where: { organizationId: orgId, name: "Recorded hotline" } });
  expect((flow.draft as { nodes: Record<string, { prompt?: { audioId?: string } }> }).nodes["menu-1"].prompt?.audioId).toBe(file.id);
  await page.getByRole("link", { name: "Sounds", exact: true }).click();

  // Music, for the queue.
  await page.getByRole("button", { name: "Upload a sound" }).click();
  await dialog.getByLabel("File").setInputFiles({ name: "jazz.wav", mimeType: "audio/wav", buffer: wav() });
  await dialog.getByLabel("Name").fill("Jazz");
  await dialog.getByLabel("Used for").selectOption({ label: "Music on hold" });
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("sound-Jazz")).toContainText("Music on hold");
  await page.screenshot({ path: "test-results/sounds.png", fullPage: true });

  await page.goto("/admin/queues");
  await page
    .getByRole("row", { name: /Infolinia/ })
    .getByRole("button", { name: "Edit" })
    .click();
  await dialog.getByLabel("Music on hold").selectOption({ label: "Jazz" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const queue = await factory.db.prisma.queue.findFirstOrThrow({ where: { organizationId: orgId, name: "Infolinia" } });
  expect(queue.musicOnHoldId).toBeTruthy();

  // In use: deleting it is refused, naming the queue.
  await page.goto("/admin/telephony/sounds");
  await page.getByTestId("sound-Jazz").getByRole("button", { name: "Edit" }).click();
  await dialog.getByRole("button", { name: "Delete sound" }).click();
  await dialog.getByRole("button", { name: "Yes, delete" }).click();
  await expect(dialog.getByText("it is used by queue Infolinia")).toBeVisible();
  await page.screenshot({ path: "test-results/sounds-in-use.png" });
});
