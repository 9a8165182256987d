// What the phone benches share: a server on a fresh PostgreSQL with its own Janus (in the phone
// tests' network namespace), a registrar the organisation's trunk registers with, and the CPU
// counters of Janus.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadConfig } from "../lib/config.ts";
import { createLogger } from "../lib/logger.ts";
import { createServices } from "../lib/services.ts";
import { startWorkers } from "../lib/workers.ts";
import { createOrganization } from "../prisma/seed/seed.ts";
import { TestRegistrar } from "../tests/support/phone/registrar.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";

export async function startPhoneBench(janusWsPort: number) {
  if (!process.env.CENTRALA_PHONE_NETNS) throw new Error("run it with its npm script (it needs the phone network namespace)");
  const db = await createTestDatabase("postgres");
  const registrar = new TestRegistrar();
  const registrarPort = await registrar.start();
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "0",
    SEED: "none",
    LOG_LEVEL: "error",
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
    PHONE_GATEWAY: "1",
    PHONE_INTERFACE: "jv0",
    PHONE_MEDIA_IP: "127.0.0.2",
    SIP_IP: "127.0.0.1",
    JANUS_WS_PORT: String(janusWsPort),
    ...db.env,
  });
  const app = await createServices(config, createLogger("error", false));
  const workers = startWorkers(app);
  const prisma = app.db.prisma;
  const { org, roles } = await createOrganization(prisma, "Bench", "bench", "en");
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return {
    db,
    app,
    prisma,
    org,
    roles,
    registrarPort,
    /** Announces the trunk and waits for its registration; where callers send their INVITEs. */
    async registered(trunk: { id: string; username: string }) {
      app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
      for (let i = 0; !registrar.contacts.get(trunk.username); i++) {
        if (i > 200) throw new Error("the trunk did not register");
        await wait(100);
      }
      const c = registrar.contacts.get(trunk.username)!;
      return `${c.host}:${c.port}`;
    },
    /** Janus's CPU time so far, in ms. */
    janusCpu() {
      const pid = Number(execFileSync("pgrep", ["-f", "janus -C"]).toString().trim().split("\n")[0]);
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime (USER_HZ 100)
    },
    async close() {
      await workers.stop();
      await app.close();
      registrar.close();
      await db.drop();
    },
  };
}
