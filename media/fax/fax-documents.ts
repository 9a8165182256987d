// A fax's pages as files: a PDF made into what a fax machine takes (TIFF-F: bilevel A4 pages 1728
// dots wide, G4 at 204×196 dpi "fine" or G3 at 204×98 "standard") with Ghostscript, and received
// pages made into a PDF for the agent with libtiff's tiff2pdf (the CCITT data is kept as is, so a
// 3-page fax is a ~12 KB PDF made in ~20 ms).
import { execFile } from "node:child_process";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readTiffPages, TiffError, type TiffPage } from "./tiff.ts";

export type FaxResolution = "fine" | "standard";

export class FaxDocumentError extends Error {}

/** Longer documents are refused rather than tying up a line for an hour (a fine page takes 10–90 s). */
export const MAX_FAX_PAGES = 50;
const TOOL_TIMEOUT_MS = 60_000;

function run(tool: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      const said = `${stderr}`.trim().split("\n").slice(-3).join(" ").slice(0, 300);
      reject(
        new FaxDocumentError(
          missing
            ? `${tool} is not installed on this server`
            : error.killed
              ? `${tool} took longer than ${TOOL_TIMEOUT_MS / 1000} s`
              : `${tool} failed${said ? `: ${said}` : ""}`,
        ),
      );
    });
  });
}

/** The PDF's pages (or several PDFs' one after the other, after a PostScript cover page when given)
 * as fax pages, scaled to fit A4; returns the pages written. */
export async function pdfToFaxTiff(pdf: string | string[], tiff: string, resolution: FaxResolution = "fine", coverPs?: string): Promise<TiffPage[]> {
  const pdfs = typeof pdf === "string" ? [pdf] : pdf;
  for (const file of pdfs) await assertPdf(file);
  if (!pdfs.length && !coverPs) throw new FaxDocumentError("there is nothing to fax");
  const [device, dpi, size] = resolution === "fine" ? ["tiffg4", "204x196", "1728x2292"] : ["tiffg3", "204x98", "1728x1146"];
  await run("gs", [
    "-q",
    "-dNOPAUSE",
    "-dBATCH",
    "-dSAFER",
    `-dLastPage=${MAX_FAX_PAGES + 1}`,
    `-sDEVICE=${device}`,
    `-r${dpi}`,
    `-g${size}`,
    "-dFIXEDMEDIA",
    "-dPDFFitPage",
    `-sOutputFile=${tiff}`,
    ...(coverPs ? [coverPs] : []),
    ...pdfs,
  ]);
  const pages = await faxPages(tiff);
  if (pages.length === 0) throw new FaxDocumentError("the PDF has no pages");
  if (pages.length > MAX_FAX_PAGES) throw new FaxDocumentError(`the document has more than ${MAX_FAX_PAGES} pages`);
  return pages;
}

async function assertPdf(file: string) {
  const head = Buffer.alloc(5);
  const fh = await open(file, "r");
  try {
    await fh.read(head, 0, 5, 0);
  } finally {
    await fh.close();
  }
  if (head.toString("latin1") !== "%PDF-") throw new FaxDocumentError("the document is not a PDF");
}

/** A PDF's fax pages, rendered in a scratch folder: how many (throws FaxDocumentError, in words,
 * when it cannot be faxed). */
export async function faxPageCount(pdf: Uint8Array): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "centrala-fax-doc-"));
  try {
    await writeFile(path.join(dir, "document.pdf"), pdf);
    return (await pdfToFaxTiff(path.join(dir, "document.pdf"), path.join(dir, "document.tif"))).length;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A page written in PostScript (the cover page) as the fax machine would print it: rendered to a
 * fine fax page, then made a PDF, in a scratch folder. */
export async function faxPagePdf(postScript: string): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "centrala-fax-page-"));
  try {
    await writeFile(path.join(dir, "page.ps"), postScript);
    await pdfToFaxTiff([], path.join(dir, "page.tif"), "fine", path.join(dir, "page.ps"));
    await faxTiffToPdf(path.join(dir, "page.tif"), path.join(dir, "page.pdf"));
    return await readFile(path.join(dir, "page.pdf"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Fax files' pages one after the other in one file (their coding kept as it is). */
export async function joinFaxFiles(files: string[], out: string): Promise<void> {
  await run("tiffcp", [...files, out]);
}

/** Received (or sent) fax pages as a PDF for the agent's browser. */
export async function faxTiffToPdf(tiff: string, pdf: string): Promise<void> {
  await run("tiff2pdf", ["-o", pdf, tiff]);
}

/** A fax file's pages; a missing or empty file (nothing arrived) has none. */
export async function faxPages(tiff: string): Promise<TiffPage[]> {
  let data: Buffer;
  try {
    data = await readFile(tiff);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  if (data.length === 0) return [];
  try {
    return readTiffPages(data);
  } catch (error) {
    if (error instanceof TiffError) throw new FaxDocumentError(`the fax file is damaged: ${error.message}`);
    throw error;
  }
}
