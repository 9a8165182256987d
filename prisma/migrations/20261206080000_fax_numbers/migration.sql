-- CreateEnum
CREATE TYPE "FaxState" AS ENUM ('RECEIVED', 'PARTIAL', 'FAILED');

-- AlterTable
ALTER TABLE "EntryPoint" ADD COLUMN     "fax" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FaxMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "entryPointId" UUID,
    "direction" "Direction" NOT NULL,
    "customerNumber" TEXT NOT NULL,
    "ownNumber" TEXT NOT NULL,
    "remoteIdent" TEXT NOT NULL DEFAULT '',
    "pages" INTEGER NOT NULL DEFAULT 0,
    "state" "FaxState" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "bitRate" INTEGER,
    "ecm" BOOLEAN,
    "badRows" INTEGER NOT NULL DEFAULT 0,
    "seconds" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FaxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FaxMessage_organizationId_customerNumber_createdAt_idx" ON "FaxMessage"("organizationId", "customerNumber", "createdAt");

-- AddForeignKey
ALTER TABLE "FaxMessage" ADD CONSTRAINT "FaxMessage_id_fkey" FOREIGN KEY ("id") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
