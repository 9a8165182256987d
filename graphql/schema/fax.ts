// Faxes on cases (domain/fax): what a fax message's call said. A received fax's pages are its
// attachments; a fax sent from a case names the case's documents it carries.
import { z } from "zod";
import { type FaxCover, faxCoverOf, saveFaxCover } from "../../domain/fax/fax-cover.ts";
import { deleteFaxDocument } from "../../domain/fax/fax-library.ts";
import { retryFax, sendFax } from "../../domain/fax/send-fax.ts";
import { builder } from "../builder.ts";
import { DirectionEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const FaxStateEnum = builder.enumType("FaxState", {
  values: {
    RECEIVED: { description: "Every page went through." },
    PARTIAL: { description: "Some pages, then the fax failed (reason); the pages that arrived are attached." },
    FAILED: { description: "No page arrived, or (sent) every attempt failed (reason)." },
    QUEUED: { description: "Sent: waiting for its next attempt (attempts, nextAttemptAt; reason says why the last one failed)." },
    SENT: { description: "Sent: every page went through." },
  } as const,
});

// Reached only through a Message, which is reached only through a case the viewer may see.
builder.prismaObject("FaxMessage", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    direction: t.expose("direction", { type: DirectionEnum }),
    customerNumber: t.exposeString("customerNumber", { description: "The far end's number (caller ID)." }),
    ownNumber: t.exposeString("ownNumber"),
    remoteIdent: t.exposeString("remoteIdent", { description: "The far machine's station ident (TSI/CSI), as it sent it." }),
    pages: t.exposeInt("pages"),
    state: t.expose("state", { type: FaxStateEnum }),
    reason: t.exposeString("reason", { description: "Why it failed: the fax protocol's own words (English)." }),
    bitRate: t.exposeInt("bitRate", { nullable: true }),
    ecm: t.exposeBoolean("ecm", { nullable: true, description: "Error correction: pages arrive exact." }),
    badRows: t.exposeInt("badRows", { description: "Rows that could not be read (only without error correction: streaks)." }),
    seconds: t.exposeInt("seconds"),
    cover: t.exposeBoolean("cover", { description: "Sent: a cover page went first." }),
    attempts: t.exposeInt("attempts", { description: "Sent: calls made so far." }),
    nextAttemptAt: t.expose("nextAttemptAt", { type: "DateTime", nullable: true }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
    documents: t.prismaField({
      type: ["Attachment"],
      description: "Sent: the case's documents it carries, in order (those since deleted are left out).",
      resolve: async (query, fax, _a, ctx) => {
        if (!fax.documentIds.length) return [];
        const found = await ctx.app.db.prisma.attachment.findMany({ ...query, where: { id: { in: fax.documentIds }, organizationId: fax.organizationId } });
        return fax.documentIds.flatMap((id) => found.filter((a) => a.id === id));
      },
    }),
  }),
});

builder.prismaObjectField("Message", "fax", (t) => t.relation("fax", { nullable: true }));

builder.mutationFields((t) => ({
  sendFax: t.prismaField({
    type: "Message",
    description:
      "Faxes PDF documents of a case (after a cover page with the note, when asked) from the organisation's fax number; its state shows on message.fax.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: {
      caseId: t.arg.id({ required: true, validate: z.uuid() }),
      to: t.arg.string({ required: true }),
      attachmentIds: t.arg.idList({ required: true }),
      cover: t.arg.boolean({ required: true }),
      note: t.arg.string(),
    },
    resolve: async (query, _r, args, ctx) => {
      const m = await sendFax(
        viewerOf(ctx),
        { caseId: String(args.caseId), to: args.to, attachmentIds: args.attachmentIds.map(String), cover: args.cover, note: args.note ?? "" },
        ctx.app.deps,
      );
      return ctx.app.db.prisma.message.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
  retryFax: t.prismaField({
    type: "Message",
    description: "Sends a fax that failed again: a fresh round of attempts.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { messageId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (query, _r, { messageId }, ctx) => {
      const m = await retryFax(viewerOf(ctx), String(messageId), ctx.app.deps);
      return ctx.app.db.prisma.message.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
}));

// Fax-on-demand documents (domain/fax/fax-library.ts): uploaded over HTTP (lib/fax-documents-http.ts).
builder.prismaObject("FaxDocument", {
  // Only what is asked for is read: never the PDF's bytes.
  select: { id: true },
  authScopes: { permission: "telephony.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    pages: t.exposeInt("pages", { description: "Fax pages it makes (A4, fine resolution)." }),
    originalName: t.exposeString("originalName"),
    originalBytes: t.exposeInt("originalBytes"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    url: t.string({ description: "The PDF (GET, the session cookie).", resolve: (d) => `/api/fax-documents/${d.id}` }),
  }),
});

const FaxCoverRef = builder.objectRef<FaxCover>("FaxCover").implement({
  description: "The letterhead on the organisation's fax cover pages.",
  fields: (t) => ({
    heading: t.exposeString("heading", { description: "Printed above the title; empty: none." }),
    lines: t.exposeStringList("lines", { description: "Up to 4 lines under the heading (address, telephone)." }),
    footer: t.exposeString("footer", { description: "At the foot of the page (a confidentiality notice)." }),
  }),
});
const FaxCoverInput = builder.inputType("FaxCoverInput", {
  fields: (t) => ({
    heading: t.string({ required: true }),
    lines: t.stringList({ required: true }),
    footer: t.string({ required: true }),
  }),
});

builder.queryFields((t) => ({
  faxCover: t.field({
    type: FaxCoverRef,
    authScopes: { permission: "telephony.manage" },
    resolve: async (_r, _a, ctx) =>
      faxCoverOf(
        (await ctx.app.db.prisma.organization.findUniqueOrThrow({ where: { id: viewerOf(ctx).organizationId }, select: { faxCover: true } })).faxCover,
      ),
  }),
  faxDocuments: t.prismaField({
    type: ["FaxDocument"],
    description: "The organisation's fax-on-demand documents (IVR flows' fax steps send them).",
    authScopes: { permission: "telephony.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.faxDocument.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
}));

builder.mutationFields((t) => ({
  saveFaxCover: t.field({
    type: FaxCoverRef,
    description: "The letterhead printed on cover pages of faxes sent from now on.",
    authScopes: { permission: "telephony.manage" },
    args: { input: t.arg({ type: FaxCoverInput, required: true }) },
    resolve: (_r, { input }, ctx) => saveFaxCover(viewerOf(ctx), input, ctx.app.deps, ctx.ip),
  }),
  deleteFaxDocument: t.boolean({
    description: "Refused (CONFLICT, reason FAX_DOCUMENT_IN_USE, usedBy) while an IVR flow faxes it.",
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, { id }, ctx) => {
      await deleteFaxDocument(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
