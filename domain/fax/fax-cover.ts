// The organisation's letterhead on its faxes' cover pages (Organization.faxCover): a heading (the
// company's name as it wants it printed; empty: the organisation's name), up to four lines under it
// (address, telephone, tax number...) and a footer (a confidentiality notice). The page's layout
// and labels stay the product's (media/fax/cover-page.ts); the letterhead fills its top and foot.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";

export const COVER_LINES = 4;
export const COVER_LINE_LENGTH = 70;
export const COVER_FOOTER_LENGTH = 500;

const line = z.string().trim().max(COVER_LINE_LENGTH, `at most ${COVER_LINE_LENGTH} characters`);
const faxCoverSchema = z.object({
  heading: line.default(""),
  lines: z
    .array(line)
    .max(COVER_LINES, `at most ${COVER_LINES} lines`)
    .default([])
    .transform((ls) => ls.filter(Boolean)),
  footer: z.string().trim().max(COVER_FOOTER_LENGTH, `at most ${COVER_FOOTER_LENGTH} characters`).default(""),
});
export type FaxCover = z.output<typeof faxCoverSchema>;
export type FaxCoverInput = z.input<typeof faxCoverSchema>;

/** The stored letterhead, or an empty one when the JSON is missing or not one. */
export function faxCoverOf(json: unknown): FaxCover {
  const parsed = faxCoverSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : { heading: "", lines: [], footer: "" };
}

export async function saveFaxCover(viewer: Viewer, raw: FaxCoverInput, deps: Deps, ip?: string): Promise<FaxCover> {
  if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
  const cover = parseInput(faxCoverSchema, raw);
  await deps.db.$transaction(async (tx) => {
    const org = await tx.organization.update({ where: { id: viewer.organizationId }, data: { faxCover: cover }, select: { id: true, name: true } });
    await recordAudit(tx, {
      organizationId: org.id,
      actorId: viewer.userId,
      action: "fax_cover.updated",
      targetType: "Organization",
      targetId: org.id,
      targetLabel: org.name,
      data: cover,
      ip,
    });
  });
  return cover;
}
