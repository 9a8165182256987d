-- CreateEnum
CREATE TYPE "DispositionKind" AS ENUM ('REACHED', 'RETRY', 'FAILED');

-- CreateEnum
CREATE TYPE "CampaignMode" AS ENUM ('PREVIEW', 'PROGRESSIVE', 'PREDICTIVE');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'RUNNING', 'PAUSED', 'STOPPED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "MachineAction" AS ENUM ('HANG_UP', 'MESSAGE', 'AGENT');

-- CreateEnum
CREATE TYPE "CampaignContactState" AS ENUM ('WAITING', 'DIALLING', 'IN_CALL', 'DONE');

-- CreateEnum
CREATE TYPE "CampaignContactDone" AS ENUM ('REACHED', 'FAILED', 'DO_NOT_CALL', 'INVALID_NUMBER', 'EXHAUSTED', 'NO_WINDOW', 'STOPPED');

-- CreateEnum
CREATE TYPE "CampaignOutcome" AS ENUM ('REACHED', 'RETRY', 'FINAL', 'DO_NOT_CALL', 'CALLBACK', 'BUSY', 'NO_ANSWER', 'MACHINE', 'ABANDONED', 'NETWORK_ERROR', 'INVALID_NUMBER');

-- AlterTable
ALTER TABLE "DispositionCode" ADD COLUMN     "kind" "DispositionKind";

-- CreateTable
CREATE TABLE "Campaign" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "mode" "CampaignMode" NOT NULL DEFAULT 'PROGRESSIVE',
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "queueId" UUID NOT NULL,
    "trunkId" UUID,
    "callerId" TEXT NOT NULL DEFAULT '',
    "callingHours" JSONB NOT NULL DEFAULT '{}',
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "retryMinutes" JSONB NOT NULL DEFAULT '{}',
    "lineLimit" INTEGER NOT NULL DEFAULT 10,
    "ringSeconds" INTEGER NOT NULL DEFAULT 30,
    "abandonCapPercent" DOUBLE PRECISION NOT NULL DEFAULT 3,
    "amd" BOOLEAN NOT NULL DEFAULT true,
    "machineAction" "MachineAction" NOT NULL DEFAULT 'HANG_UP',
    "unsureToAgent" BOOLEAN NOT NULL DEFAULT true,
    "abandonMessage" TEXT NOT NULL DEFAULT '',
    "machineMessage" TEXT NOT NULL DEFAULT '',
    "language" "Locale" NOT NULL DEFAULT 'en',
    "previewSeconds" INTEGER,
    "dispositionIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignList" (
    "campaignId" UUID NOT NULL,
    "listId" UUID NOT NULL,
    "enrolledAt" TIMESTAMPTZ(3),

    CONSTRAINT "CampaignList_pkey" PRIMARY KEY ("campaignId","listId")
);

-- CreateTable
CREATE TABLE "CampaignDoNotCall" (
    "campaignId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignDoNotCall_pkey" PRIMARY KEY ("campaignId","number")
);

-- CreateTable
CREATE TABLE "CampaignContact" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "entryId" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "state" "CampaignContactState" NOT NULL DEFAULT 'WAITING',
    "done" "CampaignContactDone",
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "callbackAgentId" UUID,
    "callback" BOOLEAN NOT NULL DEFAULT false,
    "agentReservedUntil" TIMESTAMPTZ(3),
    "lastAbandonedAt" TIMESTAMPTZ(3),
    "lastOutcome" "CampaignOutcome",
    "sortKey" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CampaignContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignAttempt" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "mode" "CampaignMode" NOT NULL,
    "callId" UUID,
    "interactionId" UUID,
    "agentId" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "connectedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "sipCode" INTEGER,
    "amdResult" TEXT,
    "amdReason" TEXT NOT NULL DEFAULT '',
    "outcome" "CampaignOutcome",
    "dispositionId" UUID,
    "callbackAt" TIMESTAMPTZ(3),

    CONSTRAINT "CampaignAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_queueId_key" ON "Campaign"("queueId");

-- CreateIndex
CREATE INDEX "Campaign_organizationId_status_idx" ON "Campaign"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_organizationId_name_key" ON "Campaign"("organizationId", "name");

-- CreateIndex
CREATE INDEX "CampaignList_listId_idx" ON "CampaignList"("listId");

-- CreateIndex
CREATE INDEX "CampaignContact_campaignId_state_nextAttemptAt_idx" ON "CampaignContact"("campaignId", "state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CampaignContact_entryId_idx" ON "CampaignContact"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignContact_campaignId_phone_key" ON "CampaignContact"("campaignId", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignAttempt_callId_key" ON "CampaignAttempt"("callId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignAttempt_interactionId_key" ON "CampaignAttempt"("interactionId");

-- CreateIndex
CREATE INDEX "CampaignAttempt_campaignId_startedAt_idx" ON "CampaignAttempt"("campaignId", "startedAt");

-- CreateIndex
CREATE INDEX "CampaignAttempt_contactId_idx" ON "CampaignAttempt"("contactId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignList" ADD CONSTRAINT "CampaignList_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignList" ADD CONSTRAINT "CampaignList_listId_fkey" FOREIGN KEY ("listId") REFERENCES "ContactList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignDoNotCall" ADD CONSTRAINT "CampaignDoNotCall_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignContact" ADD CONSTRAINT "CampaignContact_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignContact" ADD CONSTRAINT "CampaignContact_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ContactListEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignAttempt" ADD CONSTRAINT "CampaignAttempt_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignAttempt" ADD CONSTRAINT "CampaignAttempt_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "CampaignContact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
