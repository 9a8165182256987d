-- CreateEnum
CREATE TYPE "TrunkStatus" AS ENUM ('OFF', 'REGISTERING', 'REGISTERED', 'FAILED');

-- AlterEnum
ALTER TYPE "EntryPointKind" ADD VALUE 'PHONE';

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "localNumber" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "remoteNumber" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sipCode" INTEGER,
ADD COLUMN     "sipReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "trunkId" UUID;

-- AlterTable
ALTER TABLE "CallParty" ADD COLUMN     "phone" TEXT;

-- AlterTable
ALTER TABLE "EntryPoint" ADD COLUMN     "trunkId" UUID;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "outboundCalls" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "SipTrunk" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "proxy" TEXT NOT NULL DEFAULT '',
    "username" TEXT NOT NULL,
    "authUser" TEXT NOT NULL DEFAULT '',
    "secret" TEXT NOT NULL DEFAULT '',
    "register" BOOLEAN NOT NULL DEFAULT true,
    "callerIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "codecs" TEXT[] DEFAULT ARRAY['PCMA', 'PCMU']::TEXT[],
    "maxCalls" INTEGER NOT NULL DEFAULT 30,
    "callsPerMinute" INTEGER NOT NULL DEFAULT 30,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "status" "TrunkStatus" NOT NULL DEFAULT 'OFF',
    "statusDetail" TEXT NOT NULL DEFAULT '',
    "statusAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SipTrunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockedNumber" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "until" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockedNumber_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SipTrunk_organizationId_name_key" ON "SipTrunk"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BlockedNumber_organizationId_number_key" ON "BlockedNumber"("organizationId", "number");

-- AddForeignKey
ALTER TABLE "EntryPoint" ADD CONSTRAINT "EntryPoint_trunkId_fkey" FOREIGN KEY ("trunkId") REFERENCES "SipTrunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_trunkId_fkey" FOREIGN KEY ("trunkId") REFERENCES "SipTrunk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SipTrunk" ADD CONSTRAINT "SipTrunk_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockedNumber" ADD CONSTRAINT "BlockedNumber_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The built-in roles get the new telephony permissions (custom roles are left to their admins).
UPDATE "Role" SET "permissions" = array_cat("permissions", ARRAY['telephony.manage', 'calls.dial_out', 'blocklist.manage'])
  WHERE "key" = 'ADMIN' AND NOT ('telephony.manage' = ANY("permissions"));
UPDATE "Role" SET "permissions" = array_append("permissions", 'blocklist.manage')
  WHERE "key" = 'MANAGER' AND NOT ('blocklist.manage' = ANY("permissions"));
UPDATE "Role" SET "permissions" = array_cat("permissions", ARRAY['calls.dial_out', 'blocklist.manage'])
  WHERE "key" = 'SUPERVISOR' AND NOT ('calls.dial_out' = ANY("permissions"));
UPDATE "Role" SET "permissions" = array_append("permissions", 'calls.dial_out')
  WHERE "key" = 'AGENT' AND NOT ('calls.dial_out' = ANY("permissions"));
