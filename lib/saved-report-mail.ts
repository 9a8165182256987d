// A scheduled report's e-mail, in its owner's language: a subject and a line naming the report and
// its period, and the report's file (XLSX or CSV, lib/report-files.ts) attached.
import type { ComposeReportMail } from "../domain/reports/send-scheduled-reports.ts";
import { formatDate } from "../domain/shared/date-format.ts";
import { CONTENT_TYPE, reportFile } from "./report-files.ts";
import { bytesOf, reportWords } from "./report-sheets.ts";

interface Words {
  subject: string;
  text: string;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

export const composeReportMail: ComposeReportMail = async (run, saved, locale) => {
  const words = reportWords<Words>(locale, (r) => (r.saved as { mail: Words }).mail);
  const { report } = run;
  const last = new Date(report.to.getTime() - 1);
  const values = {
    name: saved.name,
    from: formatDate(report.from, "date", locale, report.timezone),
    to: formatDate(last, "date", locale, report.timezone),
    timezone: report.timezone,
  };
  const file = reportFile(run, locale);
  const attachment =
    saved.format === "CSV"
      ? { fileName: `${file.baseName}.csv`, contentType: CONTENT_TYPE.csv, content: new TextEncoder().encode(file.csv()) }
      : { fileName: `${file.baseName}.xlsx`, contentType: CONTENT_TYPE.xlsx, content: await bytesOf(file.writeXlsx) };
  return { subject: fill(words.subject, values), text: `${fill(words.text, values)}\n`, attachment };
};
