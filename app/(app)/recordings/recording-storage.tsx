"use client";
// The recordings disk as admins and listeners see it: a red banner when it is nearly full (on the
// Recordings page and across the admin area), and on the Recordings page a bar of free and used space.
import { useFormatter, useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Notice } from "../../_components/notice.tsx";
import { Card } from "../../_components/page.tsx";
import { graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";

const StorageQuery = graphql(`
  query RecordingStorage {
    recordingStorage {
      freeBytes
      totalBytes
      thresholdBytes
      low
      critical
    }
  }
`);

function useStorage() {
  const can = useCan();
  const allowed = can("recordings.listen", "queues.manage");
  const [{ data }] = useQuery({ query: StorageQuery, pause: !allowed, requestPolicy: "cache-and-network" });
  return allowed ? (data?.recordingStorage ?? null) : null;
}

function useBytes() {
  const format = useFormatter();
  return (bytes: number) => {
    const gb = bytes / 1024 ** 3;
    return gb >= 1
      ? format.number(gb, { style: "unit", unit: "gigabyte", maximumFractionDigits: 1 })
      : format.number(bytes / 1024 ** 2, { style: "unit", unit: "megabyte", maximumFractionDigits: 0 });
  };
}

type Storage = NonNullable<ReturnType<typeof useStorage>>;

function Alarm({ s }: { s: Storage }) {
  const t = useTranslations("recordings.storage");
  const bytes = useBytes();
  const figures = { free: bytes(s.freeBytes), threshold: bytes(s.thresholdBytes), half: bytes(s.thresholdBytes / 2) };
  return (
    <div className="mb-6" data-testid="recording-storage-alarm">
      <Notice tone="error">
        <p className="font-semibold">{t("lowTitle")}</p>
        <p>{s.critical ? t("critical", figures) : t("low", figures)}</p>
      </Notice>
    </div>
  );
}

/** Only when the disk is low: for the admin area. */
export function RecordingStorageBanner() {
  const s = useStorage();
  return s?.low ? <Alarm s={s} /> : null;
}

/** The alarm (when low) and a bar of the disk's free and used space: for the Recordings page. */
export function RecordingStorageCard() {
  const t = useTranslations("recordings.storage");
  const bytes = useBytes();
  const s = useStorage();
  if (!s) return null;
  const used = s.totalBytes > 0 ? Math.min(100, Math.max(0, ((s.totalBytes - s.freeBytes) / s.totalBytes) * 100)) : 0;
  const mark = s.totalBytes > 0 ? Math.min(100, ((s.totalBytes - s.thresholdBytes) / s.totalBytes) * 100) : 100;
  return (
    <>
      {s.low && <Alarm s={s} />}
      <Card className="mb-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
          <span className="font-medium text-slate-800">{t("title")}</span>
          <span className={s.low ? "font-medium text-red-700" : "text-slate-600"} data-testid="recording-storage-free">
            {t("usage", { free: bytes(s.freeBytes), total: bytes(s.totalBytes) })}
          </span>
        </div>
        <div
          className="relative h-3 overflow-hidden rounded-full bg-emerald-100"
          role="meter"
          aria-label={t("bar")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(used)}
        >
          <div className={`h-full ${s.low ? "bg-red-500" : "bg-slate-400"}`} style={{ width: `${used}%` }} />
          <div className="absolute inset-y-0 w-0.5 bg-red-700" style={{ left: `${mark}%` }} aria-hidden />
        </div>
        <p className="mt-1 text-xs text-slate-500">{t("minimum", { threshold: bytes(s.thresholdBytes) })}</p>
      </Card>
    </>
  );
}
