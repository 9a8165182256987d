"use client";
// The agent's ways to pass a customer's call on: a blind transfer to a colleague or queue (as from
// the case) or to an outside number, or consult first — the customer waits on hold while the agent
// talks to a colleague or an outside number, optionally all three together (a conference), then
// completes the transfer or goes back to the customer.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../_components/button.tsx";
import { graphql } from "../../_client/graphql.ts";
import { TransferDialog } from "../agent/cases/[id]/transfer-dialog.tsx";
import { ColleaguePicker } from "./colleague-picker.tsx";
import { LineSelect, useLineChoices } from "./dial-pad.tsx";

const Consult = graphql(`
  mutation ConsultColleague($callId: ID!, $userId: ID!) {
    consultColleague(callId: $callId, userId: $userId)
  }
`);
const Complete = graphql(`
  mutation CompleteTransfer($callId: ID!) {
    completeTransfer(callId: $callId)
  }
`);
const Cancel = graphql(`
  mutation CancelConsult($callId: ID!) {
    cancelConsult(callId: $callId)
  }
`);
const ConsultNumber = graphql(`
  mutation ConsultNumber($callId: ID!, $number: String!, $trunkId: ID, $callerId: String) {
    consultNumber(callId: $callId, number: $number, trunkId: $trunkId, callerId: $callerId)
  }
`);
const TransferOut = graphql(`
  mutation TransferCallToNumber($callId: ID!, $number: String!) {
    transferCallToNumber(callId: $callId, number: $number)
  }
`);
const Hold = graphql(`
  mutation HoldForConsult($callId: ID!, $held: Boolean!) {
    holdCall(callId: $callId, held: $held)
  }
`);

type Run = (r: Promise<{ error?: unknown }>) => Promise<unknown>;
export interface Consulted {
  name: string;
  joinedAt: string | null;
}

export function TransferControls({
  callId,
  interactionId,
  held,
  consulted,
  phone = false,
  canDial = false,
  run,
}: {
  callId: string;
  interactionId: string;
  held: boolean;
  consulted: Consulted | null;
  /** A phone call: it can also be handed straight to an outside number (SIP REFER). */
  phone?: boolean;
  /** The agent may call outside numbers (to consult one). */
  canDial?: boolean;
  run: Run;
}) {
  const t = useTranslations("softphone");
  const td = useTranslations("softphone.dial");
  const [open, setOpen] = useState<"blind" | "consult" | "number" | null>(null);
  const [, transferOut] = useMutation(TransferOut);
  const [, consultNumber] = useMutation(ConsultNumber);
  const [, consult] = useMutation(Consult);
  const [, complete] = useMutation(Complete);
  const [, cancel] = useMutation(Cancel);
  const [, hold] = useMutation(Hold);

  if (consulted) {
    const talking = !!consulted.joinedAt;
    return (
      <div className="mt-3 rounded-lg bg-slate-50 p-2 ring-1 ring-slate-200" data-testid="consult-panel" data-state={talking ? "talking" : "ringing"}>
        <p className="text-sm font-medium text-slate-900">{t("consulting", { name: consulted.name || "—" })}</p>
        <p className="text-xs text-slate-600">{!talking ? t("consultRinging") : held ? t("consultTalking") : t("consultThreeWay")}</p>
        <div className="mt-2 flex flex-wrap gap-1.5">
          <Button size="sm" variant="primary" disabled={!talking} onClick={() => void run(complete({ callId }))}>
            {t("completeTransfer")}
          </Button>
          {talking && (
            <Button size="sm" variant="secondary" aria-pressed={!held} onClick={() => void run(hold({ callId, held: !held }))}>
              {held ? t("threeWay") : t("private")}
            </Button>
          )}
          <Button size="sm" variant="secondary" onClick={() => void run(cancel({ callId }))}>
            {t("cancelConsult")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <>
      {open === "consult" && (
        <div className="mt-2">
          <ColleaguePicker
            onPick={(userId) => {
              setOpen(null);
              void run(consult({ callId, userId }));
            }}
            onClose={() => setOpen(null)}
          />
        </div>
      )}
      {open === "blind" && <TransferDialog interaction={{ id: interactionId }} onClose={() => setOpen(null)} />}
      {open === "number" && (
        <OutsideNumberForm
          phone={phone}
          onConsult={(input) => void run(consultNumber({ callId, ...input })).then((r) => !(r as { error?: unknown }).error && setOpen(null))}
          onTransfer={(number) => void run(transferOut({ callId, number }))}
        />
      )}
      <div className="mt-2 flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={() => setOpen("blind")}>
          {t("transfer")}
        </Button>
        <Button size="sm" variant="secondary" aria-expanded={open === "consult"} onClick={() => setOpen((o) => (o === "consult" ? null : "consult"))}>
          {t("consult")}
        </Button>
        {canDial && (
          <Button size="sm" variant="secondary" aria-expanded={open === "number"} onClick={() => setOpen((o) => (o === "number" ? null : "number"))}>
            {td("transferOut")}
          </Button>
        )}
      </div>
    </>
  );
}

/** An outside number: consult it first (ring it while the customer waits, on the call's line or a
 * chosen one) or, on a phone call, hand the caller to it at once (SIP REFER). */
function OutsideNumberForm({
  phone,
  onConsult,
  onTransfer,
}: {
  phone: boolean;
  onConsult: (input: { number: string; trunkId: string | null; callerId: string | null }) => void;
  onTransfer: (number: string) => void;
}) {
  const td = useTranslations("softphone.dial");
  const options = useLineChoices() ?? [];
  const [number, setNumber] = useState("");
  // -1: the call's own line, showing the number the customer rang.
  const [choice, setChoice] = useState(phone ? -1 : 0);
  const chosen = options[choice] ?? null;
  return (
    <form
      className="mt-2 space-y-1.5"
      aria-label={td("outsideNumber")}
      data-testid="outside-number"
      onSubmit={(e) => {
        e.preventDefault();
        if (number.trim()) onConsult({ number: number.trim(), trunkId: chosen?.trunkId ?? null, callerId: chosen?.callerId || null });
      }}
    >
      <input
        autoFocus
        inputMode="tel"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        aria-label={td("outsideNumber")}
        placeholder="+48 22 123 45 67"
        className="block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset"
      />
      {options.length > 0 && <LineSelect id="consult-caller-id" options={options} value={choice} onChange={setChoice} first={phone ? td("sameLine") : undefined} />}
      <div className="flex flex-wrap gap-1.5">
        {/* Attended: ring the number while the customer waits, then hand over or talk all three. */}
        <Button size="sm" type="submit" variant="primary" disabled={!number.trim()}>
          {td("consultSubmit")}
        </Button>
        {/* Blind: the provider connects the caller there (SIP REFER), and the call is theirs. */}
        {phone && (
          <Button size="sm" type="button" variant="secondary" disabled={!number.trim()} onClick={() => onTransfer(number.trim())}>
            {td("transferSubmit")}
          </Button>
        )}
      </div>
    </form>
  );
}
