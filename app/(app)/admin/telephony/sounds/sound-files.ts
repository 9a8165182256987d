// The browser's side of uploaded sounds (and fax documents): sending a file (XMLHttpRequest, for
// its upload progress, which fetch does not report) and showing a length.
import type { ApiError } from "../../../../_client/errors.ts";

export type UploadError = ApiError & { maxMinutes?: number };

/** 0:07, 4:59, 14:02. */
export function soundLength(ms: number) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Uploads one sound; `progress` goes from 0 to 1 while it is sent (then the server converts it). */
export function uploadSound(
  file: File,
  meta: { name: string; kind: "PROMPT" | "MUSIC" },
  progress: (done: number) => void,
): Promise<{ error: UploadError | null }> {
  return uploadFile("/api/audio-files", new URLSearchParams({ name: meta.name, kind: meta.kind }), file, progress);
}

/** Uploads a file (multipart, field "file") to `path?query`; `progress` goes from 0 to 1 while it
 * is sent. The server's refusal comes back as an ApiError. */
export function uploadFile(path: string, query: URLSearchParams, file: File, progress: (done: number) => void): Promise<{ error: UploadError | null }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${path}?${query}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress(e.loaded / e.total);
    };
    xhr.upload.onload = () => progress(1);
    xhr.onerror = () => resolve({ error: { code: "NETWORK", message: "", fields: [] } });
    xhr.onload = () => {
      if (xhr.status === 200) return resolve({ error: null });
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: a proxy's page; the status says enough
      }
      resolve({
        error: {
          code: typeof body.code === "string" ? body.code : xhr.status === 413 ? "LIMIT_EXCEEDED" : "INTERNAL",
          message: typeof body.message === "string" ? body.message : "",
          reason: typeof body.reason === "string" ? body.reason : xhr.status === 413 ? "FILE_TOO_LARGE" : undefined,
          fields: Array.isArray(body.fields) ? (body.fields as ApiError["fields"]) : [],
          maxMinutes: typeof body.maxMinutes === "number" ? body.maxMinutes : undefined,
        },
      });
    };
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}
