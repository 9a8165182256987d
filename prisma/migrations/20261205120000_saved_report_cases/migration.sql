-- AlterEnum
ALTER TYPE "SavedReportKind" ADD VALUE 'CASES';
