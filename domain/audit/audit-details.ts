// What an audit entry says, in words: which fields changed from what to what, with the ids in it
// (users, queues, teams...) named. Entries record `changes` (auditChanges) for edits; older and
// simpler entries keep plain values, shown as they are. Pure: the names are looked up by the caller.

export interface Change {
  from: unknown;
  to: unknown;
}

/** One line of an entry's details: a changed field (from → to) or a recorded value. */
export interface AuditDetail {
  field: string;
  value: string | null;
  from: string | null;
  to: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** JSON with object keys sorted: a database may hand back a JSON column's keys in another order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object" && !(v instanceof Date))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v ?? null);
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * The fields of `after` whose value differs from `before`'s (both flat records; nested objects are
 * compared whole). A created thing has no `before`: every field set is a change from nothing.
 */
export function auditChanges(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, Change> {
  const changes: Record<string, Change> = {};
  for (const [field, to] of Object.entries(after)) {
    const from = before ? before[field] : null;
    if (!same(from, to) && !(before === null && (to === null || to === "" || (Array.isArray(to) && !to.length)))) changes[field] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

/** Every id in the data, to be named. */
export function idsIn(data: unknown, into = new Set<string>()): Set<string> {
  if (typeof data === "string" && UUID.test(data)) into.add(data);
  else if (Array.isArray(data)) for (const d of data) idsIn(d, into);
  else if (data && typeof data === "object") for (const d of Object.values(data)) idsIn(d, into);
  return into;
}

/** A value in words: ids by name, lists joined, objects as "key value" pairs, nothing as null. */
export function describeValue(value: unknown, names: ReadonlyMap<string, string>): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return UUID.test(value) ? (names.get(value) ?? "?") : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => describeValue(v, names)).filter((v) => v !== null);
    return parts.length ? parts.join(", ") : null;
  }
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        const d = describeValue(v, names);
        if (d === null) return null;
        // An id's name says enough ("Piotr", not "userId Piotr"); a per-language text shows its language.
        return typeof v === "string" && UUID.test(v) ? d : `${k}: ${d}`;
      })
      .filter((v) => v !== null);
    return parts.length ? parts.join(" · ") : null;
  }
  return String(value);
}

function isChange(v: unknown): v is Change {
  return !!v && typeof v === "object" && !Array.isArray(v) && "from" in v && "to" in v && Object.keys(v).length === 2;
}

/** The lines to show for an entry's data. */
export function auditDetails(data: unknown, names: ReadonlyMap<string, string>): AuditDetail[] {
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  const lines: AuditDetail[] = [];
  for (const [field, value] of Object.entries(data as Record<string, unknown>)) {
    if (field === "changes" && value && typeof value === "object" && Object.values(value).every(isChange)) {
      for (const [f, c] of Object.entries(value as Record<string, Change>)) {
        lines.push({ field: f, value: null, from: describeValue(c.from, names), to: describeValue(c.to, names) });
      }
    } else if (isChange(value)) {
      lines.push({ field, value: null, from: describeValue(value.from, names), to: describeValue(value.to, names) });
    } else {
      const v = describeValue(value, names);
      if (v !== null) lines.push({ field, value: v, from: null, to: null });
    }
  }
  return lines;
}
