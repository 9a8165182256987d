-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "replyTo" JSONB NOT NULL DEFAULT '[]';
