// Talking to the loader (public/widget.js) on the customer's page: the iframe asks to be minimised,
// reports unread agent messages and whether a conversation goes on (so the next page reopens it),
// hears when it is shown or hidden, and keeps the visitor's token in the site's storage (a
// third-party frame's own storage is often denied), sent to the site's origin only.

export type HostParams = { lang: string; origin: string; identity: { id: string; hash: string } | null; name: string; email: string };

/** What the loader put in the iframe's #fragment (never sent to any server in a URL). */
export function hostParams(): HostParams {
  const p = new URLSearchParams(typeof location === "undefined" ? "" : location.hash.slice(1));
  const uid = p.get("uid") ?? "";
  const uh = p.get("uh") ?? "";
  return {
    lang: p.get("lang") ?? "",
    origin: p.get("origin") ?? "",
    identity: uid && uh ? { id: uid, hash: uh } : null,
    name: p.get("name") ?? "",
    email: p.get("email") ?? "",
  };
}

export const embedded = () => typeof window !== "undefined" && window.parent !== window;

export function tellHost(
  message:
    | { centrala: "minimize" }
    | { centrala: "ready" }
    | { centrala: "unread"; count: number }
    | { centrala: "conversation"; active: boolean }
    | { centrala: "store"; value: unknown },
) {
  if (!embedded()) return;
  window.parent.postMessage(message, hostOrigin());
}

/**
 * The page the frame is on, as the browser knows it (ancestorOrigins) where it tells, else as the
 * loader said. Messages carry the visitor's token, so they go to that origin only — and only
 * sites on the widget's allowed list can frame it at all (frame-ancestors).
 */
function hostOrigin() {
  const known = window.location.ancestorOrigins?.[0];
  if (known) return known;
  const said = hostParams().origin;
  return /^https?:\/\/[^/]+$/.test(said) ? said : window.location.origin;
}

/** Calls back once with what the loader kept for this visitor on the site (null: nothing). */
export function onHostRestore(callback: (value: unknown) => void) {
  const listener = (e: MessageEvent) => {
    if (e.source !== window.parent || (e.data as { centrala?: string } | null)?.centrala !== "restore") return;
    window.removeEventListener("message", listener);
    callback((e.data as { value: unknown }).value);
  };
  window.addEventListener("message", listener);
  return () => window.removeEventListener("message", listener);
}

/** Calls back with true/false as the loader shows or hides the frame. */
export function onHostVisibility(callback: (shown: boolean) => void) {
  const listener = (e: MessageEvent) => {
    if (e.source !== window.parent) return;
    const kind = (e.data as { centrala?: string } | null)?.centrala;
    if (kind === "shown" || kind === "hidden") callback(kind === "shown");
  };
  window.addEventListener("message", listener);
  return () => window.removeEventListener("message", listener);
}
