-- AlterTable
ALTER TABLE "ContactList" ADD COLUMN     "progressAt" TIMESTAMPTZ(3);
