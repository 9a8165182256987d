// Shared by call scripts (the agent reads a contact field out) and SMS campaigns (a field texted).
// `{name}` in a question's text is the contact's field (from the contact list: {debt},
// {address}, {name}). A field the contact lacks is a marked gap, so the agent sees something is
// missing instead of reading out a sentence with a hole in it.

export type TextPart = { kind: "text"; text: string } | { kind: "field"; field: string; value: string } | { kind: "gap"; field: string };

const PLACEHOLDER = /\{([A-Za-z_][\w.]{0,39})\}/g;

export function renderParts(text: string, fields: Readonly<Record<string, string>>): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push({ kind: "text", text: text.slice(last, m.index) });
    const field = m[1]!;
    const value = Object.hasOwn(fields, field) ? fields[field]!.trim() : "";
    parts.push(value ? { kind: "field", field, value } : { kind: "gap", field });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/** The text as plain text; a gap becomes `gap(field)` (by default nothing). */
export function renderText(text: string, fields: Readonly<Record<string, string>>, gap: (field: string) => string = () => ""): string {
  return renderParts(text, fields)
    .map((p) => (p.kind === "text" ? p.text : p.kind === "field" ? p.value : gap(p.field)))
    .join("");
}

/** The fields a text uses, for showing an admin what a contact list must provide. */
export function fieldsOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}
