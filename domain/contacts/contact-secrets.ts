// Secret contact fields — a PIN a caller proves who they are with, and any field an organisation
// marks secret — are written and compared, never read back: not by agents, not in templates, not
// in what the IVR shows. They live apart from the readable `Contact.fields`, in `Contact.secrets`,
// as HMAC-SHA256 digests under a key derived from the server's secret (AUTH_SECRET) per
// organisation, over the contact's id, the field and the value.
//
// Why a keyed digest and not a slow hash (argon2, scrypt): a PIN has four to six digits, so any
// unkeyed hash of it — however slow — is undone by trying all million values. The key is not in
// the database, so a copy of the database alone reveals nothing; the contact's id in the digest
// keeps equal PINs from looking equal. The cost: a new AUTH_SECRET makes stored PINs unusable
// (as it does the sealed mailbox and trunk passwords), and they must be set again.
import { timingSafeEqual } from "node:crypto";
import type { SecretBox } from "../ports.ts";

/** Secret in every organisation, whatever else it marks. */
export const ALWAYS_SECRET: readonly string[] = ["pin"];

/** A digest; `unhashed` only between the migration that moved old PINs out of `fields` and the next start. */
export type StoredSecret = { hmac: string } | { unhashed: string };
export type ContactSecrets = Record<string, StoredSecret>;

/** The organisation's secret field names (always including the PIN). */
export function secretFieldNames(marked: readonly string[] | null | undefined): Set<string> {
  return new Set([...ALWAYS_SECRET, ...(marked ?? []).map((n) => n.trim()).filter(Boolean)]);
}

export function readSecrets(json: unknown): ContactSecrets {
  const out: ContactSecrets = {};
  if (!json || typeof json !== "object" || Array.isArray(json)) return out;
  for (const [field, v] of Object.entries(json as Record<string, unknown>)) {
    if (!v || typeof v !== "object") continue;
    const s = v as Record<string, unknown>;
    if (typeof s.hmac === "string") out[field] = { hmac: s.hmac };
    else if (typeof s.unhashed === "string") out[field] = { unhashed: s.unhashed };
  }
  return out;
}

/** Which secret fields a contact has set — all the API ever says about them. */
export const secretFieldsSet = (json: unknown): string[] => Object.keys(readSecrets(json)).sort();

/** As typed on a keypad or in a form: spaces and dashes mean nothing ("12-34" is "1234"). */
export const normaliseSecret = (value: string) => value.replace(/[\s-]/g, "");

export interface SecretOwner {
  organizationId: string;
  contactId: string;
}

export function hashSecret(box: SecretBox, owner: SecretOwner, field: string, value: string): { hmac: string } {
  return { hmac: box.mac(`contact-secrets:${owner.organizationId}`, `${owner.contactId}\0${field}\0${normaliseSecret(value)}`) };
}

/** Whether `candidate` is the stored secret, compared in constant time. */
export function secretMatches(box: SecretBox, owner: SecretOwner, field: string, stored: StoredSecret | undefined, candidate: string): boolean {
  if (!stored || !normaliseSecret(candidate)) return false;
  const expected = Buffer.from("hmac" in stored ? stored.hmac : hashSecret(box, owner, field, stored.unhashed).hmac);
  const given = Buffer.from(hashSecret(box, owner, field, candidate).hmac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A contact's secrets after an edit: `changes` maps a field to its new value (empty: removed).
 * Values are hashed here; nothing typed is kept.
 */
export function applySecretChanges(box: SecretBox, owner: SecretOwner, current: ContactSecrets, changes: Record<string, string>): ContactSecrets {
  const next = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (normaliseSecret(value)) next[field] = hashSecret(box, owner, field, value);
    else delete next[field];
  }
  return next;
}

/** Every `{ unhashed }` left by the migration, hashed (null: nothing to do). */
export function hashUnhashed(box: SecretBox, owner: SecretOwner, current: ContactSecrets): ContactSecrets | null {
  const pending = Object.entries(current).filter(([, s]) => "unhashed" in s);
  if (!pending.length) return null;
  return applySecretChanges(box, owner, current, Object.fromEntries(pending.map(([f, s]) => [f, (s as { unhashed: string }).unhashed])));
}

/** Splits fields as an editor (or an import) sends them: readable ones, and secret ones to hash. */
export function separateSecretFields(fields: Record<string, string>, secretNames: ReadonlySet<string>) {
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) (secretNames.has(k) ? secret : plain)[k] = v;
  return { plain, secret };
}

/** Readable fields with any secret name left out (belt and braces: secret names are never written there). */
export function withoutSecretFields(fields: unknown, secretNames: ReadonlySet<string>): Record<string, unknown> {
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return {};
  return Object.fromEntries(Object.entries(fields as Record<string, unknown>).filter(([k]) => !secretNames.has(k)));
}
