// The fax machine's own process (tests/support/fax-machine.ts starts it): a FaxRtpEndpoint driven
// by its parent's commands. It ends when the fax is over, when told to, or when the parent goes.
import { FaxRtpEndpoint, type FaxRtpOptions } from "../../media/fax/fax-line.ts";
import type { FaxMachineCommand, FaxMachineMessage } from "./fax-machine.ts";

/** Resolves once the message is handed to the IPC channel (so ending right after loses nothing). */
const tell = (message: FaxMachineMessage) => new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()) ?? resolve());

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as FaxRtpOptions;
  const endpoint = await FaxRtpEndpoint.open(options);
  const reporting = setInterval(() => tell({ kind: "stats", ...endpoint.stats() }), 100);
  process.on("disconnect", () => process.exit(0));
  process.on("message", (command: FaxMachineCommand) => {
    if (command.kind === "start") {
      endpoint.start().then(
        async (result) => {
          clearInterval(reporting);
          await tell({ kind: "stats", ...endpoint.stats() });
          await tell({ kind: "result", result });
          process.disconnect();
        },
        async (error: unknown) => {
          await tell({ kind: "error", message: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        },
      );
    } else if (command.kind === "hangup") endpoint.hangup();
    else {
      endpoint.close();
      process.exit(0);
    }
  });
  await tell({ kind: "ready", port: endpoint.port });
}

main().catch(async (error: unknown) => {
  await tell({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
