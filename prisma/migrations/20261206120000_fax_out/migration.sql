-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "FaxState" ADD VALUE 'QUEUED';
ALTER TYPE "FaxState" ADD VALUE 'SENT';

-- AlterTable
ALTER TABLE "FaxMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cover" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "documentIds" UUID[],
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3),
ADD COLUMN     "sentAt" TIMESTAMPTZ(3),
ADD COLUMN     "trunkId" UUID;

-- CreateIndex
CREATE INDEX "FaxMessage_state_nextAttemptAt_idx" ON "FaxMessage"("state", "nextAttemptAt");
