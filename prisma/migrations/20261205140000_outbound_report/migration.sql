-- AlterEnum
ALTER TYPE "SavedReportKind" ADD VALUE 'OUTBOUND';

-- CreateTable
CREATE TABLE "OutboundCallFact" (
    "interactionId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "placedAt" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "campaignId" UUID,
    "queueId" UUID,
    "agentId" UUID,
    "number" TEXT NOT NULL DEFAULT '',
    "result" TEXT NOT NULL,
    "sipCode" INTEGER,
    "ringSeconds" DOUBLE PRECISION NOT NULL,
    "talkSeconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "OutboundCallFact_pkey" PRIMARY KEY ("interactionId")
);

-- CreateTable
CREATE TABLE "OutboundInterval" (
    "organizationId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "queueId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "machine" INTEGER NOT NULL,
    "abandoned" INTEGER NOT NULL,
    "busy" INTEGER NOT NULL,
    "noAnswer" INTEGER NOT NULL,
    "invalidNumber" INTEGER NOT NULL,
    "networkError" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "ringSeconds" DOUBLE PRECISION NOT NULL,
    "answeredRingSeconds" DOUBLE PRECISION NOT NULL,
    "talkSeconds" DOUBLE PRECISION NOT NULL,
    "talkMax" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "OutboundInterval_pkey" PRIMARY KEY ("organizationId","bucket","queueId","agentId","campaignId","kind")
);

-- CreateIndex
CREATE INDEX "OutboundCallFact_organizationId_bucket_idx" ON "OutboundCallFact"("organizationId", "bucket");

-- AddForeignKey
ALTER TABLE "OutboundCallFact" ADD CONSTRAINT "OutboundCallFact_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
