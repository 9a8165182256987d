"use client";
// A trunk's registration as a coloured badge, and the red banner across the admin area while an
// active trunk cannot register (like the recordings disk alarm). Both re-read every few seconds:
// the media role changes the status without anyone here doing anything.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Notice } from "../../../_components/notice.tsx";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useNow } from "../../../_client/use-now.ts";
import { useRefetchOn } from "../../../_client/use-refetch-on.ts";

export const STATUS_POLL_MS = 5000;

/** Re-reads a query every few seconds while the page is open. */
export function usePoll(refetch: (opts: { requestPolicy: "network-only" }) => void, enabled = true) {
  const tick = useNow(STATUS_POLL_MS);
  useRefetchOn(enabled ? tick : null, () => refetch({ requestPolicy: "network-only" }), STATUS_POLL_MS);
}

type Status = "OFF" | "REGISTERING" | "REGISTERED" | "FAILED";
const TONES: Record<Status, string> = {
  REGISTERED: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  REGISTERING: "bg-amber-100 text-amber-900 ring-amber-200",
  FAILED: "bg-red-100 text-red-800 ring-red-200",
  OFF: "bg-slate-100 text-slate-600 ring-slate-200",
};
const DOTS: Record<Status, string> = { REGISTERED: "bg-emerald-500", REGISTERING: "bg-amber-500", FAILED: "bg-red-500", OFF: "bg-slate-400" };

type Problem = "AUTH_REFUSED";

export function TrunkStatusBadge({
  trunk,
}: {
  trunk: { status: Status; statusDetail: string; statusProblem?: Problem | null; statusAt: unknown; active: boolean; register: boolean };
}) {
  const t = useTranslations("admin.telephony.trunks");
  const format = useFormatter();
  const status: Status = trunk.active && trunk.register ? trunk.status : "OFF";
  const note = !trunk.active ? t("inactive") : !trunk.register ? t("noRegister") : null;
  return (
    <div className="space-y-0.5" data-testid="trunk-status" data-status={status}>
      <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}>
        <span className={`size-1.5 rounded-full ${DOTS[status]}`} aria-hidden />
        {t(`statusValue.${status}`)}
      </span>
      {note && <p className="text-xs text-slate-500">{note}</p>}
      {status === "FAILED" && (trunk.statusProblem || trunk.statusDetail) && (
        <p className="text-xs text-red-700" title={trunk.statusDetail}>
          {trunk.statusProblem ? t(`problem.${trunk.statusProblem}`) : trunk.statusDetail}
        </p>
      )}
      {status !== "OFF" && trunk.statusAt ? <p className="text-xs text-slate-500">{t("since", { time: format.relativeTime(new Date(String(trunk.statusAt))) })}</p> : null}
    </div>
  );
}

const AlarmsQuery = graphql(`
  query TelephonyAlarms {
    telephonyAlarms {
      id
      name
      statusDetail
      statusProblem
    }
  }
`);

/** Only while a trunk fails to register: for the admin area. */
export function TelephonyAlarmBanner() {
  const t = useTranslations("admin.telephony.alarm");
  const allowed = useCan()("telephony.manage");
  const [{ data }, refetch] = useQuery({ query: AlarmsQuery, pause: !allowed, requestPolicy: "cache-and-network" });
  usePoll(refetch, allowed);
  const alarms = allowed ? (data?.telephonyAlarms ?? []) : [];
  if (!alarms.length) return null;
  return (
    <div className="mb-6" data-testid="telephony-alarm">
      <Notice tone="error">
        <p className="font-semibold">{t("title", { count: alarms.length })}</p>
        <ul className="mt-1 list-disc pl-5">
          {alarms.map((a) => (
            <li key={a.id}>{t("trunk", { name: a.name, detail: a.statusProblem ? t(`problem.${a.statusProblem}`) : a.statusDetail || t("noDetail") })}</li>
          ))}
        </ul>
        <p className="mt-1">
          {t("explain")}{" "}
          <Link href="/admin/telephony" className="font-medium underline">
            {t("open")}
          </Link>
        </p>
      </Notice>
    </div>
  );
}
