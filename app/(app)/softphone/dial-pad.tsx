"use client";
// Calling a telephone number (with the caller ID to show, from the organisation's lines), and the
// keypad for a phone call in progress (keys sent to the far end, e.g. another company's menu).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../_components/button.tsx";
import { graphql } from "../../_client/graphql.ts";

const Lines = graphql(`
  query OutboundLines {
    outboundLines {
      id
      name
      callerIds
      status
    }
  }
`);

export const DialNumber = graphql(`
  mutation DialNumber($input: DialInput!) {
    dialNumber(input: $input) {
      id
      state
      interaction {
        id
        caseId
      }
    }
  }
`);

export const SendDigits = graphql(`
  mutation SendCallDigits($callId: ID!, $digits: String!) {
    sendCallDigits(callId: $callId, digits: $digits)
  }
`);

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

export interface LineChoice {
  trunkId: string;
  callerId: string;
  label: string;
}

/** The lines the agent may call out on, one choice per caller ID (null while loading). */
export function useLineChoices(): LineChoice[] | null {
  const t = useTranslations("softphone.dial");
  const [{ data }] = useQuery({ query: Lines, requestPolicy: "network-only" });
  if (!data) return null;
  return data.outboundLines.flatMap((l) => (l.callerIds.length ? l.callerIds : [""]).map((id) => ({ trunkId: l.id, callerId: id, label: `${id || t("noCallerId")} · ${l.name}` })));
}

/** "Show my number as": a line and caller ID. `first`: an option before the lines (index -1). */
export function LineSelect({ id, options, value, onChange, first }: { id: string; options: LineChoice[]; value: number; onChange: (i: number) => void; first?: string }) {
  const t = useTranslations("softphone.dial");
  return (
    <>
      <label className="block text-xs font-medium text-slate-600" htmlFor={id}>
        {t("callerId")}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        className="mb-2 block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset"
      >
        {first && <option value={-1}>{first}</option>}
        {options.map((o, i) => (
          <option key={`${o.trunkId}-${o.callerId}`} value={i}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** Number, line and caller ID; `onDial` places the call. */
export function NumberDialer({ onDial, onClose }: { onDial: (input: { number: string; trunkId: string | null; callerId: string | null }) => void; onClose: () => void }) {
  const t = useTranslations("softphone.dial");
  const lines = useLineChoices();
  const options = lines ?? [];
  const [number, setNumber] = useState("");
  const [choice, setChoice] = useState(0);
  const chosen = options[choice] ?? null;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (number.trim()) onDial({ number: number.trim(), trunkId: chosen?.trunkId ?? null, callerId: chosen?.callerId || null });
  };
  return (
    <form className="mb-2 rounded-xl bg-white p-3 shadow-lg ring-1 ring-slate-200" role="dialog" aria-label={t("title")} onSubmit={submit} data-testid="dialer">
      <label className="block text-xs font-medium text-slate-600" htmlFor="dial-number">
        {t("number")}
      </label>
      <input
        id="dial-number"
        autoFocus
        inputMode="tel"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
        placeholder="+48 22 123 45 67"
        className="mb-2 block w-full rounded-md border-0 px-2 py-1 text-base tracking-wide ring-1 ring-slate-300 ring-inset"
      />
      <div className="mb-2 grid grid-cols-3 gap-1">
        {KEYS.map((k) => (
          <button key={k} type="button" className="rounded bg-slate-100 py-1 text-sm font-medium hover:bg-slate-200" onClick={() => setNumber((n) => n + k)}>
            {k}
          </button>
        ))}
      </div>
      {options.length > 0 ? (
        <LineSelect id="dial-caller-id" options={options} value={choice} onChange={setChoice} />
      ) : (
        lines && <p className="mb-2 text-xs text-slate-500">{t("noLines")}</p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={!number.trim()}>
          {t("call")}
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t("close")}
        </Button>
      </div>
    </form>
  );
}

/** Keys for the far end of a phone call; what was sent stays visible. */
export function Keypad({ onKey }: { onKey: (key: string) => void }) {
  const t = useTranslations("softphone.dial");
  const [sent, setSent] = useState("");
  return (
    <div className="mt-3" role="group" aria-label={t("keypad")} data-testid="keypad">
      <p className="mb-1 min-h-5 font-mono text-sm tracking-widest text-slate-700" aria-live="polite">
        {sent}
      </p>
      <div className="grid grid-cols-3 gap-1">
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            className="rounded bg-slate-100 py-1 text-sm font-medium hover:bg-slate-200"
            onClick={() => {
              setSent((s) => (s + k).slice(-20));
              onKey(k);
            }}
          >
            {k}
          </button>
        ))}
      </div>
    </div>
  );
}
