-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "targetLabel" TEXT NOT NULL DEFAULT '';
