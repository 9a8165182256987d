-- AlterTable
ALTER TABLE "SmsOptOut" ADD COLUMN     "createdById" UUID,
ADD COLUMN     "note" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "SmsOptOut_organizationId_createdAt_idx" ON "SmsOptOut"("organizationId", "createdAt");
