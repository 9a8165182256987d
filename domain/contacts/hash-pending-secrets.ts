// Secret fields the database migration moved out of `Contact.fields` as they were (SQL cannot
// hash with the server's key) are hashed at start-up, before anything is served. Deterministic,
// so several nodes starting together write the same digests.
import type { Deps } from "../ports.ts";
import { hashUnhashed, readSecrets } from "./contact-secrets.ts";

export async function hashPendingContactSecrets(deps: Pick<Deps, "db" | "secrets" | "log">): Promise<number> {
  const rows = await deps.db.$queryRaw<{ id: string; organizationId: string; secrets: unknown }[]>`
    select "id", "organizationId", "secrets" from "Contact" where "secrets"::text like '%"unhashed"%'`;
  let hashed = 0;
  for (const row of rows) {
    const next = hashUnhashed(deps.secrets, { organizationId: row.organizationId, contactId: row.id }, readSecrets(row.secrets));
    if (!next) continue;
    await deps.db.contact.update({ where: { id: row.id }, data: { secrets: next } });
    hashed++;
  }
  if (hashed) deps.log.info({ contacts: hashed }, "hashed contacts' secret fields moved out of their readable fields");
  return hashed;
}
