import { z } from "zod";
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

builder.prismaObject("Contact", {
  authScopes: { permission: "contacts.read" },
  fields: (t) => ({
    id: t.exposeID("id"),
    firstName: t.exposeString("firstName"),
    lastName: t.exposeString("lastName"),
    company: t.exposeString("company"),
    language: t.expose("language", { type: LocaleEnum, nullable: true }),
    vip: t.exposeBoolean("vip"),
    notes: t.exposeString("notes"),
    fields: t.expose("fields", { type: "JSON" }),
    identities: t.relation("identities", { query: { orderBy: [{ kind: "asc" }, { value: "asc" }] } }),
    history: t.field({
      type: [HistoryEntry],
      description: "Every case of this contact, newest first.",
      select: {
        cases: {
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
const ContactInput = builder.inputType("ContactInput", {
  fields: (t) => ({
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
    company: t.string({ required: false }),
    language: t.field({ type: LocaleEnum, required: false }),
    vip: t.boolean({ required: false }),
    notes: t.string({ required: false }),
    fields: t.field({ type: "JSON", required: false }),
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
          identities: input.identities.map((i) => ({ kind: i.kind, value: i.value, label: i.label ?? "" })),
        },
        ctx.app.deps,
      );
      return ctx.app.db.prisma.contact.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
);
