// The media role reports each trunk's registration; the row keeps it for the admin screen and its
// alarm, and a lost registration is logged as an error (someone must look at it).
import type { Deps } from "../ports.ts";

export type TrunkStatusValue = "OFF" | "REGISTERING" | "REGISTERED" | "FAILED";

/** What a failed registration means, for the admin in their language (the provider's words stay
 * in statusDetail): AUTH_REFUSED when our answer to the challenge was challenged again — a
 * 401/407, or Sofia-SIP's "904 Operation has no matching challenge" for the same thing. */
export type TrunkProblem = "AUTH_REFUSED";
export function trunkProblemOf(detail: string): TrunkProblem | null {
  return /^(401|407|904)\b/.test(detail.trim()) ? "AUTH_REFUSED" : null;
}

export async function setTrunkStatus(trunkId: string, status: TrunkStatusValue, detail: string, deps: Pick<Deps, "db" | "events" | "now" | "log">) {
  const before = await deps.db.sipTrunk.findUnique({ where: { id: trunkId }, select: { organizationId: true, status: true, statusDetail: true, name: true } });
  if (!before) return;
  if (before.status === status && before.statusDetail === detail) return;
  await deps.db.sipTrunk.update({ where: { id: trunkId }, data: { status, statusDetail: detail.slice(0, 300), statusAt: deps.now() } });
  if (status === "FAILED") deps.log.error({ trunk: trunkId, name: before.name, detail }, "a SIP trunk is not registered: calls to its numbers cannot arrive");
  deps.events.publish("trunk.status_changed", { organizationId: before.organizationId, trunkId, status });
}

/** Every active trunk the media role should keep registered, with its opened secret. */
export async function activeTrunks(deps: Pick<Deps, "db" | "secrets">) {
  const rows = await deps.db.sipTrunk.findMany({ where: { active: true }, orderBy: { createdAt: "asc" } });
  return rows.map((t) => ({
    id: t.id,
    host: t.host,
    proxy: t.proxy,
    username: t.username,
    authUser: t.authUser,
    secret: t.secret ? deps.secrets.open(t.secret) : "",
    register: t.register,
    maxCalls: t.maxCalls,
    allowedSources: t.allowedSources,
    callerIdInFrom: t.callerIdInFrom,
    codecs: t.codecs,
  }));
}
