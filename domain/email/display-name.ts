// A display name as it may be shown and stored: a name decoded from the header (RFC 2047) can
// carry anything — CR/LF (which would read as a header of its own when quoted in a reply), NUL
// (which PostgreSQL refuses), other control characters or bidi overrides that make "moc.live"
// look like "evil.com". Those go; runs of white space become one space.

// Control characters are exactly what this is for.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function cleanDisplayName(name: string | null | undefined): string {
  return (name ?? "").replace(CONTROLS, " ").replace(/\s+/g, " ").trim().slice(0, 200);
}
