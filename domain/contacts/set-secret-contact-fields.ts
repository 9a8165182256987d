// An organisation marks which contact fields are secret (beside the PIN, always secret): a
// password for the phone line, the last digits of an ID... Values already stored under a newly
// marked name leave the readable fields at once and are hashed. Unmarking a name does not bring
// values back (they cannot be read); new values of it are ordinary fields again.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { applySecretChanges, readSecrets, secretFieldNames } from "./contact-secrets.ts";

const namesSchema = z.array(z.string().trim().min(1, "required").max(60)).max(20);

export async function setSecretContactFields(viewer: Viewer, raw: string[], deps: Deps, ip?: string): Promise<string[]> {
  if (!can(viewer, "contacts.manage")) throw new DomainError("FORBIDDEN", "You may not change contact fields");
  const names = [...secretFieldNames(parseInput(namesSchema, raw, "names"))].sort();
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, secretContactFields: true } });
    const before = secretFieldNames(org.secretContactFields);
    const added = names.filter((n) => !before.has(n));
    for (const field of added) {
      const rows = await tx.$queryRaw<{ id: string; fields: Record<string, unknown>; secrets: unknown }[]>`
        select "id", "fields", "secrets" from "Contact" where "organizationId" = ${organizationId}::uuid and "fields" -> ${field} is not null for update`;
      for (const row of rows) {
        const { [field]: value, ...rest } = row.fields;
        const typed = typeof value === "string" || typeof value === "number" ? String(value) : "";
        const secrets = typed.trim()
          ? applySecretChanges(deps.secrets, { organizationId, contactId: row.id }, readSecrets(row.secrets), { [field]: typed })
          : readSecrets(row.secrets);
        await tx.contact.update({ where: { id: row.id }, data: { fields: rest as never, secrets } });
      }
    }
    await tx.organization.update({ where: { id: organizationId }, data: { secretContactFields: names } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "organization.secret_fields_updated",
      targetType: "Organization",
      targetId: organizationId,
      targetLabel: org.name,
      data: { names, added },
      ip,
    });
  });
  return names;
}
