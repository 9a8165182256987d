-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "contentHash" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "EmailMessage_organizationId_contentHash_idx" ON "EmailMessage"("organizationId", "contentHash");
