import { z } from "zod";
import { listBackgroundJobs, requestJobRun } from "../../domain/jobs/background-jobs.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const JobKindEnum = builder.enumType("BackgroundJobKind", {
  values: ["EXCLUSIVE", "SHARED"] as const,
  description: "EXCLUSIVE: one node of the cluster at a time, under a lease. SHARED: every worker node.",
});

builder.prismaObject("Job", {
  name: "BackgroundJob",
  description: "A named periodic job of the installation (not of one organisation): operators only.",
  authScopes: { permission: "system.jobs" },
  fields: (t) => ({
    name: t.exposeID("name", { description: "Dotted and stable, e.g. agents.end_wrap_ups." }),
    kind: t.field({ type: JobKindEnum, select: { kind: true }, resolve: (j) => (j.kind === "SHARED" ? "SHARED" : "EXCLUSIVE") }),
    everyMs: t.exposeInt("everyMs"),
    holder: t.exposeString("holder", { nullable: true, description: "The node that holds the job's lease now, or last held it." }),
    running: t.boolean({
      description: "An exclusive job's lease is in force: a node is running it now.",
      select: { leaseUntil: true },
      resolve: (j) => !!j.leaseUntil && j.leaseUntil.getTime() > Date.now(),
    }),
    leaseUntil: t.expose("leaseUntil", { type: "DateTime", nullable: true }),
    nextRunAt: t.expose("nextRunAt", { type: "DateTime", nullable: true }),
    lastStartedAt: t.expose("lastStartedAt", { type: "DateTime", nullable: true }),
    lastFinishedAt: t.expose("lastFinishedAt", { type: "DateTime", nullable: true }),
    lastDurationMs: t.exposeInt("lastDurationMs", { nullable: true }),
    lastError: t.exposeString("lastError", { nullable: true }),
    lastFailedAt: t.expose("lastFailedAt", { type: "DateTime", nullable: true }),
    runs: t.exposeInt("runs"),
    failures: t.exposeInt("failures"),
  }),
});

builder.queryField("backgroundJobs", (t) =>
  t.prismaField({
    type: ["Job"],
    description: "The installation's background jobs: schedule, last and next run, failures. Operators only.",
    authScopes: { permission: "system.jobs" },
    resolve: async (query, _root, _args, ctx) => {
      const jobs = await listBackgroundJobs(viewerOf(ctx), ctx.app.deps);
      return ctx.app.db.prisma.job.findMany({ ...query, where: { name: { in: jobs.map((j) => j.name) } }, orderBy: { name: "asc" } });
    },
  }),
);

builder.mutationField("runBackgroundJob", (t) =>
  t.prismaField({
    type: "Job",
    description: "Makes the job due now; a worker node runs it at once. Audit-logged. Operators only.",
    authScopes: { permission: "system.jobs" },
    args: { name: t.arg.id({ required: true, validate: z.string().min(1).max(100) }) },
    resolve: async (query, _root, { name }, ctx) => {
      const job = await requestJobRun(viewerOf(ctx), String(name), ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.job.findUniqueOrThrow({ ...query, where: { name: job.name } });
    },
  }),
);
