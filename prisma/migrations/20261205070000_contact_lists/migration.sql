-- CreateEnum
CREATE TYPE "ContactListStatus" AS ENUM ('IMPORTING', 'READY', 'FAILED');

-- CreateTable
CREATE TABLE "ContactList" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "ContactListStatus" NOT NULL DEFAULT 'IMPORTING',
    "fieldNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "defaultCountry" TEXT NOT NULL DEFAULT 'PL',
    "fileName" TEXT NOT NULL DEFAULT '',
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "totalRows" INTEGER,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "blocked" INTEGER NOT NULL DEFAULT 0,
    "doNotCall" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ContactList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactListEntry" (
    "id" UUID NOT NULL,
    "listId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "externalId" TEXT NOT NULL DEFAULT '',
    "fields" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ContactListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactListReject" (
    "id" UUID NOT NULL,
    "listId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "phone" TEXT NOT NULL DEFAULT '',
    "values" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ContactListReject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DoNotCallNumber" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoNotCallNumber_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactList_organizationId_createdAt_idx" ON "ContactList"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "ContactListEntry_listId_row_idx" ON "ContactListEntry"("listId", "row");

-- CreateIndex
CREATE UNIQUE INDEX "ContactListEntry_listId_phone_key" ON "ContactListEntry"("listId", "phone");

-- CreateIndex
CREATE INDEX "ContactListReject_listId_row_idx" ON "ContactListReject"("listId", "row");

-- CreateIndex
CREATE UNIQUE INDEX "DoNotCallNumber_organizationId_number_key" ON "DoNotCallNumber"("organizationId", "number");

-- AddForeignKey
ALTER TABLE "ContactList" ADD CONSTRAINT "ContactList_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactListEntry" ADD CONSTRAINT "ContactListEntry_listId_fkey" FOREIGN KEY ("listId") REFERENCES "ContactList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactListReject" ADD CONSTRAINT "ContactListReject_listId_fkey" FOREIGN KEY ("listId") REFERENCES "ContactList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoNotCallNumber" ADD CONSTRAINT "DoNotCallNumber_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Contact lists and the do-not-call list: admins and supervisors manage them.
UPDATE "Role" SET "permissions" = array_append("permissions", 'campaigns.manage')
  WHERE "key" IN ('ADMIN', 'SUPERVISOR') AND NOT ('campaigns.manage' = ANY("permissions"));
