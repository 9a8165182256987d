-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isOperator" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Job" (
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "everyMs" INTEGER NOT NULL,
    "holder" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "nextRunAt" TIMESTAMPTZ(3),
    "lastStartedAt" TIMESTAMPTZ(3),
    "lastFinishedAt" TIMESTAMPTZ(3),
    "lastDurationMs" INTEGER,
    "lastError" TEXT,
    "lastFailedAt" TIMESTAMPTZ(3),
    "runs" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("name")
);
