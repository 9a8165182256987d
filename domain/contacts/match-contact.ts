// Who is this customer? Matched by a verified external id first, then e-mail, then phone. Only
// a verified identity may add details to an existing contact: anyone can type someone's e-mail.
import type { Db } from "../shared/tx.ts";

export type MatchedBy = "VERIFIED_ID" | "EMAIL" | "PHONE" | "NEW" | "NONE";

export interface CustomerDetails {
  name?: string;
  email?: string;
  phone?: string;
  /// the site's own id for this customer, only when its signature checked out
  verifiedExternalId?: string;
  language?: "pl" | "en" | "ru";
}

/**
 * Whether a web visitor has shown they are the contact they were matched to: by the site's signed
 * identity, or by a contact made for them just now. An e-mail or phone they only typed proves
 * nothing (anyone can type a VIP's address): such a match is kept, but unverified.
 */
export const visitorMatchVerified = (matchedBy: MatchedBy) => matchedBy !== "EMAIL" && matchedBy !== "PHONE";

/** VIP treatment (first in the queue, the IVR's VIP branch) only for a contact the customer was shown to be. */
export const isTrustedVip = (kase: { contactVerified: boolean; contact: { vip: boolean } | null }) => kase.contactVerified && !!kase.contact?.vip;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** +48 601-234-567 → +48601234567; 0048… → +48…; other punctuation dropped. */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim().replace(/^00/, "+");
  const digits = trimmed.replace(/\D/g, "");
  return digits ? (trimmed.startsWith("+") ? `+${digits}` : digits) : "";
}

export async function matchContact(tx: Db, organizationId: string, details: CustomerDetails): Promise<{ contactId: string | null; matchedBy: MatchedBy }> {
  const email = details.email ? normalizeEmail(details.email) : "";
  const phone = details.phone ? normalizePhone(details.phone) : "";
  const lookups: { kind: "EXTERNAL_ID" | "EMAIL" | "PHONE"; value: string; matchedBy: MatchedBy }[] = [
    ...(details.verifiedExternalId ? [{ kind: "EXTERNAL_ID" as const, value: details.verifiedExternalId, matchedBy: "VERIFIED_ID" as const }] : []),
    ...(email ? [{ kind: "EMAIL" as const, value: email, matchedBy: "EMAIL" as const }] : []),
    ...(phone ? [{ kind: "PHONE" as const, value: phone, matchedBy: "PHONE" as const }] : []),
  ];
  for (const l of lookups) {
    const identity = await tx.contactIdentity.findFirst({
      where: { organizationId, kind: l.kind, value: l.value },
      orderBy: { id: "asc" },
      select: { contactId: true },
    });
    if (!identity) continue;
    if (l.matchedBy === "VERIFIED_ID") await addIdentities(tx, organizationId, identity.contactId, { email, phone });
    return { contactId: identity.contactId, matchedBy: l.matchedBy };
  }
  if (!lookups.length) return { contactId: null, matchedBy: "NONE" };
  const [firstName, ...rest] = (details.name ?? "").trim().split(/\s+/);
  const contact = await tx.contact.create({
    data: {
      organizationId,
      firstName: firstName ?? "",
      lastName: rest.join(" "),
      language: details.language ?? null,
      identities: { create: lookups.map((l) => ({ organizationId, kind: l.kind, value: l.value })) },
    },
  });
  return { contactId: contact.id, matchedBy: "NEW" };
}

async function addIdentities(tx: Db, organizationId: string, contactId: string, ids: { email: string; phone: string }) {
  for (const [kind, value] of [
    ["EMAIL", ids.email],
    ["PHONE", ids.phone],
  ] as const) {
    if (!value) continue;
    await tx.contactIdentity.upsert({
      where: { contactId_kind_value: { contactId, kind, value } },
      create: { organizationId, contactId, kind, value },
      update: {},
    });
  }
}
