-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "serviceLevelPercent" INTEGER NOT NULL DEFAULT 80,
ADD COLUMN     "serviceLevelSeconds" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "shortAbandonSeconds" INTEGER NOT NULL DEFAULT 5;

-- CreateTable
CREATE TABLE "QueueCallFact" (
    "interactionId" UUID NOT NULL,
    "queueId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "offeredAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "agentId" UUID,
    "waitSeconds" DOUBLE PRECISION NOT NULL,
    "talkSeconds" DOUBLE PRECISION NOT NULL,
    "answered" BOOLEAN NOT NULL,
    "answeredInSl" BOOLEAN NOT NULL,
    "abandoned" BOOLEAN NOT NULL,
    "abandonedInSl" BOOLEAN NOT NULL,
    "shortAbandon" BOOLEAN NOT NULL,
    "offers" INTEGER NOT NULL,
    "transferred" BOOLEAN NOT NULL,

    CONSTRAINT "QueueCallFact_pkey" PRIMARY KEY ("interactionId","queueId")
);

-- CreateTable
CREATE TABLE "QueueInterval" (
    "organizationId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "queueId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "agentId" UUID NOT NULL,
    "offered" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "answeredInSl" INTEGER NOT NULL,
    "abandoned" INTEGER NOT NULL,
    "abandonedInSl" INTEGER NOT NULL,
    "shortAbandoned" INTEGER NOT NULL,
    "transferred" INTEGER NOT NULL,
    "offers" INTEGER NOT NULL,
    "waitSeconds" DOUBLE PRECISION NOT NULL,
    "waitMax" DOUBLE PRECISION NOT NULL,
    "answeredWaitSeconds" DOUBLE PRECISION NOT NULL,
    "talkSeconds" DOUBLE PRECISION NOT NULL,
    "talkMax" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "QueueInterval_pkey" PRIMARY KEY ("organizationId","bucket","queueId","channel","agentId")
);

-- CreateIndex
CREATE INDEX "QueueCallFact_organizationId_bucket_idx" ON "QueueCallFact"("organizationId", "bucket");

-- CreateIndex
CREATE INDEX "QueueCallFact_organizationId_agentId_bucket_idx" ON "QueueCallFact"("organizationId", "agentId", "bucket");

-- CreateIndex
CREATE INDEX "QueueInterval_organizationId_queueId_bucket_idx" ON "QueueInterval"("organizationId", "queueId", "bucket");

-- AddForeignKey
ALTER TABLE "QueueCallFact" ADD CONSTRAINT "QueueCallFact_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
