// The contacts directory: one page of an organisation's contacts, searched (domain/contacts/
// contact-search.ts) and ordered by last contact, newest first. Returns ids in order and where the
// next page starts; the caller loads what it shows of each.
import { Prisma } from "../../generated/prisma/client.ts";
import { can, type Viewer } from "../access/viewer.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";
import { contactSearch, decodeCursor, encodeCursor } from "./contact-search.ts";

export const DIRECTORY_PAGE_MAX = 100;

export interface DirectoryPage {
  ids: string[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

export async function listContacts(
  viewer: Viewer,
  args: { search?: string | null; after?: string | null; first?: number | null },
  db: Db,
): Promise<DirectoryPage> {
  if (!can(viewer, "contacts.read")) throw new DomainError("FORBIDDEN", "You may not read contacts");
  const first = Math.min(Math.max(args.first ?? 50, 1), DIRECTORY_PAGE_MAX);
  const after = args.after ? decodeCursor(args.after) : null;
  if (args.after && !after) throw fieldError("after", "invalid_cursor", "Not a cursor this directory gave");
  const org = viewer.organizationId;
  const search = contactSearch(args.search);
  // The name words and the identities are searched apart and united, so each side can use its
  // trigram index (an OR across the two tables would scan every contact).
  const matching = search
    ? Prisma.sql`and c."id" in (
        select "id" from "Contact" where "organizationId" = ${org}::uuid and ${Prisma.join(
          search.words.map((w) => Prisma.sql`"searchText" like ${w}`),
          " and ",
        )}
        union
        select "contactId" from "ContactIdentity" where "organizationId" = ${org}::uuid and (
          ("kind" in ('EMAIL', 'EXTERNAL_ID') and "value" ilike ${search.identity})
          ${search.phoneDigits ? Prisma.sql`or ("kind" = 'PHONE' and "value" like ${search.phoneDigits})` : Prisma.empty}))`
    : Prisma.empty;
  const page = after ? Prisma.sql`and (c."lastContactAt", c."id") < (${after.lastContactAt}::timestamptz, ${after.id}::uuid)` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string; lastContactAt: Date }[]>`
    select c."id", c."lastContactAt" from "Contact" c
    where c."organizationId" = ${org}::uuid ${matching} ${page}
    order by c."lastContactAt" desc, c."id" desc
    limit ${first + 1}`;
  const more = rows.length > first;
  const shown = rows.slice(0, first);
  const last = shown.at(-1);
  return { ids: shown.map((r) => r.id), nextCursor: more && last ? encodeCursor({ lastContactAt: new Date(last.lastContactAt), id: last.id }) : null };
}
