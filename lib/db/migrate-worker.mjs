// Entry of the migration worker thread. Node 20 resolves a worker's entry before --import hooks
// run there, so this plain module registers TypeScript support, then loads the real worker.
import { register } from "tsx/esm/api";

register();
await import("./migrate-worker.ts");
