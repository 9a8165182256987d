// Where the fax modem helper is: FAX_MODEM_BIN, else the build cache of scripts/fax-modem.sh,
// keyed by the hash of media/fax/fax-modem.c (a changed source never runs a stale helper). None:
// fax stays off, and the reason says how to get one.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { executable } from "../worker-binary.ts";

export type FaxModemBinary = { path: string } | { path: null; reason: string };

const SOURCE = fileURLToPath(new URL("./fax-modem.c", import.meta.url));

export function findFaxModem(settings: { faxModemBin?: string; cacheDir: string }): FaxModemBinary {
  if (settings.faxModemBin) {
    return executable(settings.faxModemBin)
      ? { path: settings.faxModemBin }
      : { path: null, reason: `FAX_MODEM_BIN points at ${settings.faxModemBin}, which is not an executable file` };
  }
  const key = createHash("sha256").update(readFileSync(SOURCE)).digest("hex").slice(0, 12);
  const cached = path.join(settings.cacheDir, `fax-modem-${key}`);
  if (executable(cached)) return { path: cached };
  return { path: null, reason: `no fax modem helper found (looked for ${cached}); build it with scripts/fax-modem.sh or set FAX_MODEM_BIN` };
}
