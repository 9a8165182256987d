// PostgreSQL cannot store the NUL character (U+0000) in text: a value carrying one would fail deep in
// the database as an unexpected error. Every transport refuses it at the door instead, with a clear one.

export const NUL_MESSAGE = "Text must not contain the NUL character (\\u0000)";

/** Whether a decoded JSON value (or GraphQL variables) has a NUL in any string, keys included. */
export function containsNul(value: unknown): boolean {
  // A loop, not recursion: JSON.parse accepts nesting deep enough to overflow the call stack.
  const pending: unknown[] = [value];
  while (pending.length) {
    const v = pending.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return true;
    } else if (Array.isArray(v)) {
      for (const inner of v) pending.push(inner);
    } else if (v && typeof v === "object") {
      for (const [key, inner] of Object.entries(v)) {
        if (key.includes("\u0000")) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}
