"use client";
// The wall-board on a TV: opened by a read-only link (/tv#<token>), no staff sign-in. The token
// stays in the address's #fragment (never sent to a server in a request line or Referer) and goes
// to the feed as a Bearer token; the feed sends the whole board on every change and says when the
// link is revoked, which ends it. A dropped connection is opened again after a pause.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { BoardData } from "../_components/wallboard/board-types.ts";
import { Kiosk } from "../_components/wallboard/kiosk.tsx";
import { readServerEvents } from "../_client/server-events.ts";

type Status = { kind: "connecting" } | { kind: "board"; board: BoardData } | { kind: "revoked" } | { kind: "invalid" } | { kind: "busy" };

const RETRY_MS = 5000;

export default function TvPage() {
  const t = useTranslations("wallboard.tv");
  const [status, setStatus] = useState<Status>({ kind: "connecting" });
  const [rotate, setRotate] = useState(15);

  useEffect(() => {
    const token = window.location.hash.slice(1);
    const seconds = Number(new URLSearchParams(window.location.search).get("rotate"));
    if (seconds >= 5 && seconds <= 300) setRotate(seconds);
    const stop = new AbortController();
    let retry: ReturnType<typeof setTimeout> | null = null;

    async function open() {
      try {
        const res = await fetch("/api/wallboard/feed", { headers: { authorization: `Bearer ${token}` }, signal: stop.signal, cache: "no-store" });
        if (!res.ok || !res.body) {
          const body = (await res.json().catch(() => ({}))) as { reason?: string };
          if (body.reason === "LINK_REVOKED") return setStatus({ kind: "revoked" });
          if (res.status === 404) return setStatus({ kind: "invalid" });
          setStatus((s) => (s.kind === "board" ? s : { kind: "busy" }));
          retry = setTimeout(open, RETRY_MS);
          return;
        }
        let revoked = false;
        await readServerEvents(res.body, (data) => {
          const event = data as { kind: "board"; board: BoardData } | { kind: "revoked" };
          if (event.kind === "revoked") revoked = true;
          setStatus(event.kind === "revoked" ? { kind: "revoked" } : { kind: "board", board: event.board });
        });
        if (revoked) return;
      } catch {
        if (stop.signal.aborted) return;
      }
      retry = setTimeout(open, RETRY_MS);
    }
    void open();
    return () => {
      stop.abort();
      if (retry) clearTimeout(retry);
    };
  }, []);

  if (status.kind === "board") return <Kiosk board={status.board} rotateSeconds={rotate} />;
  const text = { connecting: t("connecting"), revoked: t("revoked"), invalid: t("invalid"), busy: t("busy") }[status.kind];
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-900 p-8 text-center" data-testid="tv-status" data-status={status.kind}>
      <div>
        <p className="text-5xl font-semibold text-white">{text}</p>
        {status.kind === "revoked" && <p className="mt-4 text-2xl text-slate-300">{t("revokedHint")}</p>}
      </div>
    </main>
  );
}
