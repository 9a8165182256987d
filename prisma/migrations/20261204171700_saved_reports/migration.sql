-- CreateEnum
CREATE TYPE "SavedReportKind" AS ENUM ('QUEUES', 'AGENT_TIME');

-- CreateEnum
CREATE TYPE "ReportSchedule" AS ENUM ('NONE', 'DAILY', 'WEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "ReportFileFormat" AS ENUM ('XLSX', 'CSV');

-- CreateTable
CREATE TABLE "SavedReport" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SavedReportKind" NOT NULL,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "schedule" "ReportSchedule" NOT NULL DEFAULT 'NONE',
    "weekday" INTEGER,
    "monthDay" INTEGER,
    "sendHour" INTEGER NOT NULL DEFAULT 7,
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "format" "ReportFileFormat" NOT NULL DEFAULT 'XLSX',
    "lastSentAt" TIMESTAMPTZ(3),
    "nextSendAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedReport_nextSendAt_idx" ON "SavedReport"("nextSendAt");

-- CreateIndex
CREATE UNIQUE INDEX "SavedReport_ownerId_name_key" ON "SavedReport"("ownerId", "name");

-- AddForeignKey
ALTER TABLE "SavedReport" ADD CONSTRAINT "SavedReport_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedReport" ADD CONSTRAINT "SavedReport_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
