import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, notFound } from "../shared/errors.ts";
import { LOCALES } from "../shared/locale.ts";
import { parseInput } from "../shared/parse.ts";
import { applySecretChanges, readSecrets, secretFieldNames, separateSecretFields } from "./contact-secrets.ts";
import { normalizeEmail, normalizePhone } from "./match-contact.ts";

const contactSchema = z.object({
  id: z.uuid(),
  firstName: z.string().trim().max(100).default(""),
  lastName: z.string().trim().max(100).default(""),
  company: z.string().trim().max(200).default(""),
  language: z.enum(LOCALES).nullable().default(null),
  vip: z.boolean().default(false),
  notes: z.string().trim().max(5000).default(""),
  fields: z.record(z.string().max(60), z.string().max(1000)).default({}),
  /** Secret fields to set (a PIN...); empty: remove it. Left out: unchanged — they are never read back. */
  secrets: z.record(z.string().max(60), z.string().max(100)).default({}),
  identities: z
    .array(
      z.object({
        kind: z.enum(["PHONE", "EMAIL", "EXTERNAL_ID"]),
        value: z.string().trim().min(1, "required").max(254),
        label: z.string().trim().max(60).default(""),
      }),
    )
    .max(50)
    .default([]),
});
export type ContactInput = z.input<typeof contactSchema>;

/**
 * Agents keep customers' details current: names, VIP, notes, custom fields, phones and e-mails.
 * Secret fields (the PIN, and any the organisation marks) are hashed and kept apart — also when an
 * editor sends one as an ordinary field — and only whether they are set is ever shown.
 */
export async function updateContact(viewer: Viewer, raw: ContactInput, deps: Deps, ip?: string) {
  if (!can(viewer, "contacts.manage")) throw new DomainError("FORBIDDEN", "You may not edit contacts");
  const input = parseInput(contactSchema, raw);
  const identities = input.identities.map((i) => ({
    ...i,
    value: i.kind === "EMAIL" ? normalizeEmail(i.value) : i.kind === "PHONE" ? normalizePhone(i.value) : i.value,
  }));
  identities.forEach((i, n) => {
    if (!i.value)
      throw new DomainError("INVALID_INPUT", "Not a phone number", {
        fields: [{ path: `input.identities.${n}.value`, code: "invalid_format", message: "not a phone number" }],
      });
  });
  const contact = await deps.db.$transaction(async (tx) => {
    const existing = await tx.contact.findFirst({
      where: { id: input.id, organizationId: viewer.organizationId },
      select: { id: true, firstName: true, lastName: true, secrets: true, organization: { select: { secretContactFields: true } } },
    });
    if (!existing) throw notFound("Contact");
    const secretNames = secretFieldNames(existing.organization.secretContactFields);
    for (const name of Object.keys(input.secrets))
      if (!secretNames.has(name)) throw fieldError(`input.secrets.${name}`, "not_allowed", `"${name}" is not a secret field`);
    // A secret typed into the ordinary fields is taken as the secret (never as readable text); left empty there, it changes nothing.
    const { plain, secret } = separateSecretFields(input.fields, secretNames);
    const changes = { ...Object.fromEntries(Object.entries(secret).filter(([, v]) => v.trim())), ...input.secrets };
    await tx.contactIdentity.deleteMany({ where: { contactId: input.id } });
    const unique = [...new Map(identities.map((i) => [`${i.kind}:${i.value}`, i])).values()];
    await tx.contactIdentity.createMany({ data: unique.map((i) => ({ ...i, contactId: input.id, organizationId: viewer.organizationId })) });
    const { id, identities: _ignored, secrets: _secrets, ...data } = input;
    const owner = { organizationId: viewer.organizationId, contactId: id };
    const secrets = Object.keys(changes).length ? applySecretChanges(deps.secrets, owner, readSecrets(existing.secrets), changes) : undefined;
    if (secrets)
      await recordAudit(tx, {
        organizationId: viewer.organizationId,
        actorId: viewer.userId,
        action: "contact.secrets_changed",
        targetType: "Contact",
        targetId: id,
        targetLabel: `${input.firstName} ${input.lastName}`.trim(),
        data: { set: Object.keys(changes).filter((k) => changes[k].trim()), removed: Object.keys(changes).filter((k) => !changes[k].trim()) },
        ip,
      });
    return tx.contact.update({ where: { id }, data: { ...data, fields: plain, ...(secrets ? { secrets } : {}) } });
  });
  deps.events.publish("contact.updated", { organizationId: viewer.organizationId, contactId: contact.id });
  return contact;
}
