import { z } from "zod";
import { secretFieldNames, secretFieldsSet, withoutSecretFields } from "../../domain/contacts/contact-secrets.ts";
import { contactHistoryWhere } from "../../domain/contacts/contact-history.ts";
import { MAX_SEARCH_LENGTH } from "../../domain/contacts/contact-search.ts";
import { DIRECTORY_PAGE_MAX, listContacts } from "../../domain/contacts/list-contacts.ts";
import { setSecretContactFields } from "../../domain/contacts/set-secret-contact-fields.ts";
import { updateContact } from "../../domain/contacts/update-contact.ts";
import { builder } from "../builder.ts";
import { ChannelEnum, IdentityKindEnum, LocaleEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";
import { interactionData } from "../../domain/interactions/interaction-data.ts";

builder.prismaObject("ContactIdentity", {
  authScopes: { permission: "contacts.read" },
  fields: (t) => ({ id: t.exposeID("id"), kind: t.expose("kind", { type: IdentityKindEnum }), value: t.exposeString("value"), label: t.exposeString("label") }),
});

/** A line of a contact's history: enough to know what happened and to open the case. */
const HistoryEntry = builder
  .objectRef<{
    id: string;
    number: number;
    subject: string;
    channel: string;
    callback: boolean;
    queueName: string | null;
    createdAt: Date;
    lastActivityAt: Date;
    closedAt: Date | null;
    statusName: string;
    statusColor: string;
    assigneeName: string | null;
    interactions: number;
  }>("ContactHistoryEntry")
  .implement({
    fields: (t) => ({
      caseId: t.exposeID("id"),
      number: t.exposeInt("number"),
      subject: t.exposeString("subject"),
      channel: t.field({ type: ChannelEnum, resolve: (h) => h.channel as never }),
      callback: t.exposeBoolean("callback", { description: "The case began as a call-back the customer asked for (IVR, widget or a site's form)." }),
      queueName: t.exposeString("queueName", { nullable: true }),
      createdAt: t.expose("createdAt", { type: "DateTime" }),
      lastActivityAt: t.expose("lastActivityAt", { type: "DateTime" }),
      closedAt: t.expose("closedAt", { type: "DateTime", nullable: true }),
      statusName: t.exposeString("statusName"),
      statusColor: t.exposeString("statusColor"),
      assigneeName: t.exposeString("assigneeName", { nullable: true }),
      interactions: t.exposeInt("interactions"),
    }),
  });

export const ContactRef = builder.prismaObject("Contact", {
  authScopes: { permission: "contacts.read" },
  fields: (t) => ({
    id: t.exposeID("id"),
    firstName: t.exposeString("firstName"),
    lastName: t.exposeString("lastName"),
    company: t.exposeString("company"),
    language: t.expose("language", { type: LocaleEnum, nullable: true }),
    vip: t.exposeBoolean("vip"),
    notes: t.exposeString("notes"),
    fields: t.field({
      type: "JSON",
      description: "Readable custom fields. Secret ones (the PIN...) are never here: see secretFieldsSet.",
      select: { fields: true, organization: { select: { secretContactFields: true } } },
      resolve: (c) => withoutSecretFields(c.fields, secretFieldNames(c.organization.secretContactFields)),
    }),
    secretFieldsSet: t.stringList({
      description: "Which secret fields (the PIN, and any the organisation marks) are set. Their values are write-only: no query returns them.",
      select: { secrets: true },
      resolve: (c) => secretFieldsSet(c.secrets),
    }),
    hasPin: t.boolean({ select: { secrets: true }, resolve: (c) => secretFieldsSet(c.secrets).includes("pin") }),
    identities: t.relation("identities", { query: { orderBy: [{ kind: "asc" }, { value: "asc" }] } }),
    lastContactAt: t.expose("lastContactAt", {
      type: "DateTime",
      description: "The latest activity in any of the contact's cases (when the contact was made, before the first).",
    }),
    caseCount: t.int({
      description: "How many of the contact's cases the viewer may see (those listed in history).",
      select: (_args, ctx) => ({ _count: { select: { cases: { where: contactHistoryWhere(viewerOf(ctx)) } } } }),
      resolve: (c) => c._count.cases,
    }),
    history: t.field({
      type: [HistoryEntry],
      description:
        "The contact's cases across channels, newest first: only those the viewer may open (domain/cases/case-access.ts), and not those of visitors who only claimed to be them (unverified).",
      select: (_args, ctx) => ({
        cases: {
          where: contactHistoryWhere(viewerOf(ctx)),
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 100,
          select: {
            id: true,
            number: true,
            subject: true,
            channel: true,
            createdAt: true,
            lastActivityAt: true,
            closedAt: true,
            queue: { select: { name: true } },
            status: { select: { name: true, color: true } },
            assignee: { select: { name: true } },
            interactions: { orderBy: { arrivedAt: "asc" }, take: 1, select: { data: true } },
            _count: { select: { interactions: true } },
          },
        },
      }),
      resolve: (c) =>
        c.cases.map((k) => ({
          id: k.id,
          number: k.number,
          subject: k.subject,
          channel: k.channel,
          callback: interactionData(k.interactions[0]?.data).callback === true,
          queueName: k.queue?.name ?? null,
          createdAt: k.createdAt,
          lastActivityAt: k.lastActivityAt,
          closedAt: k.closedAt,
          statusName: k.status.name,
          statusColor: k.status.color,
          assigneeName: k.assignee?.name ?? null,
          interactions: k._count.interactions,
        })),
    }),
  }),
});

const IdentityInput = builder.inputType("ContactIdentityInput", {
  fields: (t) => ({ kind: t.field({ type: IdentityKindEnum, required: true }), value: t.string({ required: true }), label: t.string({ required: false }) }),
});
const SecretInput = builder.inputType("ContactSecretInput", {
  fields: (t) => ({ name: t.string({ required: true }), value: t.string({ required: true }) }),
});
const ContactInput = builder.inputType("ContactInput", {
  fields: (t) => ({
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
    company: t.string({ required: false }),
    language: t.field({ type: LocaleEnum, required: false }),
    vip: t.boolean({ required: false }),
    notes: t.string({ required: false }),
    fields: t.field({ type: "JSON", required: false }),
    secrets: t.field({
      type: [SecretInput],
      required: false,
      description: "Secret fields to set (a PIN...); an empty value removes one. Left out: unchanged.",
    }),
    identities: t.field({ type: [IdentityInput], required: true }),
  }),
});

/** A page of the contacts directory. */
const DirectoryPage = builder.objectRef<{ ids: string[]; nextCursor: string | null }>("ContactDirectoryPage").implement({
  fields: (t) => ({
    contacts: t.prismaField({
      type: ["Contact"],
      authScopes: { permission: "contacts.read" },
      resolve: async (query, page, _a, ctx) => {
        const rows = await ctx.app.db.prisma.contact.findMany({ ...query, where: { id: { in: page.ids }, organizationId: viewerOf(ctx).organizationId } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return page.ids.flatMap((id) => byId.get(id) ?? []);
      },
    }),
    nextCursor: t.exposeString("nextCursor", { nullable: true, description: "Pass as `after` for the next page; null on the last." }),
  }),
});

builder.queryFields((t) => ({
  contactDirectory: t.field({
    type: DirectoryPage,
    description:
      "The organisation's contacts, last contact first, a page at a time. `search` finds words of a name or company, part of an e-mail or external id, or a phone number however it is written.",
    authScopes: { permission: "contacts.read" },
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(MAX_SEARCH_LENGTH).nullish() }),
      after: t.arg.string({ required: false, validate: z.string().max(200).nullish() }),
      first: t.arg.int({ required: false, validate: z.number().int().min(1).max(DIRECTORY_PAGE_MAX).nullish() }),
    },
    resolve: (_r, args, ctx) => listContacts(viewerOf(ctx), args, ctx.app.db.prisma),
  }),
  contacts: t.prismaField({
    type: ["Contact"],
    authScopes: { permission: "contacts.read" },
    args: { search: t.arg.string({ required: false, validate: z.string().max(100).nullish() }) },
    resolve: (query, _r, args, ctx) => {
      const q = args.search?.trim();
      return ctx.app.db.prisma.contact.findMany({
        ...query,
        where: {
          organizationId: viewerOf(ctx).organizationId,
          ...(q
            ? {
                OR: [
                  { firstName: { contains: q, mode: "insensitive" } },
                  { lastName: { contains: q, mode: "insensitive" } },
                  { company: { contains: q, mode: "insensitive" } },
                  { identities: { some: { value: { contains: q.toLowerCase() } } } },
                ],
              }
            : {}),
        },
        orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
        take: 100,
      });
    },
  }),
  secretContactFields: t.stringList({
    description: "The contact fields kept secret (write-only, hashed): always pin, and any the organisation marks.",
    authScopes: { permission: "contacts.read" },
    resolve: async (_r, _a, ctx) => {
      const org = await ctx.app.db.prisma.organization.findUniqueOrThrow({
        where: { id: viewerOf(ctx).organizationId },
        select: { secretContactFields: true },
      });
      return [...secretFieldNames(org.secretContactFields)].sort();
    },
  }),
  contact: t.prismaField({
    type: "Contact",
    nullable: true,
    authScopes: { permission: "contacts.read" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: (query, _r, args, ctx) =>
      ctx.app.db.prisma.contact.findFirst({ ...query, where: { id: String(args.id), organizationId: viewerOf(ctx).organizationId } }),
  }),
}));

builder.mutationField("updateContact", (t) =>
  t.prismaField({
    type: "Contact",
    authScopes: { permission: "contacts.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }), input: t.arg({ type: ContactInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      await updateContact(
        viewerOf(ctx),
        {
          id: String(id),
          firstName: input.firstName,
          lastName: input.lastName,
          company: input.company ?? "",
          language: input.language ?? null,
          vip: input.vip ?? false,
          notes: input.notes ?? "",
          fields: (input.fields ?? {}) as Record<string, string>,
          secrets: Object.fromEntries((input.secrets ?? []).map((x) => [x.name, x.value])),
          identities: input.identities.map((i) => ({ kind: i.kind, value: i.value, label: i.label ?? "" })),
        },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.contact.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
);

builder.mutationField("setSecretContactFields", (t) =>
  t.stringList({
    description:
      "Marks which contact fields are secret (pin always is); values already stored under a newly marked name are hashed and leave the readable fields.",
    authScopes: { permission: "contacts.manage" },
    args: { names: t.arg.stringList({ required: true }) },
    resolve: (_r, args, ctx) => setSecretContactFields(viewerOf(ctx), args.names, ctx.app.deps, ctx.ip),
  }),
);
