-- AlterTable
ALTER TABLE "User" ADD COLUMN     "desktopNotifications" BOOLEAN NOT NULL DEFAULT true;
