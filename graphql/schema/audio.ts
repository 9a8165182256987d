// Uploaded sounds (IVR prompts, music on hold): listed for telephony managers and, so they can
// choose their queue's music, queue managers; renamed and deleted by telephony managers. Uploading
// and listening go through plain HTTP (lib/audio-files-http.ts): files are not GraphQL's to carry.
import { z } from "zod";
import { AUDIO_KINDS } from "../../domain/audio/convert-audio.ts";
import { deleteAudioFile, renameAudioFile } from "../../domain/audio/audio-files.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

export const AudioKindEnum = builder.enumType("AudioKind", { values: AUDIO_KINDS });

builder.prismaObject("AudioFile", {
  // Only what is asked for is read: never the sound's bytes.
  select: { id: true },
  authScopes: { anyPermission: ["telephony.manage", "queues.manage"] },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: AudioKindEnum }),
    durationMs: t.exposeInt("durationMs", { description: "How long it plays." }),
    originalName: t.exposeString("originalName", { description: "The uploaded file's name." }),
    originalBytes: t.exposeInt("originalBytes", { description: "The uploaded file's size." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    url: t.string({
      description: "Where a browser plays it (Ogg Opus; add ?format=wav for what a telephone hears).",
      resolve: (f) => `/api/audio-files/${f.id}`,
    }),
  }),
});

builder.queryFields((t) => ({
  audioFiles: t.prismaField({
    type: ["AudioFile"],
    description: "The organisation's uploaded sounds, of one kind or all.",
    authScopes: { anyPermission: ["telephony.manage", "queues.manage"] },
    args: { kind: t.arg({ type: AudioKindEnum, required: false }) },
    resolve: (query, _r, { kind }, ctx) =>
      ctx.app.db.prisma.audioFile.findMany({
        ...query,
        where: { organizationId: viewerOf(ctx).organizationId, ...(kind ? { kind } : {}) },
        orderBy: { name: "asc" },
      }),
  }),
}));

builder.mutationFields((t) => ({
  renameAudioFile: t.prismaField({
    type: "AudioFile",
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }), name: t.arg.string({ required: true }) },
    resolve: async (query, _r, { id, name }, ctx) => {
      await renameAudioFile(viewerOf(ctx), String(id), { name }, ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.audioFile.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
  deleteAudioFile: t.boolean({
    description: "Refused (CONFLICT, reason AUDIO_IN_USE, usedBy) while a queue or an IVR flow plays it.",
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, { id }, ctx) => {
      await deleteAudioFile(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
