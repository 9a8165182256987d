-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "text" TEXT;
