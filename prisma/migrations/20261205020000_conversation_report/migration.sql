-- CreateTable
CREATE TABLE "ConversationFact" (
    "interactionId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "web" BOOLEAN NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "arrivedAt" TIMESTAMPTZ(3) NOT NULL,
    "queueId" UUID,
    "agentId" UUID,
    "answered" BOOLEAN NOT NULL,
    "firstResponseSeconds" DOUBLE PRECISION,
    "firstResponseTargetSeconds" DOUBLE PRECISION,
    "firstResponseInTarget" BOOLEAN NOT NULL,
    "handlingSeconds" DOUBLE PRECISION NOT NULL,
    "resolutionSeconds" DOUBLE PRECISION,
    "messagesFromContact" INTEGER NOT NULL,
    "messagesFromAgents" INTEGER NOT NULL,
    "rating" INTEGER,

    CONSTRAINT "ConversationFact_pkey" PRIMARY KEY ("interactionId")
);

-- CreateTable
CREATE TABLE "ConversationInterval" (
    "organizationId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "queueId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "web" BOOLEAN NOT NULL,
    "agentId" UUID NOT NULL,
    "conversations" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "responded" INTEGER NOT NULL,
    "firstResponseSeconds" DOUBLE PRECISION NOT NULL,
    "firstResponseMax" DOUBLE PRECISION NOT NULL,
    "withTarget" INTEGER NOT NULL,
    "inTarget" INTEGER NOT NULL,
    "handled" INTEGER NOT NULL,
    "handlingSeconds" DOUBLE PRECISION NOT NULL,
    "resolved" INTEGER NOT NULL,
    "resolutionSeconds" DOUBLE PRECISION NOT NULL,
    "messagesFromContact" INTEGER NOT NULL,
    "messagesFromAgents" INTEGER NOT NULL,
    "rated" INTEGER NOT NULL,
    "ratingSum" INTEGER NOT NULL,
    "rating1" INTEGER NOT NULL,
    "rating2" INTEGER NOT NULL,
    "rating3" INTEGER NOT NULL,
    "rating4" INTEGER NOT NULL,
    "rating5" INTEGER NOT NULL,

    CONSTRAINT "ConversationInterval_pkey" PRIMARY KEY ("organizationId","bucket","queueId","channel","web","agentId")
);

-- CreateIndex
CREATE INDEX "ConversationFact_organizationId_bucket_idx" ON "ConversationFact"("organizationId", "bucket");

-- CreateIndex
CREATE INDEX "ConversationFact_caseId_idx" ON "ConversationFact"("caseId");

-- AddForeignKey
ALTER TABLE "ConversationFact" ADD CONSTRAINT "ConversationFact_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
