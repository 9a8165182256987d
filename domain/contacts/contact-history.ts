// Which of a contact's cases a viewer sees in their history (and counts in the directory): those
// the case rules let them open (domain/cases/case-access.ts), and only cases in which the customer
// was shown to be this contact — not a visitor who merely typed their e-mail. Cases in queues an
// agent does not work are left out, not shown redacted: even a number, date and channel say who
// talked to whom about what, which is the queue's business.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Viewer } from "../access/viewer.ts";
import { visibleCasesWhere } from "../cases/case-access.ts";

/** Matches no case (a viewer who may see none). */
const NONE: Prisma.CaseWhereInput = { id: { in: [] } };

export function contactHistoryWhere(viewer: Viewer): Prisma.CaseWhereInput {
  const visible = visibleCasesWhere(viewer);
  return visible ? { AND: [{ contactVerified: true }, visible] } : NONE;
}
