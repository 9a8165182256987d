import fs from "node:fs";
import path from "node:path";
import type { Config } from "./config.ts";
import type { NextHandle } from "./http-server.ts";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** Next.js renders the pages; everything under /api is ours (lib/http-server.ts). */
export async function startNext(config: Config): Promise<NextHandle> {
  if (!config.dev) useBuiltConfig();
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

/**
 * In production Next would compile next.config.ts again at every start, loading two SWC compilers
 * (~40 MB that stay resident) and the next-intl plugin. The build already wrote the resolved
 * configuration; hand it over the way Next's own standalone server does.
 */
function useBuiltConfig() {
  try {
    const built = JSON.parse(fs.readFileSync(path.join(root, ".next", "required-server-files.json"), "utf8")) as { config: unknown };
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built.config);
  } catch {
    // No build yet: Next reads next.config.ts itself and says what is missing.
  }
}
