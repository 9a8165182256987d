-- CreateEnum
CREATE TYPE "CallState" AS ENUM ('RINGING', 'ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "CallPartyRole" AS ENUM ('CALLER', 'CALLEE', 'MONITOR');

-- CreateTable
CREATE TABLE "Call" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "interactionId" UUID,
    "state" "CallState" NOT NULL DEFAULT 'RINGING',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT NOT NULL DEFAULT '',
    "endedById" UUID,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallParty" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "role" "CallPartyRole" NOT NULL,
    "userId" UUID,
    "joinedAt" TIMESTAMPTZ(3),
    "leftAt" TIMESTAMPTZ(3),
    "muted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CallParty_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Call_interactionId_key" ON "Call"("interactionId");

-- CreateIndex
CREATE INDEX "Call_organizationId_state_idx" ON "Call"("organizationId", "state");

-- CreateIndex
CREATE INDEX "CallParty_userId_leftAt_idx" ON "CallParty"("userId", "leftAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallParty_callId_userId_key" ON "CallParty"("callId", "userId");

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallParty" ADD CONSTRAINT "CallParty_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallParty" ADD CONSTRAINT "CallParty_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
