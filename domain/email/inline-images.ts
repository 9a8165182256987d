// Inline images: an HTML mail shows pictures it carries itself as <img src="cid:…">, each naming a
// MIME part by its Content-ID (RFC 2392), at any depth of nested multiparts. They are stored as
// the message's attachments (with their Content-ID) and served by the attachments route, which
// checks the viewer may see the case. The mail's HTML is shown in a sandboxed frame whose own
// origin is opaque — it carries no session — so the page fetches each image (with the session)
// and puts it into the frame as a data: URL: the sanitizer and the frame's policy stay as strict
// as before (images only from data:), and nothing outside is ever loaded.

/** The Content-IDs an HTML cites as cid: URLs (lower case, without <>). */
export function citedContentIds(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/\bcid:([^"'\s>)]+)/gi)) ids.add(decodeCid(m[1]!));
  return [...ids];
}

function decodeCid(value: string): string {
  const v = value.replace(/&amp;/g, "&");
  try {
    return decodeURIComponent(v).replace(/^<|>$/g, "").toLowerCase();
  } catch {
    return v.replace(/^<|>$/g, "").toLowerCase();
  }
}

const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/=]+$/i;

/**
 * Sanitised HTML with each `src="cid:…"` of a known image replaced by its data: URL (keys: the
 * Content-ID, any case). Anything that is not a base64 image data: URL is never put in; a cid:
 * not (yet) known loses its src — the frame could not load it anyway — and shows its alt text.
 */
export function showInlineImages(html: string, images: Map<string, string>): string {
  const byId = new Map([...images].map(([id, url]) => [id.replace(/^<|>$/g, "").toLowerCase(), url]));
  return html.replace(/(<img\b[^>]*?\b)src="cid:([^"]*)"/gi, (_whole, start: string, cid: string) => {
    const url = byId.get(decodeCid(cid));
    return url && DATA_IMAGE.test(url) ? `${start}src="${url}"` : start.trimEnd();
  });
}
