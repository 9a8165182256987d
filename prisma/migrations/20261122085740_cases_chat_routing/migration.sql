-- CreateEnum
CREATE TYPE "CaseStatusCategory" AS ENUM ('NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "InteractionState" AS ENUM ('QUEUED', 'ACTIVE', 'ENDED', 'ABANDONED', 'LEFT_MESSAGE');

-- CreateEnum
CREATE TYPE "AuthorType" AS ENUM ('CONTACT', 'AGENT', 'SYSTEM');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('MESSAGE', 'NOTE');

-- CreateEnum
CREATE TYPE "RoutingStrategy" AS ENUM ('LONGEST_IDLE', 'LEAST_BUSY', 'SKILLS', 'ROUND_ROBIN');

-- CreateEnum
CREATE TYPE "QueueItemState" AS ENUM ('WAITING', 'OFFERED', 'ASSIGNED', 'DONE');

-- CreateEnum
CREATE TYPE "EntryPointKind" AS ENUM ('CHAT_WIDGET');

-- AlterEnum
ALTER TYPE "StateChangeSource" ADD VALUE 'SYSTEM';

-- AlterTable
ALTER TABLE "AgentPresence" ADD COLUMN     "idleSince" TIMESTAMPTZ(3),
ADD COLUMN     "missedOffers" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "caseCounter" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "defaultCapacity" JSONB NOT NULL DEFAULT '{"VOICE": 1, "CHAT": 3, "EMAIL": 5, "SMS": 5, "FAX": 5}',
ADD COLUMN     "missedOffersBeforePause" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "PauseCode" ADD COLUMN     "systemKey" TEXT;

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "maxQueueLength" INTEGER,
ADD COLUMN     "maxWaitSeconds" INTEGER,
ADD COLUMN     "offerTimeoutSeconds" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "overflowMessage" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "overflowQueueId" UUID,
ADD COLUMN     "processId" UUID,
ADD COLUMN     "strategy" "RoutingStrategy" NOT NULL DEFAULT 'LONGEST_IDLE';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "capacity" JSONB;

-- CreateTable
CREATE TABLE "Process" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Process_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseStatus" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "processId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "category" "CaseStatusCategory" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "CaseStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "processId" UUID NOT NULL,
    "statusId" UUID NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "channel" "Channel" NOT NULL,
    "contactId" UUID,
    "queueId" UUID,
    "assigneeId" UUID,
    "deadline" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastActivityAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interaction" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "direction" "Direction" NOT NULL DEFAULT 'INBOUND',
    "state" "InteractionState" NOT NULL DEFAULT 'QUEUED',
    "entryPointId" UUID,
    "queueId" UUID,
    "agentId" UUID,
    "visitorId" UUID,
    "topic" TEXT NOT NULL DEFAULT '',
    "data" JSONB NOT NULL DEFAULT '{}',
    "arrivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endedBy" TEXT,
    "rating" INTEGER,
    "ratingComment" TEXT NOT NULL DEFAULT '',
    "contactDeliveredAt" TIMESTAMPTZ(3),
    "contactReadAt" TIMESTAMPTZ(3),
    "agentReadAt" TIMESTAMPTZ(3),

    CONSTRAINT "Interaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InteractionEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "interactionId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "agentId" UUID,
    "queueId" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InteractionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "interactionId" UUID,
    "kind" "MessageKind" NOT NULL DEFAULT 'MESSAGE',
    "authorType" "AuthorType" NOT NULL,
    "authorUserId" UUID,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "messageId" UUID,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntryPoint" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "EntryPointKind" NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "queueId" UUID NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',
    "identitySecret" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EntryPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visitor" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "entryPointId" UUID NOT NULL,
    "contactId" UUID,
    "name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "externalId" TEXT,
    "language" "Locale",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Visitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueItem" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "queueId" UUID NOT NULL,
    "interactionId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "vip" BOOLEAN NOT NULL DEFAULT false,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "state" "QueueItemState" NOT NULL DEFAULT 'WAITING',
    "enqueuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offeredToId" UUID,
    "offeredAt" TIMESTAMPTZ(3),
    "offerExpiresAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "declinedBy" UUID[],
    "assignedToId" UUID,
    "targetAgentId" UUID,
    "transferFromId" UUID,
    "transferNote" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QueueItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RouterLease" (
    "queueId" UUID NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RouterLease_pkey" PRIMARY KEY ("queueId")
);

-- CreateTable
CREATE TABLE "CannedReply" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "queueId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CannedReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Process_organizationId_name_key" ON "Process"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CaseStatus_processId_name_key" ON "CaseStatus"("processId", "name");

-- CreateIndex
CREATE INDEX "Case_organizationId_lastActivityAt_idx" ON "Case"("organizationId", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Case_organizationId_statusId_idx" ON "Case"("organizationId", "statusId");

-- CreateIndex
CREATE INDEX "Case_assigneeId_lastActivityAt_idx" ON "Case"("assigneeId", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Case_contactId_idx" ON "Case"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_organizationId_number_key" ON "Case"("organizationId", "number");

-- CreateIndex
CREATE INDEX "Interaction_caseId_idx" ON "Interaction"("caseId");

-- CreateIndex
CREATE INDEX "Interaction_agentId_state_idx" ON "Interaction"("agentId", "state");

-- CreateIndex
CREATE INDEX "Interaction_organizationId_arrivedAt_idx" ON "Interaction"("organizationId", "arrivedAt");

-- CreateIndex
CREATE INDEX "InteractionEvent_interactionId_at_idx" ON "InteractionEvent"("interactionId", "at");

-- CreateIndex
CREATE INDEX "InteractionEvent_organizationId_type_at_idx" ON "InteractionEvent"("organizationId", "type", "at");

-- CreateIndex
CREATE INDEX "Message_caseId_createdAt_idx" ON "Message"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_interactionId_createdAt_idx" ON "Message"("interactionId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_caseId_idx" ON "Attachment"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "EntryPoint_key_key" ON "EntryPoint"("key");

-- CreateIndex
CREATE UNIQUE INDEX "EntryPoint_organizationId_name_key" ON "EntryPoint"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "QueueItem_interactionId_key" ON "QueueItem"("interactionId");

-- CreateIndex
CREATE INDEX "QueueItem_queueId_state_vip_priority_enqueuedAt_idx" ON "QueueItem"("queueId", "state", "vip", "priority", "enqueuedAt");

-- CreateIndex
CREATE INDEX "QueueItem_offeredToId_state_idx" ON "QueueItem"("offeredToId", "state");

-- CreateIndex
CREATE INDEX "QueueItem_state_offerExpiresAt_idx" ON "QueueItem"("state", "offerExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "CannedReply_organizationId_title_key" ON "CannedReply"("organizationId", "title");

-- CreateIndex
CREATE UNIQUE INDEX "PauseCode_organizationId_systemKey_key" ON "PauseCode"("organizationId", "systemKey");

-- AddForeignKey
ALTER TABLE "Queue" ADD CONSTRAINT "Queue_overflowQueueId_fkey" FOREIGN KEY ("overflowQueueId") REFERENCES "Queue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Queue" ADD CONSTRAINT "Queue_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Process" ADD CONSTRAINT "Process_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseStatus" ADD CONSTRAINT "CaseStatus_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_statusId_fkey" FOREIGN KEY ("statusId") REFERENCES "CaseStatus"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_entryPointId_fkey" FOREIGN KEY ("entryPointId") REFERENCES "EntryPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "Visitor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteractionEvent" ADD CONSTRAINT "InteractionEvent_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntryPoint" ADD CONSTRAINT "EntryPoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntryPoint" ADD CONSTRAINT "EntryPoint_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visitor" ADD CONSTRAINT "Visitor_entryPointId_fkey" FOREIGN KEY ("entryPointId") REFERENCES "EntryPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visitor" ADD CONSTRAINT "Visitor_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueItem" ADD CONSTRAINT "QueueItem_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueItem" ADD CONSTRAINT "QueueItem_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CannedReply" ADD CONSTRAINT "CannedReply_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CannedReply" ADD CONSTRAINT "CannedReply_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data: what existing organisations need for cases and routing (new organisations get the same from
-- prisma/seed/seed.ts, with the names of domain/cases/default-process.ts).
INSERT INTO "Process" ("id", "organizationId", "name", "isDefault")
SELECT gen_random_uuid(), o."id",
       CASE o."locale" WHEN 'pl' THEN 'Domyślny' WHEN 'ru' THEN 'Основной' ELSE 'Default' END, true
FROM "Organization" o;

INSERT INTO "CaseStatus" ("id", "organizationId", "processId", "name", "color", "category", "sortOrder")
SELECT gen_random_uuid(), p."organizationId", p."id", s.name, s.color, s.category::"CaseStatusCategory", s.sort
FROM "Process" p
JOIN "Organization" o ON o."id" = p."organizationId"
CROSS JOIN LATERAL (VALUES
  (CASE o."locale" WHEN 'pl' THEN 'Nowa' WHEN 'ru' THEN 'Новое' ELSE 'New' END, '#2563eb', 'NEW', 0),
  (CASE o."locale" WHEN 'pl' THEN 'W toku' WHEN 'ru' THEN 'В работе' ELSE 'Open' END, '#d97706', 'OPEN', 1),
  (CASE o."locale" WHEN 'pl' THEN 'Czeka na klienta' WHEN 'ru' THEN 'Ждёт клиента' ELSE 'Waiting for customer' END, '#7c3aed', 'PENDING', 2),
  (CASE o."locale" WHEN 'pl' THEN 'Rozwiązana' WHEN 'ru' THEN 'Решено' ELSE 'Resolved' END, '#059669', 'RESOLVED', 3),
  (CASE o."locale" WHEN 'pl' THEN 'Zamknięta' WHEN 'ru' THEN 'Закрыто' ELSE 'Closed' END, '#64748b', 'CLOSED', 4)
) AS s(name, color, category, sort)
WHERE p."isDefault";

INSERT INTO "PauseCode" ("id", "organizationId", "name", "systemKey", "sortOrder", "active", "updatedAt")
SELECT gen_random_uuid(), o."id",
       CASE o."locale" WHEN 'pl' THEN 'Nieodebrane oferty' WHEN 'ru' THEN 'Пропущенные предложения' ELSE 'Missed offers' END,
       'MISSED_OFFERS', 1000, true, now()
FROM "Organization" o
ON CONFLICT DO NOTHING;

-- New permissions for the built-in roles (domain/access/permissions.ts has the same defaults).
UPDATE "Role" SET "permissions" = ARRAY(SELECT DISTINCT unnest("permissions" || ARRAY['cases.read_all', 'cases.manage', 'cases.configure', 'contacts.manage', 'entry_points.manage', 'canned_replies.manage']) ORDER BY 1) WHERE "key" = 'ADMIN';
UPDATE "Role" SET "permissions" = ARRAY(SELECT DISTINCT unnest("permissions" || ARRAY['cases.read_all', 'cases.manage', 'cases.configure', 'contacts.manage', 'canned_replies.manage']) ORDER BY 1) WHERE "key" = 'MANAGER';
UPDATE "Role" SET "permissions" = ARRAY(SELECT DISTINCT unnest("permissions" || ARRAY['cases.read_all', 'cases.manage', 'contacts.manage', 'canned_replies.manage']) ORDER BY 1) WHERE "key" = 'SUPERVISOR';
UPDATE "Role" SET "permissions" = ARRAY(SELECT DISTINCT unnest("permissions" || ARRAY['contacts.manage']) ORDER BY 1) WHERE "key" = 'AGENT';
