// The phone tests' telephone line: a test server running its own Janus (in the test's network
// namespace), a registrar the organisation's trunk registers with, and a number (DID) on it
// leading to a queue. SIPp callers reach the trunk's contact (`target()`).
import { type TestOrg, makeOrg, makeQueue } from "../../factories/index.ts";
import { type TestServer, startTestServer } from "../test-server.ts";
import { publishedFlow } from "../ivr-flows.ts";
import { TestRegistrar } from "./registrar.ts";

export interface PhoneLine {
  server: TestServer;
  org: TestOrg;
  registrar: TestRegistrar;
  registrarPort: number;
  trunk: { id: string };
  queueId: string;
  did: string;
  entryPointId: string;
  /** Where callers send their INVITE: the contact Janus registered. */
  target(): string;
  /** Another number on the trunk, answered by `queueId` — through `flow` first, when given. */
  addNumber(did: string, queueId: string, flow?: object): Promise<void>;
  close(): Promise<void>;
}

import { until } from "../until.ts";

export { until };

/** `env`: more settings for the server (SMTP_URL...). */
export async function startPhoneLine(did: string, env: Record<string, string> = {}): Promise<PhoneLine> {
  const registrar = new TestRegistrar();
  const registrarPort = await registrar.start();
  const server = await startTestServer({
    ROUTING_TICK_MS: "200",
    PHONE_GATEWAY: "1",
    JANUS_WS_PORT: String(18000 + Math.floor(Math.random() * 1000)),
    PHONE_INTERFACE: "jv0",
    PHONE_MEDIA_IP: "127.0.0.2",
    SIP_IP: "127.0.0.1",
    // The agents here have no browser beating for them: without this they would be set Offline 90 s
    // after being made Ready, and on a slow machine a long test's callers would meet "no agents" (480).
    PRESENCE_TIMEOUT_SECONDS: "3600",
    ...env,
  });
  const db = server.app.db.prisma;
  const org = await makeOrg(server.app);
  const secret = server.app.deps.secrets.seal("trunk-password");
  const trunk = await db.sipTrunk.create({
    data: { organizationId: org.id, name: "Inbound", host: `127.0.0.1:${registrarPort}`, username: "centrala", secret, callerIds: [did], maxCalls: 4 },
  });
  server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
  const queue = await makeQueue(server.app, org, []);
  const entry = await db.entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name: "Hotline", key: did, queueId: queue.id, trunkId: trunk.id } });
  await until("the trunk to register", async () => (await db.sipTrunk.findUnique({ where: { id: trunk.id } }))?.status === "REGISTERED" && registrar.contacts.get("centrala"));
  const contact = () => registrar.contacts.get("centrala")!;
  return {
    server,
    org,
    registrar,
    registrarPort,
    trunk,
    queueId: queue.id,
    did,
    entryPointId: entry.id,
    target: () => `${contact().host}:${contact().port}`,
    addNumber: async (number, queueId, flow) => {
      const ivrFlowId = flow ? await publishedFlow(db, org.id, `Flow for ${number}`, flow) : null;
      await db.entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name: `Line ${number}`, key: number, queueId, trunkId: trunk.id, ivrFlowId } });
    },
    close: async () => {
      await server.close();
      registrar.close();
    },
  };
}
