-- AlterTable
ALTER TABLE "QueueMember" ADD COLUMN     "viaTeam" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "QueueTeam" (
    "queueId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueueTeam_pkey" PRIMARY KEY ("queueId","teamId")
);

-- CreateIndex
CREATE INDEX "QueueTeam_teamId_idx" ON "QueueTeam"("teamId");

-- AddForeignKey
ALTER TABLE "QueueTeam" ADD CONSTRAINT "QueueTeam_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueTeam" ADD CONSTRAINT "QueueTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
