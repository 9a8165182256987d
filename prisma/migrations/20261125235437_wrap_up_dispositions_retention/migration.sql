-- AlterEnum
ALTER TYPE "AgentState" ADD VALUE 'WRAP_UP';

-- AlterEnum
ALTER TYPE "RecordingPolicy" ADD VALUE 'LISTED';

-- AlterEnum
ALTER TYPE "RecordingState" ADD VALUE 'DELETED';

-- AlterTable
ALTER TABLE "AgentPresence" ADD COLUMN     "wrapUpUntil" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Interaction" ADD COLUMN     "dispositionCodeId" UUID,
ADD COLUMN     "dispositionNote" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "recordingRetentionDays" INTEGER;

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "recordNumbers" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "recordingRetentionDays" INTEGER,
ADD COLUMN     "requireDisposition" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "wrapUpSeconds" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Recording" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "DispositionCode" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DispositionCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DispositionCode_organizationId_name_key" ON "DispositionCode"("organizationId", "name");

-- CreateIndex
CREATE INDEX "Recording_state_startedAt_idx" ON "Recording"("state", "startedAt");

-- AddForeignKey
ALTER TABLE "DispositionCode" ADD CONSTRAINT "DispositionCode_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_dispositionCodeId_fkey" FOREIGN KEY ("dispositionCodeId") REFERENCES "DispositionCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;
