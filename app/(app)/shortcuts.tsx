"use client";
// Keyboard shortcuts on the desk (shortcut-keys.ts), and the overlay listing them on "?".
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "../_components/button.tsx";
import { Dialog } from "../_components/dialog.tsx";
import { COMPOSER_KEYS, SHORTCUTS, type ShortcutAction, neighbour, shortcutFor } from "./shortcut-keys.ts";

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(el.type)));

const control = (name: string) =>
  [...document.querySelectorAll<HTMLElement>(`[data-shortcut="${name}"]`)].find((e) => !(e as HTMLButtonElement).disabled && e.offsetParent !== null);

export function Shortcuts() {
  const t = useTranslations("shortcuts");
  const [help, setHelp] = useState(false);
  useEffect(() => {
    function run(action: ShortcutAction) {
      if (action === "help") return setHelp((h) => !h);
      if (action === "nextCase" || action === "previousCase") {
        const cases = [...document.querySelectorAll<HTMLAnchorElement>('[data-shortcut="case"]')];
        const i = neighbour(
          cases.length,
          cases.findIndex((c) => c.getAttribute("aria-current") === "page"),
          action === "nextCase" ? 1 : -1,
        );
        if (i !== null) cases[i].click();
        return;
      }
      if (action === "reply" || action === "note") {
        control(action)?.click();
        // The tab re-renders the composer: focus it once it has.
        requestAnimationFrame(() => control("composer")?.focus());
        return;
      }
      control(action)?.click();
    }
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape" && e.target instanceof HTMLElement && e.target.dataset.shortcut === "composer") return e.target.blur();
      if (e.defaultPrevented) return;
      const action = shortcutFor(e, isTextField(e.target));
      if (!action) return;
      // Behind another dialog the desk is out of reach; over this list only "?" (and Esc) work.
      const dialog = document.querySelector("dialog[open]");
      if (dialog && (action !== "help" || !dialog.querySelector('[data-testid="shortcuts"]'))) return;
      e.preventDefault();
      run(action);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <Dialog open={help} onClose={() => setHelp(false)} title={t("title")} footer={<Button onClick={() => setHelp(false)}>{t("close")}</Button>}>
      <div data-testid="shortcuts">
        <dl className="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-1.5 text-sm">
          {SHORTCUTS.map((s) => (
            <Row key={s.key} keys={s.key} label={t(`action.${s.action}`)} />
          ))}
        </dl>
        <p className="mt-4 mb-1.5 text-xs font-medium text-slate-500 uppercase">{t("inComposer")}</p>
        <dl className="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-1.5 text-sm">
          {COMPOSER_KEYS.map((s) => (
            <Row key={s.key} keys={s.key} label={t(`action.${s.action}`)} />
          ))}
        </dl>
        <p className="mt-4 text-xs text-slate-500">{t("hint")}</p>
      </div>
    </Dialog>
  );
}

function Row({ keys, label }: { keys: string; label: string }) {
  return (
    <>
      <dt>
        <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">{keys}</kbd>
      </dt>
      <dd className="text-slate-700">{label}</dd>
    </>
  );
}
