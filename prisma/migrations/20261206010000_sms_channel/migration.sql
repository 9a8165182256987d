-- CreateEnum
CREATE TYPE "SmsProviderKind" AS ENUM ('SMPP');

-- CreateEnum
CREATE TYPE "SmsLinkStatus" AS ENUM ('OFF', 'CONNECTING', 'BOUND', 'DOWN');

-- CreateEnum
CREATE TYPE "SmsState" AS ENUM ('RECEIVED', 'QUEUED', 'SENT', 'DELIVERED', 'FAILED');

-- AlterEnum
ALTER TYPE "EntryPointKind" ADD VALUE 'SMS';

-- AlterTable
ALTER TABLE "EntryPoint" ADD COLUMN     "smsAccountId" UUID;

-- CreateTable
CREATE TABLE "SmsAccount" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SmsProviderKind" NOT NULL DEFAULT 'SMPP',
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 2775,
    "systemId" TEXT NOT NULL,
    "secret" TEXT NOT NULL DEFAULT '',
    "systemType" TEXT NOT NULL DEFAULT '',
    "ratePerSecond" INTEGER NOT NULL DEFAULT 30,
    "window" INTEGER NOT NULL DEFAULT 10,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "status" "SmsLinkStatus" NOT NULL DEFAULT 'OFF',
    "statusDetail" TEXT NOT NULL DEFAULT '',
    "statusAt" TIMESTAMPTZ(3),
    "holder" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SmsAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "accountId" UUID,
    "entryPointId" UUID,
    "direction" "Direction" NOT NULL,
    "customerNumber" TEXT NOT NULL,
    "ownNumber" TEXT NOT NULL,
    "coding" TEXT NOT NULL DEFAULT 'GSM7',
    "parts" INTEGER NOT NULL DEFAULT 1,
    "ref" INTEGER NOT NULL DEFAULT 0,
    "state" "SmsState" NOT NULL,
    "error" TEXT NOT NULL DEFAULT '',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "missingParts" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsPart" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "providerId" TEXT NOT NULL,
    "smsMessageId" UUID,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "detail" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsPart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsInboundPart" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "fromNumber" TEXT NOT NULL,
    "toNumber" TEXT NOT NULL,
    "ref" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "dataCoding" INTEGER NOT NULL,
    "payload" BYTEA NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "messageId" UUID,

    CONSTRAINT "SmsInboundPart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsOptOut" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "keyword" TEXT NOT NULL DEFAULT '',
    "messageId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsOptOut_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SmsAccount_organizationId_name_key" ON "SmsAccount"("organizationId", "name");

-- CreateIndex
CREATE INDEX "SmsMessage_organizationId_customerNumber_createdAt_idx" ON "SmsMessage"("organizationId", "customerNumber", "createdAt");

-- CreateIndex
CREATE INDEX "SmsMessage_state_nextAttemptAt_idx" ON "SmsMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SmsPart_smsMessageId_idx" ON "SmsPart"("smsMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "SmsPart_accountId_providerId_key" ON "SmsPart"("accountId", "providerId");

-- CreateIndex
CREATE INDEX "SmsInboundPart_receivedAt_idx" ON "SmsInboundPart"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SmsInboundPart_accountId_fromNumber_ref_total_seq_key" ON "SmsInboundPart"("accountId", "fromNumber", "ref", "total", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "SmsOptOut_organizationId_number_key" ON "SmsOptOut"("organizationId", "number");

-- AddForeignKey
ALTER TABLE "EntryPoint" ADD CONSTRAINT "EntryPoint_smsAccountId_fkey" FOREIGN KEY ("smsAccountId") REFERENCES "SmsAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsAccount" ADD CONSTRAINT "SmsAccount_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_id_fkey" FOREIGN KEY ("id") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SmsAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsPart" ADD CONSTRAINT "SmsPart_smsMessageId_fkey" FOREIGN KEY ("smsMessageId") REFERENCES "SmsMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
