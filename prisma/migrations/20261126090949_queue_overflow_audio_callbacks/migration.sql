-- CreateEnum
CREATE TYPE "OverflowAction" AS ENUM ('QUEUE', 'VOICEMAIL', 'CALLBACK');

-- CreateEnum
CREATE TYPE "AudioKind" AS ENUM ('PROMPT', 'MUSIC');

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "callbackRetries" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "callbackRetryMinutes" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "musicOnHoldId" UUID,
ADD COLUMN     "overflowAction" "OverflowAction" NOT NULL DEFAULT 'QUEUE',
ADD COLUMN     "voicemailEmail" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "QueueItem" ADD COLUMN     "notBefore" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "AudioFile" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AudioKind" NOT NULL,
    "alaw" BYTEA NOT NULL,
    "opus" BYTEA NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "originalName" TEXT NOT NULL,
    "originalBytes" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AudioFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AudioFile_organizationId_name_key" ON "AudioFile"("organizationId", "name");

-- AddForeignKey
ALTER TABLE "Queue" ADD CONSTRAINT "Queue_musicOnHoldId_fkey" FOREIGN KEY ("musicOnHoldId") REFERENCES "AudioFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AudioFile" ADD CONSTRAINT "AudioFile_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Reports (IVR paths and where callers gave up) for those who run the floor: the built-in
-- MANAGER and SUPERVISOR roles get them (ADMIN has every permission but agents.work).
UPDATE "Role" SET "permissions" = array_append("permissions", 'reports.read')
  WHERE "key" IN ('ADMIN', 'MANAGER', 'SUPERVISOR') AND NOT ('reports.read' = ANY("permissions"));
