// Tests that run a program of the system (ffmpeg, espeak-ng) skip, saying which and how to get it,
// on a machine without it. `npm test` installs them (scripts/test-machine.sh), so there they run.
import { accessSync, constants } from "node:fs";
import path from "node:path";
import type { TestContext } from "vitest";

const PACKAGES: Record<string, string> = { ffmpeg: "ffmpeg", "espeak-ng": "espeak-ng" };

function onPath(name: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** For beforeEach: skips each test when a program is missing, with the reason in the report. */
export function needs(...programs: string[]) {
  const missing = programs.filter((p) => !onPath(p));
  const note = missing.length ? `needs ${missing.join(" and ")} (apt-get install ${missing.map((m) => PACKAGES[m] ?? m).join(" ")})` : "";
  if (note) console.warn(`Skipping the tests that run ${missing.join(" and ")}: ${note}.`);
  return (ctx: TestContext) => {
    if (note) ctx.skip(note);
  };
}
