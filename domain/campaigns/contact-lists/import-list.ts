// Importing a contact list: the file is read row by row, each row judged by row-rules.ts, and the
// entries and rejected rows stored in batches, the list's counts and progress moving on after each
// batch (the screen polls them). The upload answers once the list exists; the rows follow.
import type { CountryCode } from "libphonenumber-js/min";
import { z } from "zod";
import type { Prisma } from "../../../generated/prisma/client.ts";
import { can, type Viewer } from "../../access/viewer.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Deps } from "../../ports.ts";
import { DomainError } from "../../shared/errors.ts";
import { parseInput } from "../../shared/parse.ts";
import { activeBlocksWhere } from "../../phone/blocked-numbers.ts";
import { isCountryCode } from "./list-phone.ts";
import { DELIMITERS, openListFile } from "./read-file.ts";
import { type EntryDraft, type RejectReason, classifyRow, columnMappingSchema, columnNames, fieldColumns, isBlankRow, rowValues } from "./row-rules.ts";
import { MAX_LIST_FILE_BYTES, MAX_LIST_ROWS } from "./limits.ts";
import { TEXT_ENCODINGS } from "./text-encoding.ts";

const BATCH = 2000;

export function assertCanManageCampaigns(viewer: Viewer) {
  if (!can(viewer, "campaigns.manage")) throw new DomainError("FORBIDDEN", "You may not manage campaigns");
}

const importSchema = z.object({
  name: z.string().trim().min(1, "required").max(120, "at most 120 characters"),
  fileName: z.string().max(255).default(""),
  mapping: columnMappingSchema,
  encoding: z.enum(TEXT_ENCODINGS).nullable().default(null),
  delimiter: z.enum(DELIMITERS).nullable().default(null),
  country: z.string().refine(isCountryCode, "a country code such as PL").default("PL"),
});
export type ImportListInput = z.input<typeof importSchema>;

const tooMany = () => new DomainError("LIMIT_EXCEEDED", `A list may have at most ${MAX_LIST_ROWS} rows`, { reason: "TOO_MANY_ROWS", max: MAX_LIST_ROWS });

/**
 * Creates the list and starts reading its rows: `done` settles when the import has finished (the
 * list READY) or failed (FAILED, with the reason). Refused at once: no permission, a file too large
 * or unreadable, a mapping naming a column the file does not have.
 */
export async function startListImport(viewer: Viewer, raw: ImportListInput & { bytes: Uint8Array }, deps: Deps, ip?: string) {
  assertCanManageCampaigns(viewer);
  const input = parseInput(importSchema, raw);
  if (raw.bytes.length > MAX_LIST_FILE_BYTES) {
    throw new DomainError("LIMIT_EXCEEDED", "The file is too large", { reason: "FILE_TOO_LARGE", maxBytes: MAX_LIST_FILE_BYTES });
  }
  const file = openListFile(raw.bytes, input);
  if (file.lineCount !== null && file.lineCount > MAX_LIST_ROWS + 1) throw tooMany();
  const rows = file.rows();
  let header: string[] | null = null;
  let fileRow = 0;
  // Read by hand: leaving a for-await loop would end the generator the import goes on reading.
  for (let r = await rows.next(); !r.done; r = await rows.next()) {
    fileRow++;
    if (!isBlankRow(r.value)) {
      header = r.value;
      break;
    }
  }
  if (!header) throw new DomainError("INVALID_INPUT", "The file has no rows", { reason: "LIST_FILE_EMPTY" });
  const columns = columnNames(header);
  const { mapping } = input;
  for (const i of [mapping.phone, mapping.name, mapping.email, mapping.externalId]) {
    if (i !== null && i >= columns.length) throw new DomainError("INVALID_INPUT", "The mapping names a column the file does not have", { reason: "NO_SUCH_COLUMN" });
  }
  const organizationId = viewer.organizationId;
  const list = await deps.db.$transaction(async (tx) => {
    const created = await tx.contactList.create({
      data: {
        organizationId,
        name: input.name,
        fileName: input.fileName,
        defaultCountry: input.country,
        fieldNames: fieldColumns(columns, mapping).map((f) => f.name),
        totalRows: file.lineCount === null ? null : Math.max(0, file.lineCount - fileRow),
        createdById: viewer.userId,
        createdAt: deps.now(),
      },
    });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "contact_list.imported",
      targetType: "ContactList",
      targetId: created.id,
      targetLabel: created.name,
      data: { file: input.fileName, format: file.format, encoding: file.encoding ?? "", delimiter: file.delimiter ?? "", country: input.country },
      ip,
    });
    return created;
  });
  const done = readRows(list.id, rows, fileRow, { columns, mapping, country: input.country as CountryCode, organizationId }, deps).catch(async (e) => {
    const reason = e instanceof DomainError ? String(e.details?.reason ?? e.code) : "IMPORT_FAILED";
    if (!(e instanceof DomainError)) deps.log.error({ err: e, listId: list.id }, "contact list import failed");
    await deps.db.contactList.update({ where: { id: list.id }, data: { status: "FAILED", failure: reason, finishedAt: deps.now() } }).catch(() => undefined);
  });
  return { list, done };
}

interface ReadContext {
  columns: string[];
  mapping: z.output<typeof columnMappingSchema>;
  country: CountryCode;
  organizationId: string;
}

async function readRows(listId: string, rows: AsyncGenerator<string[]>, headerRow: number, c: ReadContext, deps: Deps) {
  const now = deps.now();
  const [dnc, blocks] = await Promise.all([
    deps.db.doNotCallNumber.findMany({ where: { organizationId: c.organizationId }, select: { number: true } }),
    deps.db.blockedNumber.findMany({ where: activeBlocksWhere(c.organizationId, now), select: { number: true } }),
  ]);
  const ctx = { ...c, seen: new Set<string>(), doNotCall: new Set(dnc.map((d) => d.number)), blocked: new Set(blocks.map((b) => b.number)) };
  const counts = { imported: 0, duplicates: 0, blocked: 0, doNotCall: 0, invalid: 0 };
  const COUNTER: Record<RejectReason, keyof typeof counts> = { EMPTY_PHONE: "invalid", INVALID_PHONE: "invalid", DUPLICATE: "duplicates", BLOCKED: "blocked", DO_NOT_CALL: "doNotCall" };
  let entries: EntryDraft[] = [];
  let rejects: Prisma.ContactListRejectCreateManyInput[] = [];
  let row = headerRow;
  let processed = 0;
  const flush = async () => {
    if (entries.length) await deps.db.contactListEntry.createMany({ data: entries.map((e) => ({ ...e, listId })) });
    if (rejects.length) await deps.db.contactListReject.createMany({ data: rejects });
    entries = [];
    rejects = [];
    await deps.db.contactList.update({ where: { id: listId }, data: { ...counts, processedRows: processed, progressAt: deps.now() } });
  };
  for await (const values of rows) {
    row++;
    processed++;
    if (isBlankRow(values)) continue;
    if (counts.imported + rejects.length > MAX_LIST_ROWS || processed > MAX_LIST_ROWS) throw tooMany();
    const out = classifyRow(values, row, ctx);
    if (out.kind === "entry") {
      entries.push(out.entry);
      counts.imported++;
    } else {
      counts[COUNTER[out.reason]]++;
      rejects.push({ listId, row, reason: out.reason, phone: out.phone, values: rowValues(c.columns, values) });
    }
    if (entries.length + rejects.length >= BATCH) await flush();
  }
  await flush();
  await deps.db.contactList.update({ where: { id: listId }, data: { status: "READY", finishedAt: deps.now(), totalRows: processed } });
}

/** How long an import may store nothing before it counts as stopped (a batch takes about a second). */
export const IMPORT_STALL_MS = 5 * 60_000;

/**
 * Imports whose node stopped (a restart, a crash) store nothing more and would show "importing"
 * for ever: after IMPORT_STALL_MS without a stored batch they fail as IMPORT_INTERRUPTED, keeping
 * the rows that did arrive (the admin imports the file again). Returns how many.
 */
export async function failInterruptedImports(deps: Pick<Deps, "db" | "now" | "log">): Promise<number> {
  const before = new Date(deps.now().getTime() - IMPORT_STALL_MS);
  const { count } = await deps.db.contactList.updateMany({
    where: { status: "IMPORTING", OR: [{ progressAt: { lt: before } }, { progressAt: null, createdAt: { lt: before } }] },
    data: { status: "FAILED", failure: "IMPORT_INTERRUPTED", finishedAt: deps.now() },
  });
  if (count) deps.log.warn({ lists: count }, "contact list imports stopped half-way (their server stopped); marked failed");
  return count;
}
