-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "contentId" TEXT;
