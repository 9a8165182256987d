// Small pieces shared by the HTTP routes that are not GraphQL (widget API, file transfer).
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { DomainError } from "../domain/shared/errors.ts";
import { clientError } from "./client-error.ts";
import type { Logger } from "./logger.ts";
import { NUL_MESSAGE, containsNul } from "./nul.ts";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...afterUnreadBody(res), ...headers });
  res.end(JSON.stringify(body));
}

/** A body of a known, modest size that an answer leaves unread is read and thrown away. */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;

/**
 * An answer may come before the request's body was read to its end (refused, too large). A body of
 * known, modest size is then read and thrown away, so that a client still sending it gets the answer
 * (fetch fails outright when the connection closes under its upload); one without a length, or
 * larger than that, is cut off with the connection.
 */
function afterUnreadBody(res: ServerResponse): Record<string, string> {
  const req = res.req as IncomingMessage | undefined;
  if (!req || req.complete) return {};
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) <= DRAIN_MAX_BYTES) {
    req.resume();
    return {};
  }
  return { connection: "close" };
}

/** A failure answered as clientError says (lib/client-error.ts), logged once when it is ours. */
export function sendError(res: ServerResponse, err: unknown, log: Logger, headers: Record<string, string> = {}) {
  const answer = clientError(err);
  if (answer.log === "warn") log.warn({ err }, "request refused: database busy");
  if (answer.log === "error") log.error({ err }, "request failed");
  return sendJson(res, answer.status, answer.body, { ...answer.headers, ...headers });
}

/**
 * A stored file to the browser: always a download (an image may be shown inline when asked),
 * never sniffed, never cached, and nothing in it may run.
 */
export function sendFile(res: ServerResponse, bytes: Uint8Array, file: { contentType: string; fileName: string; inline?: boolean }) {
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-length": String(bytes.length),
    "content-disposition": `${file.inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'",
  });
  res.end(bytes);
}

/**
 * The whole body, counted as it arrives: past maxBytes reading stops at once and BODY_TOO_LARGE is
 * thrown (answered 413), whatever Content-Length said or did not say (a chunked body has none).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new DomainError("LIMIT_EXCEEDED", `The request is larger than ${maxBytes >= 1048576 ? `${maxBytes / 1048576} MB` : `${maxBytes / 1024} KB`}`, {
      reason: "BODY_TOO_LARGE",
      maxBytes,
    });
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Listeners rather than `for await`: leaving that loop early destroys the socket, and with it the answer.
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (e: Error) => {
      stop();
      reject(e);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Refuses NUL characters anywhere in a decoded body (PostgreSQL cannot store them in text). */
export function assertNoNul(value: unknown) {
  if (containsNul(value)) throw new DomainError("INVALID_INPUT", NUL_MESSAGE, { reason: "NUL_CHARACTER" });
}

export async function readJson(req: IncomingMessage, maxBytes = 64 * 1024): Promise<Record<string, unknown>> {
  const body = await readBody(req, maxBytes);
  if (!body.length) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    value = null;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new DomainError("INVALID_INPUT", "The request body must be a JSON object", { reason: "BAD_JSON" });
  }
  assertNoNul(value);
  return value as Record<string, unknown>;
}

/** One uploaded file from a multipart form (field "file"), refused as soon as it passes maxBytes. */
export async function readUpload(req: IncomingMessage, maxBytes: number): Promise<{ fileName: string; bytes: Uint8Array }> {
  const declared = Number(req.headers["content-length"] ?? 0);
  const tooLarge = () =>
    new DomainError("LIMIT_EXCEEDED", `The file is larger than ${Math.round(maxBytes / 1048576)} MB`, { reason: "FILE_TOO_LARGE", maxBytes });
  if (declared > maxBytes + 16 * 1024) throw tooLarge();
  let seen = 0;
  const limited = Readable.from(
    (async function* () {
      for await (const chunk of req) {
        seen += (chunk as Buffer).length;
        if (seen > maxBytes + 16 * 1024) throw tooLarge();
        yield chunk as Buffer;
      }
    })(),
  );
  let form: FormData;
  try {
    form = await new Request("http://upload", {
      method: "POST",
      headers: { "content-type": String(req.headers["content-type"] ?? "") },
      body: Readable.toWeb(limited) as ReadableStream,
      duplex: "half",
    } as RequestInit).formData();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    if (e instanceof Error && e.cause instanceof DomainError) throw e.cause;
    throw new DomainError("INVALID_INPUT", "Send the file as multipart/form-data in a field named file", { reason: "BAD_UPLOAD" });
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new DomainError("INVALID_INPUT", "Send the file in a field named file", { reason: "BAD_UPLOAD" });
  if (file.size > maxBytes) throw tooLarge();
  return { fileName: file.name || "file", bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith("Bearer ") ? h.slice(7).trim() : null;
}
