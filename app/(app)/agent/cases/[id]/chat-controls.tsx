"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useNow } from "../../../../_client/use-now.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import type { Interaction } from "./case-query.ts";
import { TransferDialog } from "./transfer-dialog.tsx";

const EndChat = graphql(`
  mutation EndChat($interactionId: ID!) {
    endChat(interactionId: $interactionId) {
      id
      state
    }
  }
`);
const CancelTransfer = graphql(`
  mutation CancelTransfer($interactionId: ID!) {
    cancelTransfer(interactionId: $interactionId) {
      id
    }
  }
`);

/** For the agent handling a live chat: is the customer still there, transfer, end. For a call:
 * transfer (to a colleague or a queue; the agent stays on until someone accepts) and end. */
export function ChatControls({ interaction, call = false }: { interaction: Interaction; call?: boolean }) {
  const t = useTranslations("case.chat");
  const format = useFormatter();
  const errors = useErrorText();
  const now = useNow(10_000);
  const [, end] = useMutation(EndChat);
  const [, cancel] = useMutation(CancelTransfer);
  const [transferring, setTransferring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seen = interaction.visitorLastSeenAt ? Date.parse(interaction.visitorLastSeenAt) : null;
  const online = seen !== null && now - seen < 45_000;
  const run = async (p: Promise<{ error?: Parameters<typeof apiError>[0] }>) => {
    const e = apiError((await p).error);
    setError(e ? errors.message(e) : null);
  };

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 bg-emerald-50/60 px-4 py-2 text-sm" data-testid="chat-controls">
      <span className="inline-flex items-center gap-1.5 font-medium text-emerald-800">
        <span className={`size-2 rounded-full ${online ? "bg-emerald-500" : "bg-slate-400"}`} aria-hidden />
        {call ? t("liveCall") : online ? t("customerOnline") : seen ? t("customerAway", { time: format.relativeTime(seen, now) }) : t("liveChat")}
      </span>
      {interaction.pendingTransfer ? (
        <>
          <span className="text-slate-700">{t("transferPending")}</span>
          <Button size="sm" onClick={() => void run(cancel({ interactionId: interaction.id }))}>
            {t("cancelTransfer")}
          </Button>
        </>
      ) : (
        <Button size="sm" onClick={() => setTransferring(true)}>
          {t("transfer")}
        </Button>
      )}
      <Button size="sm" variant="danger" className="ml-auto" data-shortcut="end" onClick={() => void run(end({ interactionId: interaction.id }))}>
        {call ? t("endCall") : t("end")}
      </Button>
      {error && (
        <p className="w-full text-red-600" role="alert">
          {error}
        </p>
      )}
      {transferring && <TransferDialog interaction={interaction} onClose={() => setTransferring(false)} />}
    </div>
  );
}
