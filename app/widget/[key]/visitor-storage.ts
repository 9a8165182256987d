// What the widget remembers in the visitor's browser, per widget: the signed token that reopens
// their conversation (in any tab, after any reload), why they could not chat, their unsent text,
// and what they told us (to fill the next form). Kept in the frame's storage where the browser
// allows it and, inside a site, by the loader in the site's storage (see host-frame.ts).

export type Remembered = {
  token: string | null;
  unavailable: "CLOSED" | "NO_AGENTS" | "FULL" | null;
  /** The admin's words that came with it (a full queue's overflow message). */
  notice: string;
  draft: string;
  name: string;
  email: string;
  phone: string;
};

export const EMPTY: Remembered = { token: null, unavailable: null, notice: "", draft: "", name: "", email: "", phone: "" };
const key = (widgetKey: string) => `centrala.widget.${widgetKey}`;

/** A kept value, whatever its source, as a Remembered (unknown shapes count as nothing kept). */
export function asRemembered(value: unknown): Remembered | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Partial<Remembered>;
  return { ...EMPTY, ...v, token: typeof v.token === "string" ? v.token : null };
}

export function recall(widgetKey: string): Remembered {
  try {
    return { ...EMPTY, ...(JSON.parse(localStorage.getItem(key(widgetKey)) ?? "{}") as Partial<Remembered>) };
  } catch {
    return EMPTY;
  }
}

export function remember(widgetKey: string, value: Remembered) {
  try {
    localStorage.setItem(key(widgetKey), JSON.stringify(value));
  } catch {
    // blocked storage: the conversation lasts as long as this page
  }
}
