-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "mediaLeaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "mediaNodeId" TEXT;

-- CreateIndex
CREATE INDEX "Call_mediaNodeId_idx" ON "Call"("mediaNodeId");
