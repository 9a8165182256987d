import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { LOCALES } from "../shared/locale.ts";
import { parseInput } from "../shared/parse.ts";
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
  identities: z
    .array(z.object({ kind: z.enum(["PHONE", "EMAIL", "EXTERNAL_ID"]), value: z.string().trim().min(1, "required").max(254), label: z.string().trim().max(60).default("") }))
    .max(50)
    .default([]),
});
export type ContactInput = z.input<typeof contactSchema>;

/** Agents keep customers' details current: names, VIP, notes, custom fields, phones and e-mails. */
export async function updateContact(viewer: Viewer, raw: ContactInput, deps: Deps) {
  if (!can(viewer, "contacts.manage")) throw new DomainError("FORBIDDEN", "You may not edit contacts");
  const input = parseInput(contactSchema, raw);
  const identities = input.identities.map((i) => ({ ...i, value: i.kind === "EMAIL" ? normalizeEmail(i.value) : i.kind === "PHONE" ? normalizePhone(i.value) : i.value }));
  identities.forEach((i, n) => {
    if (!i.value) throw new DomainError("INVALID_INPUT", "Not a phone number", { fields: [{ path: `input.identities.${n}.value`, code: "invalid_format", message: "not a phone number" }] });
  });
  const contact = await deps.db.$transaction(async (tx) => {
    const existing = await tx.contact.findFirst({ where: { id: input.id, organizationId: viewer.organizationId } });
    if (!existing) throw notFound("Contact");
    await tx.contactIdentity.deleteMany({ where: { contactId: input.id } });
    const unique = [...new Map(identities.map((i) => [`${i.kind}:${i.value}`, i])).values()];
    await tx.contactIdentity.createMany({ data: unique.map((i) => ({ ...i, contactId: input.id, organizationId: viewer.organizationId })) });
    const { id, identities: _ignored, ...data } = input;
    return tx.contact.update({ where: { id }, data });
  });
  deps.events.publish("contact.updated", { organizationId: viewer.organizationId, contactId: contact.id });
  return contact;
}
