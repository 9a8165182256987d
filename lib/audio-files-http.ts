// Uploaded sounds over plain HTTP, with the session cookie: uploading one (multipart, field "file";
// its name and kind in the query) is for telephony managers; listening to one (Ogg Opus, or with
// ?format=wav what a telephone hears) also for queue managers, who choose their queue's music.
import type { IncomingMessage, ServerResponse } from "node:http";
import { can } from "../domain/access/viewer.ts";
import { audioFileToPlay, uploadAudioFile } from "../domain/audio/audio-files.ts";
import { MAX_UPLOAD_BYTES } from "../domain/audio/convert-audio.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { g711ToWav } from "../media/ivr/wav.ts";
import { CLIENT_IP_HEADER } from "./auth/auth.ts";
import { readUpload, sendError, sendFile, sendJson } from "./http-helpers.ts";
import type { AppServices } from "./services.ts";

export const AUDIO_FILES_PATH = "/api/audio-files";

export function audioFilesApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== AUDIO_FILES_PATH && !url.pathname.startsWith(`${AUDIO_FILES_PATH}/`)) return false;
    try {
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      if (url.pathname === AUDIO_FILES_PATH && req.method === "POST") {
        // Refused before the upload is read: no one waits for 20 MB to be told they may not.
        if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
        const file = await readUpload(req, MAX_UPLOAD_BYTES);
        const saved = await uploadAudioFile(
          viewer,
          { name: url.searchParams.get("name") ?? "", kind: url.searchParams.get("kind") ?? "", fileName: file.fileName, bytes: file.bytes },
          app.deps,
          String(req.headers[CLIENT_IP_HEADER] ?? ""),
        );
        sendJson(res, 200, saved);
        return true;
      }
      const m = /^\/api\/audio-files\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (m && req.method === "GET") {
        const wav = url.searchParams.get("format") === "wav";
        const file = await audioFileToPlay(viewer, m[1], wav ? "alaw" : "opus", app.deps);
        const safe = file.name.replace(/[\\/:*?"<>|\p{Cc}]/gu, "_");
        sendFile(
          res,
          wav ? g711ToWav("alaw", file.bytes) : file.bytes,
          wav ? { contentType: "audio/wav", fileName: `${safe}.wav`, inline: true } : { contentType: "audio/ogg", fileName: `${safe}.ogg`, inline: true },
        );
        return true;
      }
      throw new DomainError("NOT_FOUND", "Not found");
    } catch (err) {
      if (!res.headersSent) sendError(res, err, app.log);
      else res.end();
    }
    return true;
  };
}
