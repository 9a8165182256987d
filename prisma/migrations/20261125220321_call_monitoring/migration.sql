-- CreateEnum
CREATE TYPE "MonitorMode" AS ENUM ('LISTEN', 'WHISPER', 'BARGE');

-- AlterTable
ALTER TABLE "CallParty" ADD COLUMN     "mode" "MonitorMode";
