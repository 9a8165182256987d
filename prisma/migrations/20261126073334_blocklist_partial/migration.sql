-- AlterTable
ALTER TABLE "BlockedNumber" ADD COLUMN     "dids" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "message" TEXT NOT NULL DEFAULT '';

-- Agents may block abusive callers (not unblock): the built-in AGENT role gets it.
UPDATE "Role" SET "permissions" = array_append("permissions", 'blocklist.add')
  WHERE "key" = 'AGENT' AND NOT ('blocklist.add' = ANY("permissions"));
