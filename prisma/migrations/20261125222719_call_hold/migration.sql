-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "held" BOOLEAN NOT NULL DEFAULT false;
