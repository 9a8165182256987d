-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "wallboard" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "WallboardLink" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "lastSeenAt" TIMESTAMPTZ(3),

    CONSTRAINT "WallboardLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alarm" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "queueId" UUID,
    "trunkId" UUID,
    "threshold" INTEGER NOT NULL DEFAULT 0,
    "recipientIds" UUID[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlarmOccurrence" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "alarmId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "subjectName" TEXT NOT NULL DEFAULT '',
    "openKey" TEXT,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "clearedAt" TIMESTAMPTZ(3),
    "peakValue" DOUBLE PRECISION NOT NULL,
    "lastValue" DOUBLE PRECISION NOT NULL,
    "clearingSince" TIMESTAMPTZ(3),

    CONSTRAINT "AlarmOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WallboardLink_tokenHash_key" ON "WallboardLink"("tokenHash");

-- CreateIndex
CREATE INDEX "WallboardLink_organizationId_createdAt_idx" ON "WallboardLink"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Alarm_organizationId_idx" ON "Alarm"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "AlarmOccurrence_openKey_key" ON "AlarmOccurrence"("openKey");

-- CreateIndex
CREATE INDEX "AlarmOccurrence_organizationId_raisedAt_idx" ON "AlarmOccurrence"("organizationId", "raisedAt");

-- AddForeignKey
ALTER TABLE "WallboardLink" ADD CONSTRAINT "WallboardLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlarmOccurrence" ADD CONSTRAINT "AlarmOccurrence_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlarmOccurrence" ADD CONSTRAINT "AlarmOccurrence_alarmId_fkey" FOREIGN KEY ("alarmId") REFERENCES "Alarm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The wall-board's TV links (administrators and managers) and alarms (supervisors too).
UPDATE "Role" SET "permissions" = array_append("permissions", 'wallboard.manage')
  WHERE "key" IN ('ADMIN', 'MANAGER') AND NOT ('wallboard.manage' = ANY("permissions"));
UPDATE "Role" SET "permissions" = array_append("permissions", 'alarms.manage')
  WHERE "key" IN ('ADMIN', 'MANAGER', 'SUPERVISOR') AND NOT ('alarms.manage' = ANY("permissions"));
