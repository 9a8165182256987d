"use client";
// The installation's background jobs (lib/jobs/): what runs, where, how often, and how it went.
// Installation-wide, so only operators (system.jobs) see it, whatever organisation they are in.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Loading, PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { type ApiError, apiError } from "../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { NoAccess } from "../../no-access.tsx";
import { scheduleParts } from "./schedule-words.ts";

const JobsQuery = graphql(`
  query BackgroundJobs {
    backgroundJobs {
      name
      kind
      everyMs
      holder
      running
      nextRunAt
      lastStartedAt
      lastFinishedAt
      lastDurationMs
      lastError
      lastFailedAt
      runs
      failures
    }
  }
`);
const RunJob = graphql(`
  mutation RunBackgroundJob($name: ID!) {
    runBackgroundJob(name: $name) {
      name
      nextRunAt
    }
  }
`);
type Job = ResultOf<typeof JobsQuery>["backgroundJobs"][number];

const REFRESH_MS = 3000;

export default function BackgroundJobsPage() {
  const t = useTranslations("admin.jobs");
  const allowed = useCan()("system.jobs");
  const [{ data }, refetch] = useQuery({ query: JobsQuery, pause: !allowed, requestPolicy: "cache-and-network" });
  const [running, run] = useMutation(RunJob);
  const [error, setError] = useState<ApiError | null>(null);
  const errors = useErrorText();
  useEffect(() => {
    if (!allowed) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [allowed, refetch]);
  if (!allowed) return <NoAccess />;
  const runNow = async (name: string) => {
    setError(apiError((await run({ name })).error));
    // The worker runs it at once: show the new run as soon as it is recorded.
    setTimeout(() => refetch({ requestPolicy: "network-only" }), 500);
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {error && (
        <div className="mb-4">
          <Notice tone="error">{errors.message(error)}</Notice>
        </div>
      )}
      {!data ? (
        <Loading label={t("loading")} />
      ) : (
        <Table label={t("title")} head={[t("job"), t("schedule"), t("lastRun"), t("nextRun"), t("runs"), t("lastError"), t("node"), ""]}>
          {data.backgroundJobs.map((job) => (
            <JobRow key={job.name} job={job} busy={running.fetching && running.operation?.variables.name === job.name} onRun={() => runNow(job.name)} />
          ))}
        </Table>
      )}
    </>
  );
}

function JobRow({ job, busy, onRun }: { job: Job; busy: boolean; onRun: () => void }) {
  const t = useTranslations("admin.jobs");
  const dates = useDates();
  const when = (iso: unknown) => (iso ? dates.format(String(iso), "dateTimeSeconds") : "—");
  const named = t.has(`names.${job.name}`);
  const every = scheduleParts(job.everyMs);
  const failedLast = !!job.lastFailedAt && job.lastFailedAt === job.lastFinishedAt;
  return (
    <tr data-testid={`job-${job.name}`}>
      <Td>
        <span className="font-medium text-slate-800">{named ? t(`names.${job.name}`) : job.name}</span>
        <span className="block font-mono text-xs text-slate-500">{job.name}</span>
      </Td>
      <Td className="whitespace-nowrap">
        {t(`every.${every.unit}`, { count: every.count })}
        <span className="block text-xs text-slate-500">{t(`kinds.${job.kind}`)}</span>
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        {when(job.lastStartedAt)}
        {job.lastDurationMs !== null && (
          <span className={`block text-xs ${failedLast ? "text-red-700" : "text-slate-500"}`}>
            {t(failedLast ? "failedAfter" : "tookMs", { ms: job.lastDurationMs })}
          </span>
        )}
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        {job.running ? <span className="font-medium text-brand-700">{t("runningNow")}</span> : when(job.nextRunAt)}
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        {t("runsCount", { runs: job.runs })}
        <span className={`block text-xs ${job.failures ? "text-red-700" : "text-slate-500"}`}>{t("failuresCount", { failures: job.failures })}</span>
      </Td>
      <Td className="max-w-xs text-xs">
        {job.lastError ? (
          <>
            <span className="break-words text-red-700">{job.lastError}</span>
            <span className="block text-slate-500">{when(job.lastFailedAt)}</span>
          </>
        ) : (
          <span className="text-slate-500">{t("noErrors")}</span>
        )}
      </Td>
      <Td className="font-mono text-xs text-slate-600">{job.holder ?? "—"}</Td>
      <Td className="text-right whitespace-nowrap">
        <Button size="sm" variant="ghost" busy={busy} onClick={onRun} aria-label={t("runNowNamed", { job: named ? t(`names.${job.name}`) : job.name })}>
          {t("runNow")}
        </Button>
      </Td>
    </tr>
  );
}
