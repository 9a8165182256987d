-- CreateEnum
CREATE TYPE "RecordingPolicy" AS ENUM ('NONE', 'ALL', 'INBOUND', 'OUTBOUND', 'ON_DEMAND');

-- CreateEnum
CREATE TYPE "RecordingState" AS ENUM ('RECORDING', 'PROCESSING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "recordingPolicy" "RecordingPolicy" NOT NULL DEFAULT 'NONE';

-- CreateTable
CREATE TABLE "Recording" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "queueId" UUID,
    "agentId" UUID,
    "customer" TEXT NOT NULL DEFAULT '',
    "state" "RecordingState" NOT NULL DEFAULT 'RECORDING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "durationSeconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "pauses" JSONB NOT NULL DEFAULT '[]',
    "storageKey" TEXT NOT NULL DEFAULT '',
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "channels" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Recording_callId_key" ON "Recording"("callId");

-- CreateIndex
CREATE INDEX "Recording_organizationId_startedAt_idx" ON "Recording"("organizationId", "startedAt");

-- CreateIndex
CREATE INDEX "Recording_organizationId_agentId_startedAt_idx" ON "Recording"("organizationId", "agentId", "startedAt");

-- CreateIndex
CREATE INDEX "Recording_organizationId_queueId_startedAt_idx" ON "Recording"("organizationId", "queueId", "startedAt");

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Built-in roles that watch agents may listen to recordings (admins change roles as they wish).
UPDATE "Role" SET "permissions" = array_append("permissions", 'recordings.listen')
WHERE "key" IN ('ADMIN', 'MANAGER', 'SUPERVISOR') AND NOT ('recordings.listen' = ANY("permissions"));
