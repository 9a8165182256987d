-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "slaBreached" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "slaDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaFirstRespondedAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaFirstResponseDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaHeldAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaResolutionDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaWarnAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "sla" JSONB NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "Case_organizationId_slaDueAt_idx" ON "Case"("organizationId", "slaDueAt");
