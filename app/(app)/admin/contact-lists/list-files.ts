// The browser's side of contact list files: a preview of the file (header, first rows, what was
// detected) and starting its import. Errors come back as the API's coded errors.
import type { ApiError } from "../../../_client/errors.ts";

export interface Preview {
  format: "CSV" | "XLSX";
  encoding: string | null;
  delimiter: string | null;
  header: string[];
  sample: string[][];
  lineCount: number | null;
}

export interface Mapping {
  phone: number;
  name: number | null;
  email: number | null;
  externalId: number | null;
  skip: number[];
}

async function send<T>(path: string, file: File, query: Record<string, string>): Promise<{ data: T | null; error: ApiError | null }> {
  const form = new FormData();
  form.append("file", file);
  try {
    const res = await fetch(`${path}?${new URLSearchParams(query)}`, { method: "POST", body: form });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { data: body as T, error: null };
    return {
      data: null,
      error: {
        code: typeof body.code === "string" ? body.code : res.status === 413 ? "LIMIT_EXCEEDED" : "INTERNAL",
        message: typeof body.message === "string" ? body.message : "",
        reason: typeof body.reason === "string" ? body.reason : res.status === 413 ? "FILE_TOO_LARGE" : undefined,
        fields: Array.isArray(body.fields) ? (body.fields as ApiError["fields"]) : [],
      },
    };
  } catch {
    return { data: null, error: { code: "NETWORK", message: "", fields: [] } };
  }
}

const options = (o: { encoding: string; delimiter: string }) => Object.fromEntries(Object.entries(o).filter(([, v]) => v));

export const previewFile = (file: File, o: { encoding: string; delimiter: string }) => send<Preview>("/api/contact-lists/preview", file, options(o));

export const startImport = (file: File, o: { encoding: string; delimiter: string; name: string; country: string; mapping: Mapping }) =>
  send<{ id: string }>("/api/contact-lists", file, { ...options(o), name: o.name, country: o.country, mapping: JSON.stringify(o.mapping) });
