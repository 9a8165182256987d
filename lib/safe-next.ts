// Where to go after signing in (?next=): only a path on this site, never an open redirect. Browsers
// drop tabs and newlines from URLs and read "\" as "/", so "/\t/evil.com" becomes "//evil.com" — another
// site. A path passes only if neither it nor its percent-decoded form could leave this origin.

const HERE = "http://centrala.invalid";
// Control characters (C0, DEL, C1) and the backslash: exactly what browsers drop or read as "/".
const UNSAFE = /[\p{Cc}\\]/u;

export function safeNext(next: string | null | undefined): string {
  if (!next) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return "/";
  }
  for (const form of [next, decoded]) {
    if (!form.startsWith("/") || form.startsWith("//") || UNSAFE.test(form)) return "/";
    if (new URL(form, HERE).origin !== HERE) return "/";
  }
  return next;
}
