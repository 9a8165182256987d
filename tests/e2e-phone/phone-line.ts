// A telephone line for a phone e2e test: a registrar the trunk registers with (run in the test's
// worker), a voice queue with the given agents, the trunk saved through the admin API (so the
// server registers it at once) and a number (DID) on it.
import type { Browser } from "@playwright/test";
import { expect, type Factory, type Person, signIn } from "../e2e/fixtures.ts";
import { TestRegistrar } from "../support/phone/registrar.ts";

const unique = () => Math.random().toString(36).slice(2, 7);

/** `outboundCodecs`: what calls out on the outbound trunk offer (A-law only unless told). */
export async function phoneLine(browser: Browser, factory: Factory, agents: Person[], opts: { outboundTrunkPort?: number; outboundCodecs?: ("PCMA" | "PCMU")[] } = {}) {
  const db = factory.db.prisma;
  const registrar = new TestRegistrar();
  const registrarPort = await registrar.start();
  const did = `+4822${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  const queue = await db.queue.create({
    data: { organizationId: factory.org.org.id, name: `Hotline ${unique()}`, channels: ["VOICE"], members: { create: agents.map((a) => ({ userId: a.id })) } },
  });
  const admin = await factory.user("ADMIN", "Line Admin");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, admin.username);
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await page.request.post("/api/graphql", { data: { query, variables }, headers: { origin: new URL(page.url()).origin } });
    const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const save = `mutation($input: SipTrunkInput!) { saveSipTrunk(input: $input) { id } }`;
  const trunk = await gql(save, {
    input: { name: `Line ${unique()}`, host: `127.0.0.1:${registrarPort}`, username: `acc${unique()}`, secret: "line secret", register: true, callerIds: [did], codecs: ["PCMA", "PCMU"], maxCalls: 4, callsPerMinute: 30, active: true },
  });
  const trunkId = trunk.saveSipTrunk.id;
  await gql(`mutation($input: PhoneNumberInput!) { savePhoneNumber(input: $input) { id } }`, { input: { number: did, name: "Hotline", trunkId, queueId: queue.id, active: true } });
  let outboundTrunkId: string | null = null;
  if (opts.outboundTrunkPort) {
    const out = await gql(save, {
      input: { name: `Out ${unique()}`, host: `127.0.0.1:${opts.outboundTrunkPort}`, username: "centrala", register: false, callerIds: [did], codecs: opts.outboundCodecs ?? ["PCMA"], maxCalls: 4, callsPerMinute: 30, active: true },
    });
    outboundTrunkId = out.saveSipTrunk.id;
  }
  const account = (await db.sipTrunk.findUniqueOrThrow({ where: { id: trunkId } })).username;
  await expect.poll(async () => (await db.sipTrunk.findUniqueOrThrow({ where: { id: trunkId } })).status, { timeout: 20_000 }).toBe("REGISTERED");
  await expect.poll(() => !!registrar.contacts.get(account), { timeout: 10_000 }).toBe(true);
  await page.context().close();
  const contact = registrar.contacts.get(account)!;
  return { did, queue, trunkId, outboundTrunkId, account, registrar, target: `${contact.host}:${contact.port}`, close: () => registrar.close() };
}
