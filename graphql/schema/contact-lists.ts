// Contact lists for outbound campaigns and the do-not-call list (campaigns.manage). Files come in
// and go out over plain HTTP (lib/contact-lists-http.ts); a list's import is followed by polling
// `contactList` (status, processedRows, totalRows and the counts move on after each batch).
import { z } from "zod";
import { contactList, contactLists, deleteContactList, listEntries, listRejects } from "../../domain/campaigns/contact-lists/lists.ts";
import { addDoNotCall, doNotCallNumbers, removeDoNotCall } from "../../domain/campaigns/contact-lists/do-not-call.ts";
import { builder } from "../builder.ts";
import { userName } from "../names.ts";
import { viewerOf } from "./helpers.ts";

const scope = { permission: "campaigns.manage" } as const;
const ContactListStatusEnum = builder.enumType("ContactListStatus", { values: ["IMPORTING", "READY", "FAILED"] as const });

builder.prismaObject("ContactList", {
  authScopes: scope,
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    status: t.expose("status", { type: ContactListStatusEnum }),
    fieldNames: t.exposeStringList("fieldNames", { description: "The extra columns, kept on each entry's fields (for scripts: {debt})." }),
    defaultCountry: t.exposeString("defaultCountry"),
    fileName: t.exposeString("fileName"),
    processedRows: t.exposeInt("processedRows"),
    totalRows: t.exposeInt("totalRows", { nullable: true, description: "Rows to read, when known before reading (CSV); null for XLSX until done." }),
    imported: t.exposeInt("imported"),
    duplicates: t.exposeInt("duplicates"),
    blocked: t.exposeInt("blocked"),
    doNotCall: t.exposeInt("doNotCall"),
    invalid: t.exposeInt("invalid"),
    failure: t.exposeString("failure", { nullable: true, description: "Why the import failed: an error reason code." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
    createdBy: t.field({
      type: "String",
      nullable: true,
      select: { createdById: true },
      resolve: async (l, _a, ctx) => (l.createdById ? ((await userName(ctx, l.createdById)) ?? null) : null),
    }),
  }),
});

const Entry = builder.prismaObject("ContactListEntry", {
  authScopes: scope,
  fields: (t) => ({
    id: t.exposeID("id"),
    row: t.exposeInt("row", { description: "The row of the file (the header is row 1)." }),
    phone: t.exposeString("phone"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
    externalId: t.exposeString("externalId"),
    fields: t.field({ type: "JSON", resolve: (e) => e.fields }),
  }),
});

const Reject = builder.prismaObject("ContactListReject", {
  authScopes: scope,
  fields: (t) => ({
    id: t.exposeID("id"),
    row: t.exposeInt("row"),
    reason: t.exposeString("reason", { description: "EMPTY_PHONE, INVALID_PHONE, DUPLICATE, BLOCKED or DO_NOT_CALL." }),
    phone: t.exposeString("phone"),
    values: t.field({ type: "JSON", description: "The row as read: [column, text] pairs in the file's order.", resolve: (r) => r.values }),
  }),
});

const Dnc = builder.prismaObject("DoNotCallNumber", {
  authScopes: scope,
  fields: (t) => ({
    id: t.exposeID("id"),
    number: t.exposeString("number"),
    note: t.exposeString("note"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const EntryPage = builder.objectRef<{ total: number; items: unknown[] }>("ContactListEntryPage");
const RejectPage = builder.objectRef<{ total: number; items: unknown[] }>("ContactListRejectPage");
const DncPage = builder.objectRef<{ total: number; items: unknown[] }>("DoNotCallPage");
EntryPage.implement({ fields: (t) => ({ total: t.exposeInt("total"), items: t.field({ type: [Entry], resolve: (p) => p.items as never }) }) });
RejectPage.implement({ fields: (t) => ({ total: t.exposeInt("total"), items: t.field({ type: [Reject], resolve: (p) => p.items as never }) }) });
DncPage.implement({ fields: (t) => ({ total: t.exposeInt("total"), items: t.field({ type: [Dnc], resolve: (p) => p.items as never }) }) });

interface Added {
  added: number;
  alreadyListed: number;
  invalidCount: number;
  invalid: string[];
}
export const DoNotCallAdded = builder.objectRef<Added>("DoNotCallAdded").implement({
  fields: (t) => ({
    added: t.exposeInt("added"),
    alreadyListed: t.exposeInt("alreadyListed"),
    invalidCount: t.exposeInt("invalidCount"),
    invalid: t.exposeStringList("invalid", { description: "The first 100 entries that are not numbers." }),
  }),
});

const id = { required: true, validate: z.uuid() } as const;
const paging = (t: { arg: { int: (o: object) => unknown } }) => ({
  offset: t.arg.int({ required: false, validate: z.number().int().min(0).max(1_000_000).nullish() }),
  limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(200).nullish() }),
});

builder.queryFields((t) => ({
  contactLists: t.prismaField({ type: ["ContactList"], authScopes: scope, resolve: (_q, _r, _a, ctx) => contactLists(viewerOf(ctx), ctx.app.db.prisma) }),
  contactList: t.prismaField({
    type: "ContactList",
    authScopes: scope,
    args: { id: t.arg.id(id) },
    resolve: (_q, _r, a, ctx) => contactList(viewerOf(ctx), String(a.id), ctx.app.db.prisma),
  }),
  contactListEntries: t.field({
    type: EntryPage,
    authScopes: scope,
    args: { listId: t.arg.id(id), search: t.arg.string({ required: false, validate: z.string().max(100).nullish() }), ...(paging(t) as object) },
    resolve: (_r, a, ctx) => listEntries(viewerOf(ctx), String(a.listId), a as never, ctx.app.db.prisma),
  }),
  contactListRejects: t.field({
    type: RejectPage,
    authScopes: scope,
    args: { listId: t.arg.id(id), ...(paging(t) as object) },
    resolve: (_r, a, ctx) => listRejects(viewerOf(ctx), String(a.listId), a as never, ctx.app.db.prisma),
  }),
  doNotCallNumbers: t.field({
    type: DncPage,
    authScopes: scope,
    args: { search: t.arg.string({ required: false, validate: z.string().max(64).nullish() }), ...(paging(t) as object) },
    resolve: (_r, a, ctx) => doNotCallNumbers(viewerOf(ctx), a as never, ctx.app.deps),
  }),
}));

builder.mutationFields((t) => ({
  deleteContactList: t.boolean({
    authScopes: scope,
    args: { id: t.arg.id(id) },
    resolve: (_r, a, ctx) => deleteContactList(viewerOf(ctx), String(a.id), ctx.app.deps, ctx.ip),
  }),
  addDoNotCallNumbers: t.field({
    type: DoNotCallAdded,
    authScopes: scope,
    description: "Numbers pasted or read from a file (one per line, or separated by , or ;); without a country code, `country`'s.",
    args: { numbers: t.arg.stringList({ required: true }), note: t.arg.string({ required: false }), country: t.arg.string({ required: false }) },
    resolve: (_r, a, ctx) => addDoNotCall(viewerOf(ctx), { numbers: a.numbers, note: a.note ?? "", country: a.country ?? "PL" }, ctx.app.deps, ctx.ip),
  }),
  removeDoNotCallNumber: t.boolean({
    authScopes: scope,
    args: { id: t.arg.id(id) },
    resolve: (_r, a, ctx) => removeDoNotCall(viewerOf(ctx), String(a.id), ctx.app.deps, ctx.ip),
  }),
}));
