-- AlterTable
ALTER TABLE "MailboxSync" ADD COLUMN     "failingSince" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "SmsAccount" ADD COLUMN     "downSince" TIMESTAMPTZ(3);
