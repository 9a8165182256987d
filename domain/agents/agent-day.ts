import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { timeInStates } from "./agent-state.ts";
import { PresenceRepository } from "./presence-repository.ts";

/** Time the viewer spent in each state in [from, to): the agent's own work-time view. */
export async function myTimeInStates(viewer: Viewer, from: Date, to: Date, deps: Pick<Deps, "db" | "now">) {
  const history = await new PresenceRepository(deps.db).history(viewer.userId, from, to);
  return timeInStates(history, from, to, deps.now());
}
