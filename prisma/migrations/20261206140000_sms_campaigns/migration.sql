-- AlterEnum
ALTER TYPE "CampaignContactDone" ADD VALUE 'OPTED_OUT';

-- AlterEnum
ALTER TYPE "CampaignMode" ADD VALUE 'SMS';

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "smsAccountId" UUID,
ADD COLUMN     "smsFrom" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "smsPerMinute" INTEGER NOT NULL DEFAULT 600,
ADD COLUMN     "smsPlainLetters" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "smsTemplate" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "SmsPart" ADD COLUMN     "campaignSmsId" UUID;

-- CreateTable
CREATE TABLE "CampaignSms" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "accountId" UUID,
    "customerNumber" TEXT NOT NULL,
    "ownNumber" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "coding" TEXT NOT NULL DEFAULT 'GSM7',
    "parts" INTEGER NOT NULL DEFAULT 1,
    "ref" INTEGER NOT NULL DEFAULT 0,
    "state" "SmsState" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT NOT NULL DEFAULT '',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "replyCaseId" UUID,
    "repliedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignSms_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignSms_contactId_key" ON "CampaignSms"("contactId");

-- CreateIndex
CREATE INDEX "CampaignSms_campaignId_state_idx" ON "CampaignSms"("campaignId", "state");

-- CreateIndex
CREATE INDEX "CampaignSms_campaignId_lastAttemptAt_idx" ON "CampaignSms"("campaignId", "lastAttemptAt");

-- CreateIndex
CREATE INDEX "CampaignSms_state_nextAttemptAt_idx" ON "CampaignSms"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CampaignSms_organizationId_customerNumber_sentAt_idx" ON "CampaignSms"("organizationId", "customerNumber", "sentAt");

-- CreateIndex
CREATE INDEX "SmsPart_campaignSmsId_idx" ON "SmsPart"("campaignSmsId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_smsAccountId_fkey" FOREIGN KEY ("smsAccountId") REFERENCES "SmsAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsPart" ADD CONSTRAINT "SmsPart_campaignSmsId_fkey" FOREIGN KEY ("campaignSmsId") REFERENCES "CampaignSms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSms" ADD CONSTRAINT "CampaignSms_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSms" ADD CONSTRAINT "CampaignSms_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "CampaignContact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSms" ADD CONSTRAINT "CampaignSms_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SmsAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;
