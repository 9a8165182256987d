// The desk's keyboard shortcuts: one key each, outside text fields (so typing never triggers
// them). Each names the control it works (data-shortcut on that element). Pure, for the overlay
// and the handler alike.
export const SHORTCUTS = [
  { key: "a", action: "accept" },
  { key: "j", action: "nextCase" },
  { key: "k", action: "previousCase" },
  { key: "r", action: "reply" },
  { key: "n", action: "note" },
  { key: "e", action: "end" },
  { key: "h", action: "hold" },
  { key: "m", action: "mute" },
  { key: "s", action: "state" },
  { key: "x", action: "macros" },
  { key: "?", action: "help" },
] as const;
export type ShortcutAction = (typeof SHORTCUTS)[number]["action"];

/** Keys shown in the overlay that work inside the composer (not single-key shortcuts). */
export const COMPOSER_KEYS = [
  { key: "Enter", action: "send" },
  { key: "Shift+Enter", action: "newLine" },
  { key: "Esc", action: "leaveComposer" },
] as const;

/** The action of a key press, or null: never inside a text field, never with Ctrl, Alt or Meta. */
export function shortcutFor(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }, inTextField: boolean): ShortcutAction | null {
  if (inTextField || e.ctrlKey || e.altKey || e.metaKey) return null;
  return SHORTCUTS.find((s) => s.key === e.key.toLowerCase() || s.key === e.key)?.action ?? null;
}

/** The neighbour of the current item in a list (wrapping), or the first when none is current. */
export function neighbour(count: number, current: number, step: 1 | -1): number | null {
  if (count === 0) return null;
  if (current < 0) return 0;
  return (current + step + count) % count;
}
