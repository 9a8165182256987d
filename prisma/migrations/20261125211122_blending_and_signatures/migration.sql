-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "blending" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "emailSignature" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailSignature" TEXT NOT NULL DEFAULT '';
