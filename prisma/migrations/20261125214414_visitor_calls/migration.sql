-- AlterTable
ALTER TABLE "CallParty" ADD COLUMN     "visitorId" UUID;

-- AddForeignKey
ALTER TABLE "CallParty" ADD CONSTRAINT "CallParty_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "Visitor"("id") ON DELETE SET NULL ON UPDATE CASCADE;
