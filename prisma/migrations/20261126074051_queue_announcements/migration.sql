-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "announceEverySeconds" INTEGER;
