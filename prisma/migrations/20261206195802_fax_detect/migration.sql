-- AlterTable
ALTER TABLE "EntryPoint" ADD COLUMN     "faxDetect" BOOLEAN NOT NULL DEFAULT false;
