-- AlterEnum
ALTER TYPE "SmsProviderKind" ADD VALUE 'HTTP';

-- AlterTable
ALTER TABLE "SmsAccount" ADD COLUMN     "url" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "webhookSecret" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "host" SET DEFAULT '',
ALTER COLUMN "systemId" SET DEFAULT '';

-- AlterTable
ALTER TABLE "SmsMessage" ADD COLUMN     "providerId" TEXT,
ADD COLUMN     "resends" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "SmsMessage_accountId_providerId_key" ON "SmsMessage"("accountId", "providerId");
