// The background job `reports.send_scheduled`: each saved report whose send time has come is
// claimed (its nextSendAt moved on with a conditional update, so two nodes never both send it),
// run as its owner as they are now (their role and teams today: a supervisor who lost access gets
// none of what they may no longer see), and e-mailed to each recipient with the file attached.
// A send that fails is not retried: its words go to lastError and the report waits for its next time.
import { VIEWER_USER_SELECT, viewerOfUser } from "../access/user-viewer.ts";
import { can } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import type { Locale } from "../shared/locale.ts";
import { nextSendTime } from "./report-schedule.ts";
import { reportParameters } from "./saved-report-input.ts";
import { type ReportRun, runReport } from "./saved-report-run.ts";

/** The e-mail for one saved report: written by lib/ (the file formats and the words live there). */
export type ComposeReportMail = (
  run: ReportRun,
  saved: { name: string; format: "XLSX" | "CSV" },
  locale: Locale,
) => Promise<{ subject: string; text: string; attachment: { fileName: string; contentType: string; content: Uint8Array } }>;

const BATCH = 20;

export async function sendScheduledReports(
  deps: Pick<Deps, "db" | "now" | "mail" | "log">,
  compose: ComposeReportMail,
): Promise<{ sent: number; failed: number }> {
  const now = deps.now();
  const due = await deps.db.savedReport.findMany({
    where: { nextSendAt: { lte: now } },
    include: { organization: { select: { timezone: true } } },
    orderBy: { nextSendAt: "asc" },
    take: BATCH,
  });
  let sent = 0;
  let failed = 0;
  for (const r of due) {
    // Missed sends (the cluster was down) are not caught up: the next one is after now.
    const next = nextSendTime(r, r.organization.timezone, now);
    const claim = await deps.db.savedReport.updateMany({ where: { id: r.id, nextSendAt: r.nextSendAt }, data: { nextSendAt: next } });
    if (!claim.count) continue;
    const error = await sendOne(r, r.organization.timezone, deps, compose).catch((err: unknown) => {
      deps.log.warn({ err, savedReportId: r.id }, "a scheduled report could not be sent");
      return err instanceof Error ? err.message : String(err);
    });
    if (error) failed++;
    else sent++;
    await deps.db.savedReport.update({ where: { id: r.id }, data: error ? { lastError: error } : { lastError: null, lastSentAt: now } });
  }
  return { sent, failed };
}

/** Sends one report; returns what went wrong in words, or null. */
async function sendOne(
  r: { ownerId: string; name: string; kind: string; format: "XLSX" | "CSV"; parameters: unknown; recipients: string[] },
  timezone: string,
  deps: Pick<Deps, "db" | "now" | "mail">,
  compose: ComposeReportMail,
): Promise<string | null> {
  if (!deps.mail.configured) return "No mail server is set up (SMTP_URL)";
  if (!r.recipients.length) return "The report has no recipients";
  const now = deps.now();
  // The owner as they are now, without a session.
  const owner = viewerOfUser(await deps.db.user.findUnique({ where: { id: r.ownerId }, select: VIEWER_USER_SELECT }), { id: "", expiresAt: now });
  if (!owner || !can(owner, "reports.read")) return "The report's owner may no longer read reports";
  const parsed = reportParameters.safeParse({ kind: r.kind, parameters: r.parameters });
  if (!parsed.success) return "The report's saved parameters are not valid";
  const mail = await compose(await runReport(owner, parsed.data, timezone, deps), r, owner.locale);
  const failures: string[] = [];
  // One message per recipient: no recipient learns the others' addresses.
  for (const to of r.recipients) {
    await deps.mail.send({ to, subject: mail.subject, text: mail.text, attachments: [mail.attachment] }).catch((err: unknown) => {
      failures.push(`${to}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
  return failures.length ? failures.join("; ") : null;
}
