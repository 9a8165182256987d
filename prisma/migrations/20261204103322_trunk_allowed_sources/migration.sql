-- AlterTable
ALTER TABLE "SipTrunk" ADD COLUMN     "allowedSources" TEXT[] DEFAULT ARRAY[]::TEXT[];
