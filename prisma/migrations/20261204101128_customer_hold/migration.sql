-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "customerHeld" BOOLEAN NOT NULL DEFAULT false;
