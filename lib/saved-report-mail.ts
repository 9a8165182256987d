// A scheduled report's e-mail, in its owner's language: a subject and a line naming the report and
// its period, and the queue report's file (XLSX or CSV) attached.
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import type { ComposeReportMail } from "../domain/reports/send-scheduled-reports.ts";
import { formatDate } from "../domain/shared/date-format.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { queueReportCsv, writeQueueReportXlsx } from "./queue-report-export.ts";

interface Words {
  subject: string;
  text: string;
}

const wordsOf = (locale: Locale): Words =>
  (createRequire(import.meta.url)(`../messages/${locale}.json`) as { reports: { saved: { mail: Words } } }).reports.saved.mail;

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

export const composeReportMail: ComposeReportMail = async (report, saved, locale) => {
  const words = wordsOf(locale);
  const last = new Date(report.to.getTime() - 1);
  const values = {
    name: saved.name,
    from: formatDate(report.from, "date", locale, report.timezone),
    to: formatDate(last, "date", locale, report.timezone),
    timezone: report.timezone,
  };
  const base = `queues-${report.from.toISOString().slice(0, 10)}-${report.interval.toLowerCase()}`;
  const attachment =
    saved.format === "CSV"
      ? { fileName: `${base}.csv`, contentType: "text/csv; charset=utf-8", content: new TextEncoder().encode(queueReportCsv(report, locale)) }
      : { fileName: `${base}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: await xlsxBytes(report, locale) };
  return { subject: fill(words.subject, values), text: `${fill(words.text, values)}\n`, attachment };
};

async function xlsxBytes(report: Parameters<typeof writeQueueReportXlsx>[0], locale: Locale): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  await writeQueueReportXlsx(report, locale, out);
  out.end();
  await ended;
  return Buffer.concat(chunks);
}
