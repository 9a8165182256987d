"use client";
// When offers went unanswered (the system paused the agent with "Missed offers", see
// domain/routing/maintain-queue.ts), the agent is evidently away from the keyboard: on their
// return a modal says what happened and takes them back to Ready with one click.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "../_components/button.tsx";
import { Dialog } from "../_components/dialog.tsx";
import { desktopNotification } from "../_client/desktop-notifications.ts";
import { useMe } from "../_client/me.tsx";
import { usePresence } from "../_client/presence.tsx";
import { useErrorText } from "../_client/use-error-text.ts";

export function AwayPrompt() {
  const t = useTranslations("awayPrompt");
  const errors = useErrorText();
  const me = useMe();
  const presence = usePresence();
  const p = presence?.presence;
  const away = !!p && p.state === "PAUSE" && p.source === "SYSTEM" && p.pauseCode?.systemKey === "MISSED_OFFERS";
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const told = useRef<string | null>(null);
  const open = away && dismissed !== p.since;
  useEffect(() => {
    if (!open || told.current === p?.since) return;
    told.current = p?.since ?? null;
    if (me.user.desktopNotifications) desktopNotification(t("title"), t("body"), "away");
  }, [open, p?.since, me.user.desktopNotifications, t]);
  if (!open) return null;
  return (
    <Dialog
      open
      onClose={() => setDismissed(p.since)}
      title={t("title")}
      footer={
        <>
          <Button onClick={() => setDismissed(p.since)}>{t("stay")}</Button>
          <Button
            variant="primary"
            data-testid="back-ready"
            busy={presence.changing}
            onClick={async () => {
              const e = await presence.setState("READY");
              setError(errors.message(e));
            }}
          >
            {t("back")}
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-700" data-testid="away-prompt">
        {t("body")}
      </p>
      {error && (
        <p className="mt-2 text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
