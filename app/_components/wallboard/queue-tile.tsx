"use client";
// One queue on the wall-board: now (waiting, longest wait ticking, agents by state) and today
// (offered, answered, abandoned, service level against its target, ASA, AHT), coloured by the
// queue's own thresholds (Admin → Queues → Wall-board).
import { useFormatter, useTranslations } from "next-intl";
import { type Colour, colourAbove, readBoardSettings, serviceLevelColour } from "../../../domain/wallboard/board-settings.ts";
import { formatDuration } from "../../_client/use-now.ts";
import type { QueueTileData } from "./board-types.ts";

const TONE: Record<Colour, string> = {
  GREEN: "text-emerald-700",
  AMBER: "text-amber-600",
  RED: "text-red-600",
};
const RING: Record<Colour, string> = { GREEN: "ring-slate-200", AMBER: "ring-amber-400", RED: "ring-red-500" };
const worst = (...cs: Colour[]): Colour => (cs.includes("RED") ? "RED" : cs.includes("AMBER") ? "AMBER" : "GREEN");

export function QueueTile({ q, now, big = false }: { q: QueueTileData; now: number; big?: boolean }) {
  const t = useTranslations("wallboard");
  const f = useFormatter();
  const s = readBoardSettings(q.settings);
  const waitMs = q.longestWaitingSince ? now - Date.parse(q.longestWaitingSince) : 0;
  const colours = {
    waiting: colourAbove(q.waiting, s.waiting),
    longest: colourAbove(Math.floor(waitMs / 1000), s.longestWait),
    sl: serviceLevelColour(q.today.serviceLevel, s, q.serviceLevelPercent),
  };
  const pct = (v: number | null) => (v === null ? "—" : f.number(v / 100, { style: "percent", maximumFractionDigits: 0 }));
  const secs = (v: number | null) => (v === null ? "—" : formatDuration(v * 1000));
  const headline = big ? "text-5xl" : "text-4xl";
  const label = big ? "text-lg" : "text-xs";
  const figure = big ? "text-3xl" : "text-lg";
  return (
    <section
      className={`rounded-xl bg-white p-4 shadow-sm ring-2 ${RING[worst(colours.waiting, colours.longest, colours.sl)]}`}
      data-testid={`tile-${q.name}`}
      aria-label={q.name}
    >
      <h2 className={`truncate font-semibold text-slate-900 ${big ? "text-3xl" : "text-lg"}`}>{q.name}</h2>
      <div className="mt-3 grid grid-cols-3 gap-3">
        <Big label={t("waiting")} labelClass={label} className={`${headline} ${TONE[colours.waiting]}`} testId="waiting" value={String(q.waiting)} />
        <Big
          label={t("longestWait")}
          labelClass={label}
          className={`${headline} ${TONE[colours.longest]}`}
          testId="longest-wait"
          value={q.longestWaitingSince ? formatDuration(waitMs) : "—"}
        />
        <Big
          label={t("serviceLevel", { seconds: q.serviceLevelSeconds })}
          title={t("serviceLevelHint", { seconds: q.serviceLevelSeconds, percent: q.serviceLevelPercent })}
          labelClass={label}
          className={`${headline} ${TONE[colours.sl]}`}
          testId="service-level"
          value={pct(q.today.serviceLevel)}
        />
      </div>
      <dl className={`mt-4 grid grid-cols-4 gap-2 ${figure}`}>
        <Small label={t("ready")} value={q.agentsReady} testId="ready" labelClass={label} />
        <Small label={t("busy")} value={q.agentsBusy} testId="busy" labelClass={label} />
        <Small label={t("wrapUp")} value={q.agentsWrapUp} testId="wrap-up" labelClass={label} />
        <Small label={t("paused")} value={q.agentsPaused} testId="paused" labelClass={label} />
        <Small label={t("offered")} value={q.today.offered} testId="offered" labelClass={label} title={t("offeredHint")} />
        <Small label={t("answered")} value={q.today.answered} testId="answered" labelClass={label} />
        <Small label={t("abandoned")} value={q.today.abandoned} testId="abandoned" labelClass={label} />
        <Small label={t("abandonRate")} value={pct(q.today.abandonRate)} testId="abandon-rate" labelClass={label} title={t("abandonRateHint")} />
        <Small label={t("asa")} value={secs(q.today.asaSeconds)} testId="asa" labelClass={label} title={t("asaHint")} />
        <Small label={t("aht")} value={secs(q.today.ahtSeconds)} testId="aht" labelClass={label} title={t("ahtHint")} />
        <Small label={t("signedIn")} value={q.agentsSignedIn} testId="signed-in" labelClass={label} />
      </dl>
    </section>
  );
}

function Big({
  label,
  value,
  className,
  labelClass,
  testId,
  title,
}: {
  label: string;
  value: string;
  className: string;
  labelClass: string;
  testId: string;
  title?: string;
}) {
  return (
    <div title={title}>
      <div className={`font-semibold tabular-nums leading-none ${className}`} data-testid={testId}>
        {value}
      </div>
      <div className={`mt-1 text-slate-500 ${labelClass}`}>{label}</div>
    </div>
  );
}

function Small({ label, value, testId, labelClass, title }: { label: string; value: number | string; testId: string; labelClass: string; title?: string }) {
  return (
    <div title={title}>
      <dt className={`text-slate-500 ${labelClass}`}>{label}</dt>
      <dd className="font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
