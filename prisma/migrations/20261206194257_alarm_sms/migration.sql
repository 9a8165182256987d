-- AlterTable
ALTER TABLE "Alarm" ADD COLUMN     "smsAccountId" UUID,
ADD COLUMN     "smsNumbers" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "SmsPart" ADD COLUMN     "noticeSmsId" UUID;

-- CreateTable
CREATE TABLE "NoticeSms" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "accountId" UUID,
    "alarmId" UUID,
    "toNumber" TEXT NOT NULL,
    "ownNumber" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "coding" TEXT NOT NULL DEFAULT 'GSM7',
    "parts" INTEGER NOT NULL DEFAULT 1,
    "ref" INTEGER NOT NULL DEFAULT 0,
    "state" "SmsState" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT NOT NULL DEFAULT '',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeSms_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoticeSms_accountId_state_nextAttemptAt_idx" ON "NoticeSms"("accountId", "state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NoticeSms_organizationId_createdAt_idx" ON "NoticeSms"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "NoticeSms_alarmId_createdAt_idx" ON "NoticeSms"("alarmId", "createdAt");

-- CreateIndex
CREATE INDEX "SmsPart_noticeSmsId_idx" ON "SmsPart"("noticeSmsId");

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_smsAccountId_fkey" FOREIGN KEY ("smsAccountId") REFERENCES "SmsAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsPart" ADD CONSTRAINT "SmsPart_noticeSmsId_fkey" FOREIGN KEY ("noticeSmsId") REFERENCES "NoticeSms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeSms" ADD CONSTRAINT "NoticeSms_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeSms" ADD CONSTRAINT "NoticeSms_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SmsAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeSms" ADD CONSTRAINT "NoticeSms_alarmId_fkey" FOREIGN KEY ("alarmId") REFERENCES "Alarm"("id") ON DELETE SET NULL ON UPDATE CASCADE;
