"use client";
// Kiosk mode: the board full screen in big type for a TV, its pages (queues, agents) turning every
// few seconds. Time ticks here; the figures change only when the board does.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useNow } from "../../_client/use-now.ts";
import { AgentGrid } from "./agent-grid.tsx";
import { AlarmBanner } from "./alarm-banner.tsx";
import type { BoardData } from "./board-types.ts";
import { QueueTile } from "./queue-tile.tsx";
import { useBoardDates } from "./board-dates.ts";

const QUEUES_PER_PAGE = 6;
const AGENTS_PER_PAGE = 24;

type Page = { kind: "queues"; from: number } | { kind: "agents"; from: number };

export function pagesOf(board: BoardData): Page[] {
  const pages: Page[] = [];
  for (let i = 0; i < Math.max(1, board.queues.length); i += QUEUES_PER_PAGE) pages.push({ kind: "queues", from: i });
  for (let i = 0; i < board.agents.length; i += AGENTS_PER_PAGE) pages.push({ kind: "agents", from: i });
  return pages;
}

export function Kiosk({ board, rotateSeconds = 15, onExit }: { board: BoardData; rotateSeconds?: number; onExit?: () => void }) {
  const t = useTranslations("wallboard");
  const now = useNow();
  const pages = pagesOf(board);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => i + 1), rotateSeconds * 1000);
    return () => clearInterval(timer);
  }, [rotateSeconds]);
  const page = pages[index % pages.length];
  return (
    <div className="fixed inset-0 z-50 flex flex-col overflow-hidden bg-slate-100 p-6" data-testid="kiosk">
      <header className="mb-4 flex items-baseline justify-between">
        <h1 className="text-4xl font-bold text-slate-900">
          {board.organizationName} · {page.kind === "queues" ? t("queues") : t("agents")}
        </h1>
        <div className="flex items-baseline gap-6 text-2xl text-slate-500">
          <span>{t("page", { n: (index % pages.length) + 1, of: pages.length })}</span>
          <Clock now={now} timeZone={board.timezone} />
          {onExit && (
            <button type="button" onClick={onExit} className="rounded-lg bg-white px-3 py-1 text-base text-slate-700 ring-1 ring-slate-300">
              {t("exitKiosk")}
            </button>
          )}
        </div>
      </header>
      <AlarmBanner alarms={board.alarms} timeZone={board.timezone} big />
      {page.kind === "queues" ? (
        <div className="grid flex-1 auto-rows-min grid-cols-3 gap-6">
          {board.queues.slice(page.from, page.from + QUEUES_PER_PAGE).map((q) => (
            <QueueTile key={q.queueId} q={q} now={now} big />
          ))}
          {!board.queues.length && <p className="col-span-3 py-8 text-center text-2xl text-slate-500">{t("noQueues")}</p>}
        </div>
      ) : (
        <AgentGrid agents={board.agents.slice(page.from, page.from + AGENTS_PER_PAGE)} now={now} timeZone={board.timezone} big />
      )}
    </div>
  );
}

function Clock({ now, timeZone }: { now: number; timeZone: string }) {
  return <span className="tabular-nums text-slate-700">{useBoardDates(timeZone).format(now, "time")}</span>;
}
