-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "faxCover" JSONB NOT NULL DEFAULT '{}';
