import path from "node:path";
import type { Config } from "./config.ts";
import type { NextHandle } from "./http-server.ts";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** Next.js renders the pages; everything under /api is ours (lib/http-server.ts). */
export async function startNext(config: Config): Promise<NextHandle> {
  const { default: next } = await import("next");
  const app = next({ dev: config.dev, dir: root, hostname: config.host, port: config.port });
  await app.prepare();
  const handler = app.getRequestHandler();
  const upgrade = config.dev ? app.getUpgradeHandler() : undefined;
  return {
    handle: (req, res) => handler(req, res),
    upgrade: upgrade ? (req, socket, head) => upgrade(req, socket, head) : undefined,
    close: () => app.close(),
  };
}
