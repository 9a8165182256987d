-- AlterTable
ALTER TABLE "CallParty" ADD COLUMN     "trunkId" UUID;

-- CreateIndex
CREATE INDEX "CallParty_trunkId_createdAt_idx" ON "CallParty"("trunkId", "createdAt");

-- AddForeignKey
ALTER TABLE "CallParty" ADD CONSTRAINT "CallParty_trunkId_fkey" FOREIGN KEY ("trunkId") REFERENCES "SipTrunk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Telephones already on calls were reached through their call's trunk.
UPDATE "CallParty" AS p SET "trunkId" = c."trunkId" FROM "Call" AS c WHERE p."callId" = c."id" AND p."phone" IS NOT NULL AND c."trunkId" IS NOT NULL;
