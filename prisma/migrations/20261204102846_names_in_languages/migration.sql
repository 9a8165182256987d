-- AlterTable
ALTER TABLE "CaseStatus" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "DispositionCode" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "PauseCode" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
