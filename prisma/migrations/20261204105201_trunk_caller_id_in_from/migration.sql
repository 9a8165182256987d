-- AlterTable
ALTER TABLE "SipTrunk" ADD COLUMN     "callerIdInFrom" BOOLEAN NOT NULL DEFAULT true;
