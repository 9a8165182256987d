-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "malformed" BOOLEAN NOT NULL DEFAULT false;
