"use client";
// A button that opens a menu of actions (WAI-ARIA menu button): arrows, Home and End move, Enter
// or Space chooses, Escape closes and gives focus back to the button.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";

export interface MenuChoice {
  id: string;
  label: string;
  hint?: string;
}

export function MenuButton({
  label,
  items,
  onPick,
  disabled,
  testId,
  shortcut,
  align = "right",
}: {
  label: string;
  items: MenuChoice[];
  onPick: (id: string) => void;
  disabled?: boolean;
  testId?: string;
  /** The desk's keyboard shortcut that opens it (app/(app)/shortcut-keys.ts). */
  shortcut?: string;
  align?: "left" | "right";
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    (list.current?.children[active] as HTMLElement | undefined)?.focus();
  }, [open, active]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  function show(at: number) {
    setActive(at);
    setOpen(true);
  }
  function close() {
    setOpen(false);
    button.current?.focus();
  }
  function pick(at: number) {
    close();
    onPick(items[at].id);
  }
  function onListKey(e: KeyboardEvent) {
    const last = items.length - 1;
    const moves: Record<string, () => void> = {
      ArrowDown: () => setActive((a) => (a >= last ? 0 : a + 1)),
      ArrowUp: () => setActive((a) => (a <= 0 ? last : a - 1)),
      Home: () => setActive(0),
      End: () => setActive(last),
      Escape: close,
      Tab: () => setOpen(false),
      Enter: () => pick(active),
      " ": () => pick(active),
    };
    const move = moves[e.key];
    if (!move) return;
    if (e.key !== "Tab") e.preventDefault();
    move();
  }

  return (
    <span className="relative inline-block">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        disabled={disabled || !items.length}
        data-testid={testId}
        data-shortcut={shortcut}
        onClick={() => (open ? setOpen(false) : show(0))}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            show(e.key === "ArrowDown" ? 0 : items.length - 1);
          }
        }}
        className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50"
      >
        {label} <span aria-hidden>▾</span>
      </button>
      {open && (
        <ul
          ref={list}
          id={id}
          role="menu"
          aria-label={label}
          onKeyDown={onListKey}
          className={`absolute bottom-full z-30 mb-1 max-h-72 w-72 overflow-y-auto rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200 ${align === "right" ? "right-0" : "left-0"}`}
        >
          {items.map((item, i) => (
            <li
              key={item.id}
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              onClick={() => pick(i)}
              onMouseEnter={() => setActive(i)}
              className="cursor-pointer px-3 py-1.5 text-sm text-slate-800 outline-none focus:bg-brand-50"
            >
              <span className="block font-medium">{item.label}</span>
              {item.hint && <span className="block truncate text-xs text-slate-500">{item.hint}</span>}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
