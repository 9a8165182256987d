// The Job table: one row per named job, shared by every node. Every decision about who runs an
// exclusive job is one conditional UPDATE evaluated on the database's clock, so two nodes never
// both win and nodes with skewed clocks still agree.
import type { Database } from "../db/database.ts";
import type { JobKind } from "./schedule.ts";

export interface JobClock {
  nextRunAt: Date | null;
  leaseUntil: Date | null;
  holder: string | null;
  dbNow: Date;
}

const ms = (param: string) => `(${param}::int * interval '1 millisecond')`;

export class JobStore {
  constructor(private readonly db: Pick<Database, "rawQuery">) {}

  /**
   * Creates the row, or updates its schedule. A run already planned stays planned, but no later
   * than `firstDelayMs` from now (a restarted cluster does not wait out an old schedule).
   */
  async register(name: string, kind: JobKind, everyMs: number, firstDelayMs: number) {
    await this.db.rawQuery(
      `insert into "Job" ("name", "kind", "everyMs", "nextRunAt") values ($1, $2, $3, now() + ${ms("$4")})
       on conflict ("name") do update set "kind" = excluded."kind", "everyMs" = excluded."everyMs",
         "nextRunAt" = least(coalesce("Job"."nextRunAt", excluded."nextRunAt"), excluded."nextRunAt")`,
      [name, kind, everyMs, firstDelayMs],
    );
  }

  /**
   * Claims the next run of an exclusive job for `holder`: only when it is due (or `force`, a run
   * asked for now) and nobody's claim is still in force. The claim lasts `leaseMs` unless renewed.
   */
  async claim(name: string, holder: string, o: { leaseMs: number; everyMs: number; force: boolean }): Promise<boolean> {
    const rows = await this.db.rawQuery(
      `update "Job" set "holder" = $2, "leaseUntil" = now() + ${ms("$3")}, "lastStartedAt" = now(), "nextRunAt" = now() + ${ms("$4")}
       where "name" = $1 and ("leaseUntil" is null or "leaseUntil" < now())
         and ($5::boolean or "nextRunAt" is null or "nextRunAt" <= now())
       returning "name"`,
      [name, holder, o.leaseMs, o.everyMs, o.force],
    );
    return rows.length === 1;
  }

  /** A shared job starts a run on this node (others may be running it too). */
  async startShared(name: string, holder: string, everyMs: number) {
    await this.db.rawQuery(`update "Job" set "holder" = $2, "lastStartedAt" = now(), "nextRunAt" = now() + ${ms("$3")} where "name" = $1`, [
      name,
      holder,
      everyMs,
    ]);
  }

  /** Extends this holder's claim; false when it was lost (taken over after it ran out). */
  async renew(name: string, holder: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.rawQuery(
      `update "Job" set "leaseUntil" = now() + ${ms("$3")} where "name" = $1 and "holder" = $2 and "leaseUntil" is not null returning "name"`,
      [name, holder, leaseMs],
    );
    return rows.length === 1;
  }

  /** Records a finished run and gives up this holder's claim. */
  async finish(name: string, holder: string, durationMs: number, error: string | null) {
    await this.db.rawQuery(
      `update "Job" set
         "leaseUntil" = case when "holder" = $2 then null else "leaseUntil" end,
         "lastFinishedAt" = now(), "lastDurationMs" = $3, "runs" = "runs" + 1,
         "failures" = "failures" + case when $4::text is null then 0 else 1 end,
         "lastError" = coalesce($4::text, "lastError"),
         "lastFailedAt" = case when $4::text is null then "lastFailedAt" else now() end
       where "name" = $1`,
      [name, holder, durationMs, error],
    );
  }

  async clock(name: string): Promise<JobClock | null> {
    const rows = await this.db.rawQuery<JobClock>(`select "nextRunAt", "leaseUntil", "holder", now() as "dbNow" from "Job" where "name" = $1`, [name]);
    return rows[0] ?? null;
  }

  /** A stopping node gives up every claim it holds, so others take over at once. */
  async releaseAll(holder: string) {
    await this.db.rawQuery(`update "Job" set "leaseUntil" = null where "holder" = $1 and "leaseUntil" is not null`, [holder]);
  }
}
