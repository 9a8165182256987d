import { z } from "zod";
import { secretFieldNames, secretFieldsSet, withoutSecretFields } from "../../domain/contacts/contact-secrets.ts";
import { setSecretContactFields } from "../../domain/contacts/set-secret-contact-fields.ts";
import { updateContact } from "../../domain/contacts/update-contact.ts";
import { builder } from "../builder.ts";
import { ChannelEnum, IdentityKindEnum, LocaleEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

builder.prismaObject("ContactIdentity", {
  authScopes: { permission: "contacts.read" },
  fields: (t) => ({ id: t.exposeID("id"), kind: t.expose("kind", { type: IdentityKindEnum }), value: t.exposeString("value"), label: t.exposeString("label") }),
});

/** A line of a contact's history: enough to know what happened, without opening cases one may not see. */
const HistoryEntry = builder
  .objectRef<{
    id: string;
    number: number;
    subject: string;
    channel: string;
    createdAt: Date;
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
      createdAt: t.expose("createdAt", { type: "DateTime" }),
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
    history: t.field({
      type: [HistoryEntry],
      description: "Every case of this contact, newest first — not those of visitors who only claimed to be them (unverified).",
      select: {
        cases: {
          where: { contactVerified: true },
          orderBy: { createdAt: "desc" },
          take: 100,
          select: {
            id: true,
            number: true,
            subject: true,
            channel: true,
            createdAt: true,
            status: { select: { name: true, color: true } },
            assignee: { select: { name: true } },
            _count: { select: { interactions: true } },
          },
        },
      },
      resolve: (c) =>
        c.cases.map((k) => ({
          id: k.id,
          number: k.number,
          subject: k.subject,
          channel: k.channel,
          createdAt: k.createdAt,
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

builder.queryFields((t) => ({
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
      const org = await ctx.app.db.prisma.organization.findUniqueOrThrow({ where: { id: viewerOf(ctx).organizationId }, select: { secretContactFields: true } });
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
    description: "Marks which contact fields are secret (pin always is); values already stored under a newly marked name are hashed and leave the readable fields.",
    authScopes: { permission: "contacts.manage" },
    args: { names: t.arg.stringList({ required: true }) },
    resolve: (_r, args, ctx) => setSecretContactFields(viewerOf(ctx), args.names, ctx.app.deps, ctx.ip),
  }),
);
