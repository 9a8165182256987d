-- CreateEnum
CREATE TYPE "EmailKind" AS ENUM ('NORMAL', 'AUTO_REPLY', 'BOUNCE');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- AlterEnum
ALTER TYPE "EntryPointKind" ADD VALUE 'MAILBOX';

-- AlterTable
ALTER TABLE "EntryPoint" ADD COLUMN     "credentials" TEXT;

-- CreateTable
CREATE TABLE "MailboxSync" (
    "entryPointId" UUID NOT NULL,
    "uidValidity" BIGINT,
    "lastUid" BIGINT NOT NULL DEFAULT 0,
    "holder" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastSyncAt" TIMESTAMPTZ(3),
    "lastError" TEXT NOT NULL DEFAULT '',
    "lastErrorAt" TIMESTAMPTZ(3),

    CONSTRAINT "MailboxSync_pkey" PRIMARY KEY ("entryPointId")
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "entryPointId" UUID,
    "direction" "Direction" NOT NULL,
    "kind" "EmailKind" NOT NULL DEFAULT 'NORMAL',
    "internetMessageId" TEXT NOT NULL,
    "inReplyTo" TEXT NOT NULL DEFAULT '',
    "references" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subject" TEXT NOT NULL DEFAULT '',
    "fromAddress" TEXT NOT NULL DEFAULT '',
    "fromName" TEXT NOT NULL DEFAULT '',
    "to" JSONB NOT NULL DEFAULT '[]',
    "cc" JSONB NOT NULL DEFAULT '[]',
    "bcc" JSONB NOT NULL DEFAULT '[]',
    "html" TEXT,
    "rawStorageKey" TEXT,
    "rawSize" INTEGER NOT NULL DEFAULT 0,
    "uidValidity" BIGINT,
    "uid" BIGINT,
    "deliveryState" "DeliveryState",
    "deliveryError" TEXT NOT NULL DEFAULT '',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailMessage_organizationId_internetMessageId_idx" ON "EmailMessage"("organizationId", "internetMessageId");

-- CreateIndex
CREATE INDEX "EmailMessage_deliveryState_nextAttemptAt_idx" ON "EmailMessage"("deliveryState", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_entryPointId_uidValidity_uid_key" ON "EmailMessage"("entryPointId", "uidValidity", "uid");

-- AddForeignKey
ALTER TABLE "MailboxSync" ADD CONSTRAINT "MailboxSync_entryPointId_fkey" FOREIGN KEY ("entryPointId") REFERENCES "EntryPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_id_fkey" FOREIGN KEY ("id") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_entryPointId_fkey" FOREIGN KEY ("entryPointId") REFERENCES "EntryPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;
